import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { ago, audit, notification } from "@/scripts/test/retention";
import { auditLog, workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import { actionRuntime } from "@/app/_server/action";
import { previewRetentionAction, saveRetentionAction } from "@/app/_actions/retention";
import { DEFAULT_RETENTION } from "@/lib/retention/settings";
import * as retention from "./workspace/retention/route";
import * as preview from "./workspace/retention/preview/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

const CHOSEN = { publish_attempts: 90, analytics: null, events: 3, notifications: 14, audit_log: 400, webhook_deliveries: 7 };
const MINUTE = 60_000;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  B = await makeWorkspaceWithTokens(db());
});

const get = async (token: string) => (await call(retention.GET, { token })).json!;
const put = (token: string, body: unknown) => call(retention.PUT, { method: "PUT", token, body });

describe("GET/PUT /api/v1/workspace/retention", () => {
  it("answers the defaults and bounds to every member", async () => {
    for (const role of ["admin", "editor", "viewer"] as const) {
      const res = await call(retention.GET, { token: A.tokens[role] });
      expect(res.status).toBe(200);
      expect(res.json!.settings).toEqual(DEFAULT_RETENTION);
      expect(res.json!.defaults).toEqual({ publish_attempts: 365, analytics: 730, events: 1, notifications: 90, audit_log: 365, webhook_deliveries: 30 });
      expect(res.json!.limits.events).toEqual({ min_days: 1, max_days: 30, keep_forever: false });
      expect(res.json!.limits.analytics).toEqual({ min_days: 30, max_days: 3650, keep_forever: true });
    }
    expect((await call(retention.GET)).status).toBe(401);
  });

  it("refuses editors and viewers with 403 and changes nothing", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const res = await put(A.tokens[role], CHOSEN);
      expect(res.status).toBe(403);
      expect(res.json!.error.code).toBe("forbidden");
    }
    expect((await get(A.tokens.admin)).settings).toEqual(DEFAULT_RETENTION);
  });

  it("lets an admin replace the settings, keeps the workspace's other settings, and writes an audit row", async () => {
    await db()
      .update(workspaces)
      .set({ settings: { quality_gates: { keep: true } } })
      .where(eq(workspaces.id, A.workspace.id));
    const res = await put(A.tokens.admin, CHOSEN);
    expect(res.status).toBe(200);
    expect(res.json!.settings).toEqual(CHOSEN);
    expect((await get(A.tokens.viewer)).settings).toEqual(CHOSEN);
    const [ws] = await db().select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, A.workspace.id));
    expect(ws!.settings).toEqual({ quality_gates: { keep: true }, retention: CHOSEN });
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, A.workspace.id), eq(auditLog.action, "retention.update")));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actorUserId: A.actors.admin.userId, before: DEFAULT_RETENTION, after: CHOSEN });
    // Kinds left out go back to their defaults.
    expect((await put(A.tokens.admin, { analytics: null })).json!.settings).toEqual({ ...DEFAULT_RETENTION, analytics: null });
    expect((await put(A.tokens.admin, CHOSEN)).status).toBe(200);
    // Workspace B is untouched.
    expect((await get(B.tokens.admin)).settings).toEqual(DEFAULT_RETENTION);
  });

  it("answers 400 naming the bounds for bad settings, and keeps the old ones", async () => {
    const bad: [unknown, RegExp][] = [
      [{ publish_attempts: 29 }, /Publish attempts: from 30 to 3650 days/],
      [{ analytics: 3651 }, /Analytics measurements: from 30 to 3650 days/],
      [{ events: null }, /Events: from 1 to 30 days \(cannot be kept forever\)/],
      [{ events: 31 }, /Events: from 1 to 30 days/],
      [{ notifications: 10.5 }, /Notifications: from 7 to 3650 days/],
      [{ audit_log: "365" }, /Audit log: from 30 to 3650 days/],
      [{ webhook_deliveries: 0 }, /Webhook deliveries: from 1 to 3650 days/],
      [{ webhook_deliveries: -5 }, /Webhook deliveries/],
      [{ backups: 10 }, /backups/],
      [[30], /./],
      [JSON.stringify("forever"), /./],
    ];
    for (const [body, message] of bad) {
      const res = await put(A.tokens.admin, body);
      expect([JSON.stringify(body), res.status, res.json!.error.code]).toEqual([JSON.stringify(body), 400, "bad_request:validation"]);
      expect(JSON.stringify(res.json!.error)).toMatch(message);
    }
    expect((await get(A.tokens.admin)).settings).toEqual(CHOSEN);
  });
});

