import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { makeAccount, makeDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import type { Db } from "@/db/client";
import { auditLog, contentItems, publishingEvents, sandboxPosts } from "@/db/schema";
import { openApiDocument } from "@/lib/openapi/document";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/validation";
import * as decision from "./schedules/[id]/decision/route";
import * as bulk from "./schedules/bulk/route";
import * as content from "./content/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let account = "";

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  account = await makeAccount(db(), A.workspace.id, "sandbox");
});

/** A post with the ask policy that was due three hours ago, judged by a sweep: it waits. */
async function waitingPost() {
  const due = await makeDue(db(), A.workspace.id, account, "sandbox", { dueIn: -3 * 3600, missedPolicy: "ask" });
  await testDispatcher(db()).drain();
  expect((await scheduleRow(db(), due.scheduleId)).errorCode).toBe("missed_ask");
  return due;
}

const decide = (id: string, body: unknown, token = A.tokens.editor) => call(decision.POST, { method: "POST", token, params: { id }, body });

describe("POST /api/v1/schedules/{id}/decision", () => {
  it("publish_now puts the post in the queue due now; it publishes once; a second decision is a 409", async () => {
    const due = await waitingPost();
    const res = await decide(due.scheduleId, { decision: "publish_now" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: due.scheduleId, publish_status: "pending", error_code: null });
    const again = await decide(due.scheduleId, { decision: "skip" });
    expect(again.status).toBe(409);
    expect(again.json!.error.code).toBe("conflict:not_awaiting_decision");
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("published");
    const [item] = await db().select({ content: contentItems.content }).from(contentItems).where(eq(contentItems.id, due.contentId));
    expect(
      await db()
        .select()
        .from(sandboxPosts)
        .where(and(eq(sandboxPosts.platformAccountId, account), eq(sandboxPosts.text, item!.content))),
    ).toHaveLength(1);
    const events = await db()
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.workspaceId, A.workspace.id), eq(publishingEvents.type, "schedule_missed_decided")));
    expect(events.filter((e) => (e.data as { schedule_id: string }).schedule_id === due.scheduleId)).toHaveLength(1);
  });

  it("skip leaves it unpublished, audited under the token's member", async () => {
    const due = await waitingPost();
    const res = await decide(due.scheduleId, { decision: "skip" });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ publish_status: "skipped", error_code: "missed" });
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, due.scheduleId), eq(auditLog.action, "schedule.missed_decision")));
    expect(audit).toMatchObject({ actorUserId: A.actors.editor.userId, after: { decision: "skip", publish_status: "skipped" } });
  });

  it("refuses bad input with a 400 and changes nothing", async () => {
    const due = await waitingPost();
    for (const body of [{}, { decision: "later" }, { decision: "skip", extra: 1 }, { decision: null }, "not json"]) {
      const res = await decide(due.scheduleId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json!.error.code).toMatch(/^bad_request:/);
    }
    expect(JSON.stringify((await decide(due.scheduleId, { decision: "later" })).json)).toMatch(/publish_now or skip/);
    expect(await decide("not-a-uuid", { decision: "skip" }).then((r) => r.status)).toBe(404);
    expect(await decide(crypto.randomUUID(), { decision: "skip" }).then((r) => r.status)).toBe(404);
    expect(await decide(due.scheduleId, { decision: "skip" }, A.tokens.viewer).then((r) => r.status)).toBe(403);
    const row = await scheduleRow(db(), due.scheduleId);
    expect([row.publishStatus, row.errorCode]).toEqual(["paused", "missed_ask"]);
  });

  it("a schedule that is not waiting for a decision gets a clear 409: pending, paused by hand, published", async () => {
    const pending = await makeDue(db(), A.workspace.id, account, "sandbox", { dueIn: 86_400, missedPolicy: "ask" });
    const res = await decide(pending.scheduleId, { decision: "publish_now" });
    expect(res.status).toBe(409);
    expect(res.json!.error).toMatchObject({
      code: "conflict:not_awaiting_decision",
      message: expect.stringMatching(/not waiting for a decision: it is pending/),
    });
    await db().execute(sql`UPDATE schedules SET publish_status = 'paused' WHERE id = ${pending.scheduleId}`);
    expect((await decide(pending.scheduleId, { decision: "skip" })).status).toBe(409);
    const row = await scheduleRow(db(), pending.scheduleId);
    expect(row.publishStatus).toBe("paused");
  });

  it('bulk scheduling takes missed_policy "ask" too', async () => {
    const item = await call(content.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { title: "Bulk ask", content: `Bulk ask ${crypto.randomUUID().slice(0, 6)}` },
    });
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const res = await call(bulk.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: {
        content_item_ids: [item.json!.id],
        platform_account_ids: [account],
        pattern: { type: "daily", start_date: day, end_date: day, times: ["10:00"], timezone: "UTC" },
        missed_policy: "ask",
      },
    });
    expect(res.status).toBe(201);
    const id = res.json!.items[0].schedules[0].id as string;
    expect((await scheduleRow(db(), id)).missedPolicy).toBe("ask");
  });

  it("is in the OpenAPI document and the webhook event catalogue", () => {
    const doc = openApiDocument("http://localhost") as { paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>> };
    const op = doc.paths["/api/v1/schedules/{id}/decision"]?.post;
    expect(op).toBeDefined();
    expect(JSON.stringify(op!.requestBody)).toMatch(/publish_now.*skip/);
    expect(WEBHOOK_EVENTS).toContain("schedule_missed_decided");
  });
});
