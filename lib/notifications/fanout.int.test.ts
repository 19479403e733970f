import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, testDispatcher } from "@/scripts/test/publishing";
import { createWebhookFake } from "@/adapters/fakes/webhook";
import { notifications, workspaces } from "@/db/schema";
import { insertUser } from "@/db/queries/users";
import { insertMembership } from "@/db/queries/workspaces";
import type { Db } from "@/db/client";
import { emitEvent } from "@/db/queries/events";
import { listMyNotifications, setMyNotificationPrefs } from "./index";
import { runFanOut } from "./fanout";
import { defaultPrefs, TRIGGERS } from "./prefs";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const hook = createWebhookFake({ secret: "right" });
beforeAll(() => hook.start());
afterAll(() => hook.close());

async function team() {
  const ws = await makeWorkspace(db());
  const extra = async (role: "admin" | "editor", label: string) => {
    const u = await insertUser(db(), { email: `${label}-${crypto.randomUUID()}@example.test`, name: label, passwordHash: "x" });
    await insertMembership(db(), { workspaceId: ws.workspace.id, userId: u.id, role });
    return { userId: u.id, tokenId: null, workspaceId: ws.workspace.id, role };
  };
  const admin2 = await extra("admin", "second admin");
  const approver = await extra("editor", "designated approver");
  await db()
    .update(workspaces)
    .set({ approverIds: [approver.userId] })
    .where(eq(workspaces.id, ws.workspace.id));
  return { ...ws, admin2, approver, wsId: ws.workspace.id };
}

const rowsOf = async (userId: string) =>
  db()
    .select({ type: notifications.type, title: notifications.title, link: notifications.link, data: notifications.data, emailedAt: notifications.emailedAt })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt);
const typesOf = async (userId: string) => (await rowsOf(userId)).map((r) => r.type);

