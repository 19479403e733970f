import { beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { makeAccount, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { auditLog, publishingEvents, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import * as contentList from "./content/route";
import * as contentOne from "./content/[id]/route";
import * as submit from "./content/[id]/submit/route";
import * as approve from "./content/[id]/approve/route";
import * as requestChanges from "./content/[id]/request-changes/route";
import * as reject from "./content/[id]/reject/route";
import * as comments from "./content/[id]/comments/route";
import * as approvals from "./approvals/route";
import * as workspace from "./workspace/route";
import * as schedulesRoute from "./schedules/route";
import * as calendarRoute from "./schedules/calendar/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
type WS = Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let A: WS;
let B: WS;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  B = await makeWorkspaceWithTokens(db());
});

const post = (h: { POST: never }, token: string, id: string, body: unknown = {}) => call(h.POST as never, { method: "POST", token, params: { id }, body });
async function setPolicy(ws: WS, body: Record<string, unknown>) {
  const r = await call(workspace.PATCH, { method: "PATCH", token: ws.tokens.admin, body });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json!;
}
async function newContent(ws: WS, token: string, content = "Line one\nLine two") {
  const r = await call(contentList.POST, { method: "POST", token, body: { title: "Launch post", content } });
  expect(r.status).toBe(201);
  return r.json!.id as string;
}
const version = async (ws: WS, id: string) => (await call(contentOne.GET, { token: ws.tokens.viewer, params: { id } })).json!.version as number;
const audits = (id: string) => db().select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(asc(auditLog.createdAt));
const events = (type: string, id: string) =>
  db()
    .select()
    .from(publishingEvents)
    .where(and(eq(publishingEvents.type, type), sql`${publishingEvents.data}->>'content_item_id' = ${id}`));

describe("approval workflow, end to end through the API", () => {
  it("editor submits, admin requests changes, editor edits, admin approves, the held post publishes; unapproved never publishes", async () => {
    await setPolicy(A, { approval_policy: "required_for_editors" });
    const accountId = await makeAccount(db(), A.workspace.id, "sandbox");
    const id = await newContent(A, A.tokens.editor);
    const sched = await call(schedulesRoute.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: accountId, scheduled_time: new Date(Date.now() + 3600_000).toISOString(), timezone: "UTC" },
    });
    expect(sched.status, JSON.stringify(sched.json)).toBe(201);
    const scheduleId = sched.json!.schedules[0].id as string;
    // Due now, never submitted: the engine holds it.
    await db()
      .update(schedules)
      .set({ scheduledTime: new Date(Date.now() - 5000), originalTime: new Date(Date.now() - 5000) })
      .where(eq(schedules.id, scheduleId));
    await testDispatcher(db()).drain();
    expect(await scheduleRow(db(), scheduleId)).toMatchObject({ publishStatus: "paused", errorCode: "awaiting_approval" });
    const day = new Date().toISOString().slice(0, 10);
    const cal = await call(calendarRoute.GET, { token: A.tokens.viewer, path: `/api/v1/schedules/calendar?start_date=${day}&end_date=${day}&timezone=UTC` });
    expect(cal.json!.events.find((e: { id: string }) => e.id === scheduleId)).toMatchObject({ publish_status: "paused", awaiting_approval: true });

    const s1 = await post(submit as never, A.tokens.editor, id);
    expect(s1.status, JSON.stringify(s1.json)).toBe(200);
    expect(s1.json).toMatchObject({ status: "pending", content_version: 1 });
    expect((await post(submit as never, A.tokens.editor, id)).status).toBe(409);
    // Editors cannot decide; changes need a comment.
    expect((await post(approve as never, A.tokens.editor, id)).status).toBe(403);
    const noComment = await post(requestChanges as never, A.tokens.admin, id, {});
    expect(noComment.status).toBe(400);
    expect(noComment.json!.error.message).toMatch(/comment/);
    const changes = await post(requestChanges as never, A.tokens.admin, id, { comment: "Say when, please." });
    expect(changes.json).toMatchObject({ status: "changes_requested", comment: "Say when, please." });
    // Scheduled content keeps the status its schedules give it; the approval state is in the queue.
    expect((await call(contentOne.GET, { token: A.tokens.viewer, params: { id } })).json!.status).toBe("scheduled");
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), scheduleId)).publishStatus).toBe("paused");

    // The edit goes back to review by itself.
    const edit = await call(contentOne.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id },
      body: { content: "Line one\nLine two, at 9:00", version: await version(A, id) },
    });
    expect(edit.status).toBe(200);
    const queue = await call(approvals.GET, { token: A.tokens.admin, path: "/api/v1/approvals?status=pending" });
    expect(queue.json!.items.map((i: { content_item_id: string }) => i.content_item_id)).toContain(id);
    expect(queue.json!.counts.pending).toBeGreaterThanOrEqual(1);
    expect(queue.json!.is_approver).toBe(true);

    // A stale version is refused; the current one is approved and the held schedule is released.
    expect((await post(approve as never, A.tokens.admin, id, { version: 1 })).status).toBe(409);
    const ok = await post(approve as never, A.tokens.admin, id, { comment: "Good to go", version: 2 });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ status: "approved", content_version: 2, released_schedules: 1 });
    await testDispatcher(db()).drain();
    expect(await scheduleRow(db(), scheduleId)).toMatchObject({ publishStatus: "published" });

    const actions = (await audits(id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["content.submit", "content.request_changes", "content.approve"]));
    expect(actions.filter((a) => a === "content.submit")).toHaveLength(2);
    const approveRow = (await audits(id)).find((a) => a.action === "content.approve")!;
    expect(approveRow.after).toMatchObject({ approval: "approved", version: 2, comment: "Good to go", released_schedules: 1 });
    expect(await events("content_submitted", id)).toHaveLength(2);
    const approvedEvent = (await events("content_approved", id))[0]!;
    expect(approvedEvent.data).toMatchObject({
      content_item_id: id,
      title: "Launch post",
      author_id: A.actors.editor.userId,
      actor_id: A.actors.admin.userId,
      approval_request_id: ok.json!.id,
      comment: "Good to go",
    });
    expect(await events("content_changes_requested", id)).toHaveLength(1);
    // The decision comments are in the thread.
    const thread = await call(comments.GET, { token: A.tokens.viewer, params: { id } });
    expect(thread.json!.items.map((c: { body: string }) => c.body)).toEqual(["Say when, please.", "Good to go"]);
  });

  it("an edit after approval needs a new approval; a held post whose time passed follows its missed policy once approved", async () => {
    const accountId = await makeAccount(db(), A.workspace.id, "sandbox");
    const id = await newContent(A, A.tokens.editor);
    await post(submit as never, A.tokens.editor, id);
    await post(approve as never, A.tokens.admin, id);
    await call(contentOne.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id },
      body: { content: "Completely different text now", version: await version(A, id) },
    });
    const sched = await call(schedulesRoute.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: accountId, scheduled_time: new Date(Date.now() + 3600_000).toISOString(), timezone: "UTC" },
    });
    const scheduleId = sched.json!.schedules[0].id as string;
    // Three hours late, missed policy "skip": approval must not publish it.
    const late = new Date(Date.now() - 3 * 3600_000);
    await db().update(schedules).set({ scheduledTime: late, originalTime: late, missedPolicy: "skip" }).where(eq(schedules.id, scheduleId));
    await testDispatcher(db(), { dispatch: { missedGraceSeconds: 100_000 } }).drain();
    expect((await scheduleRow(db(), scheduleId)).errorCode).toBe("awaiting_approval");
    const q = await call(approvals.GET, { token: A.tokens.admin });
    expect(q.json!.items.find((i: { content_item_id: string }) => i.content_item_id === id)).toMatchObject({ state: "in_review", held_schedules: 1 });
    await post(approve as never, A.tokens.admin, id);
    const row = await scheduleRow(db(), scheduleId);
    expect(row.publishStatus).toBe("skipped");
    expect(row.errorMessage).toMatch(/Approved after its time.*skipped/);
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), scheduleId)).publishStatus).toBe("skipped");
  });

  it("never approved: a held post expires with the reason once the missed window has passed", async () => {
    const accountId = await makeAccount(db(), A.workspace.id, "sandbox");
    const id = await newContent(A, A.tokens.editor);
    const sched = await call(schedulesRoute.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: accountId, scheduled_time: new Date(Date.now() + 3600_000).toISOString(), timezone: "UTC" },
    });
    const scheduleId = sched.json!.schedules[0].id as string;
    const old = new Date(Date.now() - 2 * 24 * 3600_000);
    await db()
      .update(schedules)
      .set({ scheduledTime: old, originalTime: old, metadata: { missed: { outcome: "published_late" } } })
      .where(eq(schedules.id, scheduleId));
    // Held when claimed, then expired by the sweep: never published.
    await testDispatcher(db()).drain();
    const row = await scheduleRow(db(), scheduleId);
    expect(row).toMatchObject({ publishStatus: "expired", errorCode: "approval_expired" });
    expect(row.errorMessage).toMatch(/not approved within 24\.0 h/);
  });

  it("minor edits keep the approval only when the workspace allows it, and say so in the audit log and the thread", async () => {
    await setPolicy(A, { minor_edit_chars: 3 });
    const id = await newContent(A, A.tokens.editor, "Teh launch is today");
    await post(submit as never, A.tokens.editor, id);
    await post(approve as never, A.tokens.admin, id);
    await call(contentOne.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id },
      body: { content: "The launch is today", version: await version(A, id) },
    });
    const q = await call(approvals.GET, { token: A.tokens.admin, path: "/api/v1/approvals?status=approved" });
    expect(q.json!.items.find((i: { content_item_id: string }) => i.content_item_id === id)).toMatchObject({ state: "approved", content_version: 2 });
    const kept = (await audits(id)).find((a) => a.action === "content.approval_kept")!;
    expect(kept.after).toMatchObject({ changed_chars: 2, threshold: 3, version: 2 });
    const thread = await call(comments.GET, { token: A.tokens.viewer, params: { id } });
    expect(thread.json!.items.at(-1).body).toMatch(/Minor edit \(2 characters changed/);
    // A bigger edit goes back to review.
    await call(contentOne.PATCH, {
      method: "PATCH",
      token: A.tokens.editor,
      params: { id },
      body: { content: "The launch moved to Friday", version: await version(A, id) },
    });
    const q2 = await call(approvals.GET, { token: A.tokens.admin });
    expect(q2.json!.items.find((i: { content_item_id: string }) => i.content_item_id === id)).toMatchObject({ state: "in_review", content_version: 3 });
    await setPolicy(A, { minor_edit_chars: 0 });
  });

  it("four eyes: an admin cannot approve their own content; another admin can", async () => {
    await setPolicy(A, { approval_policy: "required_for_all", four_eyes: true });
    const id = await newContent(A, A.tokens.admin);
    expect((await post(submit as never, A.tokens.admin, id)).status).toBe(200);
    const own = await post(approve as never, A.tokens.admin, id);
    expect(own.status).toBe(403);
    expect(own.json!.error.message).toMatch(/Four-eyes/);
    const { insertUser } = await import("@/db/queries/users");
    const { insertMembership } = await import("@/db/queries/workspaces");
    const { insertToken } = await import("@/db/queries/tokens");
    const { hashToken, newToken } = await import("@/lib/crypto");
    const second = await insertUser(db(), { email: `second-${Date.now()}@example.test`, name: "Second Admin", passwordHash: "x" });
    await insertMembership(db(), { workspaceId: A.workspace.id, userId: second.id, role: "admin" });
    const token = newToken("sch");
    await insertToken(db(), {
      workspaceId: A.workspace.id,
      name: "second",
      role: "admin",
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      createdBy: second.id,
      expiresAt: null,
    });
    expect((await post(approve as never, token, id)).status).toBe(200);
    await setPolicy(A, { four_eyes: false });
  });

  it("designated approvers: an editor on the list decides, an admin off the list does not; approvers must be members", async () => {
    const bad = await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body: { approvers: [B.actors.editor.userId] } });
    expect(bad.status).toBe(400);
    expect(bad.json!.error.message).toMatch(/approvers must be admins or editors of this workspace/);
    const viewer = await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body: { approvers: [A.actors.viewer.userId] } });
    expect(viewer.status).toBe(400);
    await setPolicy(A, { approvers: [A.actors.editor.userId] });
    const id = await newContent(A, A.tokens.admin);
    await post(submit as never, A.tokens.admin, id);
    expect((await post(reject as never, A.tokens.admin, id, { comment: "no" })).status).toBe(403);
    const r = await post(reject as never, A.tokens.editor, id, { comment: "Off-brand; let's not." });
    expect(r.json).toMatchObject({ status: "rejected" });
    expect((await audits(id)).find((a) => a.action === "content.reject")!.after).toMatchObject({ approval: "rejected", comment: "Off-brand; let's not." });
    expect(await events("content_rejected", id)).toHaveLength(1);
    await setPolicy(A, { approvers: [] });
    expect((await audits(A.workspace.id)).filter((a) => a.action === "workspace.approval_policy").length).toBeGreaterThanOrEqual(2);
  });
});

