import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { auditLog, contentVariants, publishingEvents, sandboxPosts, schedules } from "@/db/schema";
import { createMastodonFake } from "@/adapters/fakes/mastodon";
import { createXFake } from "@/adapters/fakes/x";
import { faults, type FakeRequest } from "@/adapters/fakes/server";
import { claimComments, requeueComment, type CommentRecord } from "@/db/queries/comments";
import { configuredEngine } from "./deps";
import { deliverDueComments } from "./comment";
import { retryComment } from "./manual";
import type { Db } from "@/db/client";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const token = "comment-test-token";
const mastodon = createMastodonFake({ token });
const x = createXFake({ token, username: "sched" });

beforeAll(async () => {
  await mastodon.start();
  await x.start();
});
afterAll(async () => {
  await mastodon.close();
  await x.close();
});
beforeEach(() => {
  mastodon.clearFaults();
  x.clearFaults();
});

const isReply = (field: string) => (req: FakeRequest) => req.method === "POST" && typeof (req.body as Record<string, unknown> | null)?.[field] !== "undefined";
const mastodonReply = isReply("in_reply_to_id");
const xReply = isReply("reply");

async function setup(platform: "sandbox" | "mastodon" | "x", text: string, comment: string) {
  const ws = await makeWorkspace(db(), ["admin", "viewer"]);
  const wsId = ws.workspace.id;
  const base = platform === "mastodon" ? mastodon.url : platform === "x" ? x.url : null;
  const accountId = await makeAccount(db(), wsId, platform, {
    config: base ? { api_base_url: base, ...(platform === "x" ? { username: "sched" } : {}) } : {},
    credentials: base ? { access_token: token } : undefined,
  });
  const due = await makeDue(db(), wsId, accountId, platform, { text, maxRetries: 3, retryStrategy: "linear" });
  await db().insert(contentVariants).values({ contentItemId: due.contentId, platform, firstComment: comment });
  return { wsId, accountId, actors: ws.actors, ...due };
}

const commentOf = async (id: string) => (await scheduleRow(db(), id)).firstComment as CommentRecord | null;
const makeCommentsDue = () =>
  db().execute(sql`UPDATE schedules SET first_comment = first_comment || jsonb_build_object('retry_at', to_jsonb(now() - interval '1 second'))
    WHERE first_comment->>'status' = 'pending'`);
const eventsOf = async (wsId: string) =>
  (await db().select().from(publishingEvents).where(eq(publishingEvents.workspaceId, wsId)).orderBy(publishingEvents.id)).map((e) => e.type);