describe("notification fan-out", () => {
  it("tells approvers (admins and designated ones, not the submitter) about a submission, and the author about each decision", async () => {
    const t = await team();
    const item = "00000000-0000-4000-8000-000000000001";
    await emitEvent(db(), t.wsId, "content_submitted", {
      content_item_id: item,
      title: "Spring launch",
      author_id: t.actors.editor.userId,
      actor_id: t.actors.editor.userId,
      approval_request_id: item,
    });
    await runFanOut(db());
    for (const who of [t.actors.admin.userId, t.admin2.userId, t.approver.userId]) expect(await typesOf(who)).toEqual(["content_submitted"]);
    expect(await typesOf(t.actors.editor.userId)).toEqual([]);
    expect(await typesOf(t.actors.viewer.userId)).toEqual([]);
    expect((await rowsOf(t.actors.admin.userId))[0]).toMatchObject({ title: "“Spring launch” is waiting for your review", link: "/approvals" });

    for (const type of ["content_approved", "content_changes_requested", "content_rejected"] as const) {
      await emitEvent(db(), t.wsId, type, {
        content_item_id: item,
        title: "Spring launch",
        author_id: t.actors.editor.userId,
        actor_id: t.actors.admin.userId,
        approval_request_id: item,
        comment: "See the second line",
      });
    }
    // An admin deciding on their own content is not told about their own decision.
    await emitEvent(db(), t.wsId, "content_approved", {
      content_item_id: item,
      title: "Own post",
      author_id: t.actors.admin.userId,
      actor_id: t.actors.admin.userId,
      approval_request_id: item,
      comment: null,
    });
    await runFanOut(db());
    const editor = await rowsOf(t.actors.editor.userId);
    expect(editor.map((r) => r.type)).toEqual(["content_approved", "content_changes_requested", "content_rejected"]);
    expect(editor[1]).toMatchObject({ title: "Changes requested on “Spring launch”", link: `/content/${item}` });
    expect(await typesOf(t.actors.admin.userId)).toEqual(["content_submitted"]);
    expect(await typesOf(t.approver.userId)).toEqual(["content_submitted"]);
  });

  it("tells the author and the admins about a post that failed for good, adopts the engine's reconnect note, and ignores retries", async () => {
    const t = await team();
    const account = await makeAccount(db(), t.wsId, "webhook", {
      name: "Partner hook",
      config: { api_base_url: hook.hookUrl() },
      credentials: { secret: "wrong" },
    });
    await makeDue(db(), t.wsId, account, "webhook", { title: "Launch note", authorId: t.actors.editor.userId });
    await testDispatcher(db()).drain();
    await runFanOut(db());
    expect(await typesOf(t.actors.editor.userId)).toEqual(["publishing_failed"]);
    expect((await rowsOf(t.actors.editor.userId))[0]!.title).toBe("“Launch note” failed to publish on webhook");
    for (const admin of [t.actors.admin.userId, t.admin2.userId]) {
      expect((await typesOf(admin)).sort()).toEqual(["account_needs_reconnect", "publishing_failed"]);
      const reconnect = (await rowsOf(admin)).find((r) => r.type === "account_needs_reconnect")!;
      expect(reconnect.data).toMatchObject({ event_id: expect.any(Number), in_app: true, email: true });
    }
    expect(await typesOf(t.approver.userId)).toEqual([]);

    // A retry on the way is not news; running out of retries is.
    const [first] = await db().select({ data: notifications.data }).from(notifications).where(eq(notifications.userId, t.actors.editor.userId));
    const contentId = (first!.data as { content_id: string }).content_id;
    await emitEvent(db(), t.wsId, "publishing_failed", {
      content_id: contentId,
      platform_id: "webhook",
      error_message: "503",
      final: false,
      status: "pending",
    });
    await runFanOut(db());
    expect(await typesOf(t.actors.editor.userId)).toEqual(["publishing_failed"]);
    await emitEvent(db(), t.wsId, "publishing_failed", {
      content_id: contentId,
      platform_id: "webhook",
      error_message: "gave up after 3 tries",
      final: true,
      status: "dead_letter",
    });
    await emitEvent(db(), t.wsId, "schedule_missed", {
      content_id: contentId,
      platform_id: "webhook",
      outcome: "skipped",
      message: "Skipped: the server was down",
    });
    await runFanOut(db());
    const editor = await rowsOf(t.actors.editor.userId);
    expect(editor.map((r) => r.type)).toEqual(["publishing_failed", "publishing_failed", "schedule_missed"]);
    expect(editor[1]!.title).toBe("“Launch note” ran out of retries on webhook");
    expect(await typesOf(t.actors.viewer.userId)).toEqual([]);
  });

  it("honours each person's choices per trigger and channel, and holds emails during quiet hours", async () => {
    const t = await team();
    const prefs = defaultPrefs();
    const off = Object.fromEntries(TRIGGERS.map((k) => [k, prefs.triggers[k]]));
    const now = new Date();
    const hh = (d: Date) => d.toISOString().slice(11, 16);
    await setMyNotificationPrefs(db(), t.actors.editor, {
      triggers: { ...off, content_approved: { in_app: false, email: true }, content_rejected: { in_app: false, email: false } },
      digest: false,
      quiet_hours: { enabled: true, start: hh(new Date(now.getTime() - 3600_000)), end: hh(new Date(now.getTime() + 3600_000)), timezone: "UTC" },
    });
    const item = "00000000-0000-4000-8000-000000000002";
    for (const type of ["content_approved", "content_rejected", "content_changes_requested"] as const) {
      await emitEvent(db(), t.wsId, type, {
        content_item_id: item,
        title: "Prefs",
        author_id: t.actors.editor.userId,
        actor_id: t.actors.admin.userId,
        approval_request_id: item,
        comment: "x",
      });
    }
    await runFanOut(db());
    const rows = await rowsOf(t.actors.editor.userId);
    // Rejected: both channels off, no row. Approved: email only, so not in the app.
    expect(rows.map((r) => r.type)).toEqual(["content_approved", "content_changes_requested"]);
    expect(rows[0]!.data).toMatchObject({ in_app: false, email: true });
    const list = await listMyNotifications(db(), t.actors.editor, { page: 1, limit: 20, unread: false });
    expect(list.items.map((i) => i.type)).toEqual(["content_changes_requested"]);
    expect(list.unread_count).toBe(1);
    // Quiet hours: emails wait for their end (in-app still shows).
    for (const r of rows) {
      const due = new Date((r.data as { email_due_at: string }).email_due_at).getTime();
      expect(due).toBeGreaterThan(now.getTime() + 3500_000);
      expect(due).toBeLessThan(now.getTime() + 3660_000);
    }
  });

  it("adds nothing twice when two consumers run at once or an event is handed over again", async () => {
    const t = await team();
    const item = "00000000-0000-4000-8000-000000000003";
    for (let i = 0; i < 25; i++) {
      await emitEvent(db(), t.wsId, "content_approved", {
        content_item_id: item,
        title: `Post ${i}`,
        author_id: t.actors.editor.userId,
        actor_id: t.actors.admin.userId,
        approval_request_id: item,
        comment: null,
      });
    }
    const [a, b] = await Promise.all([runFanOut(db(), 5), runFanOut(db(), 5)]);
    expect(a + b).toBeGreaterThanOrEqual(25);
    const rows = await rowsOf(t.actors.editor.userId);
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((r) => (r.data as { event_id: number }).event_id)).size).toBe(25);
    // Handing the same events to the consumer again (consumption marks lost) adds nothing either.
    await db().execute(sql`delete from event_consumptions where consumer = 'notifications'`);
    await runFanOut(db());
    expect(await rowsOf(t.actors.editor.userId)).toHaveLength(25);
  });
});