describe("comments", () => {
  it("threads replies, resolves @mentions of members, refuses foreign parents", async () => {
    const id = await newContent(A, A.tokens.editor);
    const handle = A.actors.admin.email.split("@")[0];
    const c1 = await call(comments.POST, { method: "POST", token: A.tokens.editor, params: { id }, body: { body: `@${handle} can you look? cc @nobody` } });
    expect(c1.status).toBe(201);
    expect(c1.json!.mentions).toEqual([{ user_id: A.actors.admin.userId, name: expect.any(String) }]);
    const reply = await call(comments.POST, { method: "POST", token: A.tokens.admin, params: { id }, body: { body: "On it", parent_id: c1.json!.id } });
    expect(reply.json).toMatchObject({ parent_id: c1.json!.id, author_id: A.actors.admin.userId });
    const other = await newContent(A, A.tokens.editor);
    const foreign = await call(comments.POST, { method: "POST", token: A.tokens.admin, params: { id: other }, body: { body: "x", parent_id: c1.json!.id } });
    expect(foreign.status).toBe(400);
    expect((await call(comments.POST, { method: "POST", token: A.tokens.editor, params: { id }, body: { body: "   " } })).status).toBe(400);
    expect((await audits(id)).filter((a) => a.action === "content.comment")).toHaveLength(2);
  });
});