describe("first comment", () => {
  it("sandbox: the comment goes out right after the post, as a reply to it, under its own key", async () => {
    const { wsId, accountId, scheduleId } = await setup("sandbox", "Post with a comment", "Links in the first comment");
    const { drain, results } = testDispatcher(db());
    await drain();
    expect(results).toEqual(["published"]);
    const row = await scheduleRow(db(), scheduleId);
    expect(row.publishStatus).toBe("published");
    const c = row.firstComment as CommentRecord;
    expect(c).toMatchObject({ status: "published", attempts: 1, key: `${scheduleId}:v1:comment`, text: "Links in the first comment" });
    const rows = await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId));
    expect(rows).toHaveLength(2);
    const reply = rows.find((r) => r.replyToId === row.platformPostId);
    expect(reply?.text).toBe("Links in the first comment");
    expect(c.id).toBe(reply?.id);
    expect(c.url).toBe(`/sandbox/${reply?.id}`);
    expect(await eventsOf(wsId)).toEqual(["publishing_started", "publishing_completed", "first_comment_published"]);
    const [done] = await db()
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.workspaceId, wsId), eq(publishingEvents.type, "first_comment_published")));
    expect(done!.data).toMatchObject({ schedule_id: scheduleId, comment_id: reply!.id, comment_url: `/sandbox/${reply!.id}` });
  });

  it("sandbox: a runner that died while sending the comment: the lease runs out, the comment appears once", async () => {
    const { accountId, scheduleId, contentId } = await setup("sandbox", "Crash test post", "Crash test comment");
    // The post goes out; its comment is then claimed by a runner that dies before settling it.
    await db().delete(contentVariants).where(eq(contentVariants.contentItemId, contentId));
    const { drain } = testDispatcher(db());
    await drain();
    const row = await scheduleRow(db(), scheduleId);
    expect(await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId))).toHaveLength(1);
    await db()
      .update(schedules)
      .set({
        firstComment: {
          text: "Crash test comment",
          key: `${scheduleId}:v1:comment`,
          parent: { index: 0, id: row.platformPostId },
          status: "pending",
          attempts: 0,
        },
      })
      .where(eq(schedules.id, scheduleId));
    const dead = configuredEngine(db(), "dead-runner");
    const [claimed] = await claimComments(db(), "dead-runner", { scheduleId, limit: 1, leaseMs: 60_000 });
    expect(claimed?.comment.status).toBe("sending");
    // It did reach the sandbox before dying.
    await dead.adapters("sandbox")!.comment!.publish(
      { accountId, platform: "sandbox", baseUrl: "", config: {}, credentials: {}, fetch, timeoutMs: 1000 },
      {
        idempotencyKey: claimed!.comment.key,
        scheduleId,
        text: claimed!.comment.text,
        parent: claimed!.comment.parent,
        state: {},
        saveState: async () => {},
      },
    );
    const engine = configuredEngine(db(), "sweeper");
    expect(await deliverDueComments(db(), engine)).toMatchObject({ published: 0 });
    await db().execute(sql`UPDATE schedules SET first_comment = first_comment || '{"lease_until": "2000-01-01T00:00:00Z"}'::jsonb WHERE id = ${scheduleId}`);
    expect(await deliverDueComments(db(), engine)).toMatchObject({ published: 1 });
    const c = (await commentOf(scheduleId))!;
    expect(c).toMatchObject({ status: "published", attempts: 2 });
    const posts = await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId));
    expect(posts.filter((p) => p.text === "Crash test comment")).toHaveLength(1);
    expect(c.id).toBe(posts.find((p) => p.text === "Crash test comment")!.id);
  });

  it("mastodon: the comment's answer is lost; the post stays published and the retry sends the comment once (same Idempotency-Key)", async () => {
    const text = `Mastodon post ${crypto.randomUUID().slice(0, 6)}`;
    const { wsId, scheduleId } = await setup("mastodon", text, "Mastodon first comment");
    mastodon.inject(faults.loseResponse(), { match: mastodonReply });
    const { drain, results } = testDispatcher(db());
    await drain();
    expect(results).toEqual(["published"]);
    const row = await scheduleRow(db(), scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(row.firstComment).toMatchObject({ status: "pending", uncertain: true, attempts: 1, error_code: "unknown_outcome" });
    expect(await eventsOf(wsId)).toEqual(["publishing_started", "publishing_completed", "first_comment_failed"]);
    // Not due yet: the sweep leaves it.
    expect(await deliverDueComments(db(), configuredEngine(db(), "sweeper"))).toMatchObject({ published: 0, retry: 0 });
    await makeCommentsDue();
    expect(await deliverDueComments(db(), configuredEngine(db(), "sweeper"))).toMatchObject({ published: 1 });
    const replies = mastodon.statuses.filter((s) => s.inReplyToId === row.platformPostId);
    expect(replies.map((s) => s.text)).toEqual(["Mastodon first comment"]);
    expect(mastodon.statuses.filter((s) => s.text === text)).toHaveLength(1);
    const c = (await commentOf(scheduleId))!;
    expect(c).toMatchObject({ status: "published", id: replies[0]!.id, uncertain: false });
    // Two comment requests reached the server under the same key.
    const keys = mastodon.requests.filter(mastodonReply).map((r) => r.headers["idempotency-key"]);
    expect(keys).toEqual([`${scheduleId}:v1:comment#1`, `${scheduleId}:v1:comment#1`]);
  });

  it("x (no keys): after a lost answer the retry finds the reply on the timeline instead of sending it again", async () => {
    const text = `X post ${crypto.randomUUID().slice(0, 6)}`;
    const { scheduleId } = await setup("x", text, "X first comment");
    x.inject(faults.loseResponse(), { match: xReply });
    await testDispatcher(db()).drain();
    const row = await scheduleRow(db(), scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(row.firstComment).toMatchObject({ status: "pending", uncertain: true });
    await makeCommentsDue();
    expect(await deliverDueComments(db(), configuredEngine(db(), "sweeper"))).toMatchObject({ published: 1 });
    const replies = x.tweets.filter((t) => t.replyTo === row.platformPostId);
    expect(replies.map((t) => t.text)).toEqual(["X first comment"]);
    expect(x.requests.filter(xReply)).toHaveLength(1);
    expect((await commentOf(scheduleId))!.id).toBe(replies[0]!.id);
  });

  it("a refused comment fails on its own: the post stays published, the comment can be retried by hand", async () => {
    const { wsId, scheduleId, actors } = await setup("mastodon", `Refused ${crypto.randomUUID().slice(0, 6)}`, "Refused comment");
    mastodon.inject({ kind: "status", status: 422, json: { error: "Validation failed: Text is too long" } }, { match: mastodonReply });
    await testDispatcher(db()).drain();
    const row = await scheduleRow(db(), scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(row.firstComment).toMatchObject({ status: "failed", error_code: "permanent" });
    expect((row.firstComment as CommentRecord).error).toContain("Text is too long");
    expect(await deliverDueComments(db(), configuredEngine(db(), "sweeper"))).toMatchObject({ published: 0, failed: 0 });
    // By hand (the job monitor's Retry comment, POST /schedules/{id}/comment/retry): writers only,
    // failed comments only, audited.
    await expect(retryComment(db(), actors.viewer, scheduleId)).rejects.toMatchObject({ code: "forbidden" });
    const retried = await retryComment(db(), actors.admin, scheduleId);
    expect(retried.publishStatus).toBe("published");
    expect(retried.firstComment).toMatchObject({ status: "pending", attempts: 0 });
    await expect(retryComment(db(), actors.admin, scheduleId)).rejects.toMatchObject({ code: "conflict:pending" });
    expect(await requeueComment(db(), wsId, scheduleId)).toBe(false);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, wsId), eq(auditLog.action, "schedule.comment_retry")));
    expect(audit).toHaveLength(1);
    expect(await deliverDueComments(db(), configuredEngine(db(), "sweeper"))).toMatchObject({ published: 1 });
    expect(mastodon.statuses.filter((s) => s.inReplyToId === row.platformPostId).map((s) => s.text)).toEqual(["Refused comment"]);
  });

  it("retryable failures use the schedule's retries, then give up without touching the post", async () => {
    const { scheduleId } = await setup("mastodon", `Flaky ${crypto.randomUUID().slice(0, 6)}`, "Flaky comment");
    mastodon.inject(faults.serverError(503), { match: mastodonReply, times: 10 });
    await testDispatcher(db()).drain();
    for (let i = 0; i < 3; i++) {
      await makeCommentsDue();
      await deliverDueComments(db(), configuredEngine(db(), "sweeper"));
    }
    const row = await scheduleRow(db(), scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(row.firstComment).toMatchObject({ status: "failed", attempts: 4, error_code: "retryable" });
    expect(mastodon.statuses.filter((s) => s.inReplyToId === row.platformPostId)).toHaveLength(0);
  });
});
