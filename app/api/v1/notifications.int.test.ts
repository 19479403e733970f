import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { and, eq } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import { insertNotifications } from "@/db/queries/notifications";
import * as list from "./notifications/route";
import * as readOne from "./notifications/[id]/read/route";
import * as readAll from "./notifications/read-all/route";
import * as prefs from "./me/notification-preferences/route";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let other: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
const ROLES = ["admin", "editor", "viewer"] as const;

beforeAll(async () => {
  W = await makeWorkspaceWithTokens(ref.current.db);
  other = await makeWorkspaceWithTokens(ref.current.db);
  const rows = [];
  for (const role of ROLES) {
    for (let i = 0; i < 3; i++)
      rows.push({ userId: W.actors[role].userId, workspaceId: W.workspace.id, type: "content_approved", title: `${role} note ${i}`, link: "/content" });
    rows.push({
      userId: W.actors[role].userId,
      workspaceId: W.workspace.id,
      type: "content_rejected",
      title: `${role} email only`,
      data: { in_app: false, email: true },
    });
    // The same person's notes of another workspace stay there.
    rows.push({ userId: W.actors[role].userId, workspaceId: other.workspace.id, type: "content_approved", title: `${role} elsewhere` });
  }
  await insertNotifications(ref.current.db, rows);
});

const prefsBody = (over: Record<string, unknown> = {}) => ({
  triggers: { content_submitted: { in_app: true, email: false }, publishing_failed: { in_app: true, email: true } },
  digest: true,
  quiet_hours: { enabled: true, start: "22:00", end: "07:00", timezone: "Europe/Berlin" },
  ...over,
});

describe("notifications API", () => {
  it("gives every role their own notifications only, unread first, paged", async () => {
    for (const role of ROLES) {
      const res = await call(list.GET, { token: W.tokens[role], path: "/api/v1/notifications?limit=2" });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ unread_count: 3, total: 3, page: 1, pages: 2 });
      expect(res.json!.items).toHaveLength(2);
      expect(res.text).not.toMatch(/elsewhere|email only/);
      for (const other of ROLES.filter((r) => r !== role)) expect(res.text).not.toContain(`${other} note`);
      const page2 = await call(list.GET, { token: W.tokens[role], path: "/api/v1/notifications?limit=2&page=2" });
      expect(page2.json!.items.map((i: { title: string }) => i.title)).toHaveLength(1);
    }
    const bad = await call(list.GET, { token: W.tokens.viewer, path: "/api/v1/notifications?limit=500" });
    expect(bad.status).toBe(400);
    expect((await call(list.GET)).status).toBe(401);
  });

  it("lets each member mark their own read, never another's, and mark all read", async () => {
    const mine = (await call(list.GET, { token: W.tokens.editor })).json!.items as { id: string; read_at: string | null }[];
    const theirs = (await call(list.GET, { token: W.tokens.viewer })).json!.items as { id: string }[];
    const ok = await call(readOne.POST, { method: "POST", token: W.tokens.editor, params: { id: mine[2]!.id } });
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ id: mine[2]!.id, read_at: expect.any(String) });
    const after = await call(list.GET, { token: W.tokens.editor });
    expect(after.json!.unread_count).toBe(2);
    expect(after.json!.items.at(-1)).toMatchObject({ id: mine[2]!.id });
    // Another member's notification is "not found" for an admin too, and stays unread.
    const denied = await call(readOne.POST, { method: "POST", token: W.tokens.admin, params: { id: theirs[0]!.id } });
    expect(denied.status).toBe(404);
    expect(denied.json!.error.code).toBe("not_found:notification");
    expect((await call(readOne.POST, { method: "POST", token: W.tokens.admin, params: { id: "nope" } })).status).toBe(404);
    expect((await call(list.GET, { token: W.tokens.viewer })).json!.unread_count).toBe(3);

    const all = await call(readAll.POST, { method: "POST", token: W.tokens.viewer });
    expect(all.json).toEqual({ updated: 3 });
    expect((await call(list.GET, { token: W.tokens.viewer })).json!.unread_count).toBe(0);
    expect((await call(list.GET, { token: W.tokens.editor })).json!.unread_count).toBe(2);
    expect((await call(list.GET, { token: other.tokens.viewer })).json!.unread_count).toBe(0);
  });

  it("lets every role read and set their own notification preferences, each apart", async () => {
    for (const role of ROLES) {
      const before = await call(prefs.GET, { token: W.tokens[role] });
      expect(before.status).toBe(200);
      expect(before.json).toMatchObject({ digest: false, quiet_hours: { enabled: false }, triggers: { publishing_failed: { in_app: true, email: true } } });
    }
    const put = await call(prefs.PUT, { method: "PUT", token: W.tokens.viewer, body: prefsBody() });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      digest: true,
      quiet_hours: { enabled: true, timezone: "Europe/Berlin" },
      triggers: { content_submitted: { in_app: true, email: false }, content_rejected: { in_app: true, email: true } },
    });
    expect((await call(prefs.GET, { token: W.tokens.viewer })).json).toEqual(put.json);
    expect((await call(prefs.GET, { token: W.tokens.admin })).json!.digest).toBe(false);
    const audit = await ref.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "notification_preferences.update"), eq(auditLog.actorUserId, W.actors.viewer.userId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ digest: true });
    expect(audit[0]!.before).toMatchObject({ digest: false });
  });

  it("refuses a bad body with a clear 400 and changes nothing", async () => {
    const saved = (await call(prefs.GET, { token: W.tokens.editor })).json;
    for (const body of [
      prefsBody({ quiet_hours: { enabled: true, start: "7pm", end: "07:00", timezone: "UTC" } }),
      prefsBody({ quiet_hours: { enabled: true, start: "22:00", end: "07:00", timezone: "Nowhere/City" } }),
      prefsBody({ triggers: { lunch: { in_app: true, email: true } } }),
      { digest: true },
    ]) {
      const res = await call(prefs.PUT, { method: "PUT", token: W.tokens.editor, body });
      expect(res.status).toBe(400);
      expect(res.json!.error.code).toBe("bad_request:validation");
    }
    const tz = await call(prefs.PUT, {
      method: "PUT",
      token: W.tokens.editor,
      body: prefsBody({ quiet_hours: { enabled: true, start: "22:00", end: "07:00", timezone: "Nowhere/City" } }),
    });
    expect(tz.json!.error.message).toMatch(/quiet_hours.timezone: not a known IANA time zone/);
    expect((await call(prefs.GET, { token: W.tokens.editor })).json).toEqual(saved);
  });
});