describe("role matrix", () => {
  it("every new endpoint answers each role as the matrix says, and never across workspaces", async () => {
    const id = await newContent(A, A.tokens.editor);
    const cases: [string, () => Promise<{ status: number }>, Record<"admin" | "editor" | "viewer", number>][] = [
      ["PATCH workspace", () => Promise.resolve({ status: 0 }), { admin: 200, editor: 403, viewer: 403 }],
      ["GET approvals", () => Promise.resolve({ status: 0 }), { admin: 200, editor: 200, viewer: 200 }],
      ["GET comments", () => Promise.resolve({ status: 0 }), { admin: 200, editor: 200, viewer: 200 }],
      ["POST comments", () => Promise.resolve({ status: 0 }), { admin: 201, editor: 201, viewer: 403 }],
      ["POST submit", () => Promise.resolve({ status: 0 }), { admin: 409, editor: 200, viewer: 403 }],
      ["POST request-changes", () => Promise.resolve({ status: 0 }), { admin: 200, editor: 403, viewer: 403 }],
      ["POST reject", () => Promise.resolve({ status: 0 }), { admin: 409, editor: 403, viewer: 403 }],
      ["POST approve", () => Promise.resolve({ status: 0 }), { admin: 409, editor: 403, viewer: 403 }],
    ];
    const run = (name: string, token: string) => {
      switch (name) {
        case "PATCH workspace":
          return call(workspace.PATCH, { method: "PATCH", token, body: { four_eyes: false } });
        case "GET approvals":
          return call(approvals.GET, { token });
        case "GET comments":
          return call(comments.GET, { token, params: { id } });
        case "POST comments":
          return call(comments.POST, { method: "POST", token, params: { id }, body: { body: "hi" } });
        case "POST submit":
          return post(submit as never, token, id);
        case "POST request-changes":
          return post(requestChanges as never, token, id, { comment: "fix" });
        case "POST reject":
          return post(reject as never, token, id, { comment: "no" });
        default:
          return post(approve as never, token, id);
      }
    };
    // Order matters: the editor submits before the viewer and admin try (admin then meets "already in review").
    for (const [name, , want] of cases) {
      for (const role of (name === "POST submit" ? ["viewer", "editor", "admin"] : ["viewer", "editor", "admin"]) as ("admin" | "editor" | "viewer")[]) {
        const r = await run(name, A.tokens[role]);
        expect(r.status, `${name} as ${role}: ${JSON.stringify(r.json)}`).toBe(want[role]);
      }
    }
    // Without a token: 401. Another workspace's content: 404.
    expect((await call(approvals.GET, {})).status).toBe(401);
    expect((await call(comments.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await post(submit as never, B.tokens.editor, id)).status).toBe(404);
    expect((await call(approvals.GET, { token: B.tokens.admin })).json!.items).toEqual([]);
    expect((await call(approvals.GET, { token: A.tokens.admin, path: "/api/v1/approvals?status=lost" })).status).toBe(400);
  });
});