describe("GET /api/v1/workspace/retention/preview", () => {
  let userId = "";
  beforeAll(async () => {
    // A's notifications: one 20 days old, one 5 days old; A's audit log: one 500 days old.
    userId = A.actors.admin.userId;
    const now = new Date();
    await notification(db(), A.workspace.id, userId, ago(now, 20));
    await notification(db(), A.workspace.id, userId, ago(now, 5));
    await audit(db(), A.workspace.id, ago(now, 500));
    await notification(db(), B.workspace.id, B.actors.admin.userId, ago(now, 200, -MINUTE));
  });

  it("counts what the saved settings would remove now, for every member", async () => {
    for (const role of ["admin", "viewer"] as const) {
      const res = await call(preview.GET, { token: A.tokens[role], path: "/api/v1/workspace/retention/preview" });
      expect(res.status).toBe(200);
      expect(res.json!.settings).toEqual(CHOSEN);
      expect(res.json!.would_remove).toEqual({ publish_attempts: 0, analytics: 0, events: 0, notifications: 1, audit_log: 1, webhook_deliveries: 0 });
      expect(res.json!.total).toBe(2);
    }
  });

  it("counts what proposed settings would remove, without saving them", async () => {
    const res = await call(preview.GET, { token: A.tokens.viewer, path: "/api/v1/workspace/retention/preview?notifications=7&audit_log=forever" });
    expect(res.status).toBe(200);
    expect(res.json!.settings).toEqual({ ...CHOSEN, notifications: 7, audit_log: null });
    expect(res.json!.would_remove).toMatchObject({ notifications: 1, audit_log: 0 });
    const wider = await call(preview.GET, { token: A.tokens.admin, path: "/api/v1/workspace/retention/preview?notifications=30" });
    expect(wider.json!.would_remove.notifications).toBe(0);
    expect((await get(A.tokens.admin)).settings).toEqual(CHOSEN);
    // B's own notification (200 days) is B's: its default of 90 days counts it, A's preview never does.
    const b = await call(preview.GET, { token: B.tokens.admin, path: "/api/v1/workspace/retention/preview" });
    expect(b.json!.would_remove.notifications).toBe(1);
  });

  it("answers 400 for values out of bounds or not numbers", async () => {
    for (const q of ["notifications=3", "events=forever", "audit_log=ten", "audit_log=", "analytics=1e3", "nonsense=1"]) {
      const res = await call(preview.GET, { token: A.tokens.admin, path: `/api/v1/workspace/retention/preview?${q}` });
      expect([q, res.status]).toEqual([q, 400]);
    }
  });
});

describe("the settings screen's actions", () => {
  const original = { ...actionRuntime };
  afterAll(() => Object.assign(actionRuntime, original));

  it("lets only admins save; any member previews", async () => {
    actionRuntime.revalidate = () => undefined;
    actionRuntime.member = async () => ({ db: db(), actor: A.actors.editor });
    expect(await saveRetentionAction({ ...CHOSEN, notifications: 7 })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const counted = await previewRetentionAction({ ...CHOSEN, notifications: 7 });
    expect(counted.ok && counted.data.would_remove.notifications).toBe(1);

    actionRuntime.member = async () => ({ db: db(), actor: A.actors.admin });
    const refused = await saveRetentionAction({ ...CHOSEN, events: null });
    expect(refused).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
    const saved = await saveRetentionAction({ ...CHOSEN, notifications: 7 });
    expect(saved.ok && saved.data.settings.notifications).toBe(7);
  });
});
