import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, makeRetriesDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { approvalRequests, contentItems, notifications, platformAccounts, publishAttempts, publishingEvents, sandboxPosts, workspaces } from "@/db/schema";
import { createWebhookFake } from "@/adapters/fakes/webhook";
import { faults, FakePlatform, idFactory } from "@/adapters/fakes/server";
import type { PlatformAdapter } from "@/adapters/adapter";
import { adapter as webhook } from "@/adapters/webhook";
import { send } from "@/adapters/http";
import { adaptersFor } from "@/adapters/runtime";
import type { Db } from "@/db/client";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const secret = "whsec_engine";
const hook = createWebhookFake({ secret });

/**
 * A platform without idempotency keys but with a lookup, like most: the engine must look before
 * it re-sends after an unknown outcome.
 */
const plain = new FakePlatform("plain");
const plainPosts: { id: string; text: string }[] = [];
const nextId = idFactory("p_");
plain.route("POST", "/posts", (req) => {
  const post = { id: nextId(), text: (req.body as { text: string }).text };
  plainPosts.push(post);
  return { status: 201, json: post };
});
plain.route("GET", "/posts", (req) => ({ status: 200, json: plainPosts.filter((p) => p.text === req.query.get("text")) }));
const plainAdapter: PlatformAdapter = {
  ...webhook,
  descriptor: { ...webhook.descriptor, supportsIdempotency: false },
  async publish(ctx, post) {
    const res = await send<{ id: string }>(ctx, { method: "POST", path: "/posts", json: { text: post.text } });
    return { platformPostId: res.data.id, url: null };
  },
  async findExisting(ctx, post) {
    const res = await send<{ id: string }[]>(ctx, { path: "/posts", query: { text: post.text } });
    const hit = res.data[0];
    return hit ? { platformPostId: hit.id, url: null } : null;
  },
};
const withPlain = (d: Db) => {
  const base = adaptersFor(d);
  return (p: Parameters<typeof base>[0]) => (p === "webhook" ? plainAdapter : base(p));
};

beforeAll(async () => {
  await hook.start();
  await plain.start();
});
afterAll(async () => {
  await hook.close();
  await plain.close();
});

async function setup(platform: "sandbox" | "webhook" = "sandbox", opts: Parameters<typeof makeAccount>[3] = {}) {
  const ws = await makeWorkspace(db(), ["admin", "editor"]);
  const config = platform === "webhook" ? { api_base_url: hook.hookUrl(), ...opts.config } : opts.config;
  const credentials = platform === "webhook" ? { secret, ...opts.credentials } : opts.credentials;
  const accountId = await makeAccount(db(), ws.workspace.id, platform, { ...opts, config, credentials });
  return { ws, wsId: ws.workspace.id, accountId };
}

const attemptsOf = (scheduleId: string) =>
  db().select().from(publishAttempts).where(eq(publishAttempts.scheduleId, scheduleId)).orderBy(publishAttempts.attemptNumber);

describe("publishing engine", () => {
  it("publishes a due post through the sandbox: attempt rows, events, content status", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { text: "Hello sandbox" });
    const later = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const { drain, results } = testDispatcher(db());
    await drain();
    expect(results).toEqual(["published"]);
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(row.leaseOwner).toBeNull();
    const [post] = await db().select().from(sandboxPosts).where(eq(sandboxPosts.id, row.platformPostId!));
    expect(post?.text).toBe("Hello sandbox");
    const attempts = await attemptsOf(due.scheduleId);
    expect(attempts.map((a) => a.outcome)).toEqual(["success"]);
    expect(attempts[0]!.finishedAt).not.toBeNull();
    const events = await db().select().from(publishingEvents).where(eq(publishingEvents.workspaceId, wsId)).orderBy(publishingEvents.id);
    expect(events.map((e) => e.type)).toEqual(["publishing_started", "publishing_completed"]);
    expect(events[1]!.data).toMatchObject({
      schedule_id: due.scheduleId,
      content_id: due.contentId,
      platform_id: "sandbox",
      platform_post_id: row.platformPostId,
    });
    const [item] = await db().select().from(contentItems).where(eq(contentItems.id, due.contentId));
    expect(item?.status).toBe("published");
    expect((await scheduleRow(db(), later.scheduleId)).publishStatus).toBe("pending");
  });

  it("a thread publishes as a reply chain; after a failure mid-thread it resumes without reposting", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { contentType: "thread", text: "one\n---\ntwo\n---\nthree" });
    // Simulate an earlier attempt that got the first part out.
    const sandbox = adaptersFor(db())("sandbox")!;
    let calls = 0;
    const flaky: PlatformAdapter = {
      ...sandbox,
      async publish(ctx, post) {
        if (calls++ === 0) {
          const first = await sandbox.publish(ctx, { ...post, parts: post.parts.slice(0, 1) });
          void first;
          throw new (await import("@/adapters/errors")).RetryableError("the platform failed (HTTP 500)");
        }
        return sandbox.publish(ctx, post);
      },
    };
    const { drain } = testDispatcher(db(), { engine: { adapters: (p) => (p === "sandbox" ? flaky : null) } });
    await drain();
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("pending");
    await makeRetriesDue(db(), accountId);
    await drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("published");
    const posts = await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId)).orderBy(sandboxPosts.createdAt);
    expect(posts.map((p) => p.text)).toEqual(["one", "two", "three"]);
    expect(posts[1]!.replyToId).toBe(posts[0]!.id);
    expect(posts[2]!.replyToId).toBe(posts[1]!.id);
    expect((row.publishedParts as unknown[]).length).toBe(3);
  });

  it("500s are retried on the strategy's delays, then dead-lettered with a readable reason", async () => {
    const { wsId, accountId } = await setup("webhook");
    const due = await makeDue(db(), wsId, accountId, "webhook", { maxRetries: 2, retryStrategy: "custom", retryDelays: [30, 90] });
    hook.inject(faults.serverError(500), { times: 3 });
    const { drain } = testDispatcher(db());
    const t0 = Date.now();
    await drain();
    let row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("pending");
    expect(row.retryCount).toBe(1);
    expect(row.scheduledTime.getTime()).toBeGreaterThanOrEqual(t0 + 30_000);
    expect(row.scheduledTime.getTime()).toBeLessThan(t0 + 90_000);
    await makeRetriesDue(db(), accountId);
    await drain();
    row = await scheduleRow(db(), due.scheduleId);
    expect(row.retryCount).toBe(2);
    expect(row.scheduledTime.getTime()).toBeGreaterThanOrEqual(t0 + 90_000);
    await makeRetriesDue(db(), accountId);
    await drain();
    row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("dead_letter");
    expect(row.errorMessage).toMatch(/HTTP 500.*gave up after 3 attempts/);
    expect((await attemptsOf(due.scheduleId)).map((a) => [a.outcome, a.httpStatus])).toEqual([
      ["retryable", 500],
      ["retryable", 500],
      ["retryable", 500],
    ]);
  });

  it("429 pauses the account until Retry-After and does not use up a retry", async () => {
    const { wsId, accountId } = await setup("webhook");
    const due = await makeDue(db(), wsId, accountId, "webhook", { maxRetries: 0 });
    hook.inject(faults.rateLimited(120));
    const { drain } = testDispatcher(db());
    const t0 = Date.now();
    await drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("pending");
    expect(row.retryCount).toBe(0);
    expect(row.scheduledTime.getTime()).toBeGreaterThanOrEqual(t0 + 120_000);
    const [acct] = await db().select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
    expect(acct!.pausedUntil!.getTime()).toBeGreaterThanOrEqual(t0 + 120_000);
    // A second post due now for the paused account waits too.
    const other = await makeDue(db(), wsId, accountId, "webhook");
    await drain();
    expect((await scheduleRow(db(), other.scheduleId)).publishStatus).toBe("pending");
    expect(await attemptsOf(other.scheduleId)).toHaveLength(0);
  });

  it("an auth failure fails the post, flags the account and tells its admins", async () => {
    const { ws, wsId, accountId } = await setup("webhook", { credentials: { secret: "wrong" } });
    const due = await makeDue(db(), wsId, accountId, "webhook");
    const { drain } = testDispatcher(db());
    await drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("failed");
    expect(row.errorCode).toBe("auth");
    const [acct] = await db().select().from(platformAccounts).where(eq(platformAccounts.id, accountId));
    expect(acct!.status).toBe("needs_reconnect");
    expect(acct!.statusReason).toMatch(/refused the credentials/);
    const notes = await db().select().from(notifications).where(eq(notifications.userId, ws.actors.admin.userId));
    expect(notes.map((n) => n.type)).toEqual(["account_needs_reconnect"]);
    expect(await db().select().from(notifications).where(eq(notifications.userId, ws.actors.editor.userId))).toHaveLength(0);
    // Later posts on the flagged account fail at once with a reason, without calling out.
    const before = hook.requests.length;
    const next = await makeDue(db(), wsId, accountId, "webhook");
    await drain();
    expect((await scheduleRow(db(), next.scheduleId)).errorMessage).toMatch(/needs reconnecting/);
    expect(hook.requests.length).toBe(before);
  });

  it("a lost response on a platform without keys: found on the platform, never posted twice", async () => {
    const { wsId, accountId } = await setup("webhook", { config: { api_base_url: plain.url } });
    const due = await makeDue(db(), wsId, accountId, "webhook", { text: "lost answer" });
    plain.inject(faults.loseResponse());
    const { drain } = testDispatcher(db(), { engine: { adapters: withPlain(db()) } });
    await drain();
    expect((await scheduleRow(db(), due.scheduleId)).errorCode).toBe("unknown_outcome");
    await makeRetriesDue(db(), accountId);
    await drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(plainPosts.filter((p) => p.text === "lost answer")).toHaveLength(1);
    expect(row.platformPostId).toBe(plainPosts.find((p) => p.text === "lost answer")!.id);
    expect((await attemptsOf(due.scheduleId)).map((a) => a.outcome)).toEqual(["unknown_outcome", "found_existing"]);
  });

  it("an expired lease is recovered through findExisting (crash before the answer), then sent once if absent", async () => {
    const { wsId, accountId } = await setup("webhook", { config: { api_base_url: plain.url } });
    const crashed = await makeDue(db(), wsId, accountId, "webhook", { text: "crashed mid-call" });
    const never = await makeDue(db(), wsId, accountId, "webhook", { text: "crashed before sending" });
    // A runner claimed both and died: one post reached the platform, the other did not.
    plainPosts.push({ id: "p_pre", text: "crashed mid-call" });
    for (const id of [crashed.scheduleId, never.scheduleId]) {
      await db().execute(
        sql`UPDATE schedules SET publish_status = 'publishing', lease_owner = 'dead', lease_expires_at = now() - interval '1 second' WHERE id = ${id}`,
      );
      await db().insert(publishAttempts).values({ scheduleId: id, attemptNumber: 1, runnerId: "dead" });
    }
    const { drain } = testDispatcher(db(), { engine: { adapters: withPlain(db()) } });
    await drain();
    const a = await scheduleRow(db(), crashed.scheduleId);
    expect(a.publishStatus).toBe("published");
    expect(a.platformPostId).toBe("p_pre");
    expect(plainPosts.filter((p) => p.text === "crashed mid-call")).toHaveLength(1);
    const b = await scheduleRow(db(), never.scheduleId);
    expect(b.publishStatus).toBe("published");
    expect(plainPosts.filter((p) => p.text === "crashed before sending")).toHaveLength(1);
    expect((await attemptsOf(crashed.scheduleId)).map((x) => x.outcome)).toEqual(["unknown_outcome", "found_existing"]);
    expect((await attemptsOf(never.scheduleId)).map((x) => x.outcome)).toEqual(["unknown_outcome", "success"]);
  });

  it("a live lease is left alone", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox");
    await db().execute(
      sql`UPDATE schedules SET publish_status = 'publishing', lease_owner = 'alive', lease_expires_at = now() + interval '1 minute' WHERE id = ${due.scheduleId}`,
    );
    const { drain, results } = testDispatcher(db());
    await drain();
    expect(results).toEqual([]);
    expect((await scheduleRow(db(), due.scheduleId)).leaseOwner).toBe("alive");
  });

  it("missed schedules follow their policy: late within the window, skipped beyond it or by choice, paused on ask", async () => {
    const { wsId, accountId } = await setup();
    const late = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -3 * 3600 });
    const tooLate = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -3 * 86_400 });
    const skip = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -600, missedPolicy: "skip" });
    const ask = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -600, missedPolicy: "ask" });
    const onTime = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -5, missedPolicy: "skip" });
    const { drain } = testDispatcher(db());
    await drain();
    const row = (id: string) => scheduleRow(db(), id);
    const l = await row(late.scheduleId);
    expect(l.publishStatus).toBe("published");
    expect(l.metadata).toMatchObject({ missed: { outcome: "published_late", late_seconds: expect.any(Number) } });
    const t = await row(tooLate.scheduleId);
    expect([t.publishStatus, t.errorCode]).toEqual(["skipped", "missed"]);
    expect(t.errorMessage).toMatch(/Missed its time by 3\.0 days; skipped/);
    expect((await row(skip.scheduleId)).publishStatus).toBe("skipped");
    const a = await row(ask.scheduleId);
    expect([a.publishStatus, a.errorCode]).toEqual(["paused", "missed_ask"]);
    expect((await row(onTime.scheduleId)).publishStatus).toBe("published");
    const missedEvents = await db()
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.workspaceId, wsId), eq(publishingEvents.type, "schedule_missed")));
    expect(missedEvents).toHaveLength(4);
  });

  it("content that needs approval is held until this version is approved", async () => {
    const { ws, wsId, accountId } = await setup();
    await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, wsId));
    const byEditor = await makeDue(db(), wsId, accountId, "sandbox", { authorId: ws.actors.editor.userId });
    const byAdmin = await makeDue(db(), wsId, accountId, "sandbox", { authorId: ws.actors.admin.userId });
    const { drain } = testDispatcher(db());
    await drain();
    const held = await scheduleRow(db(), byEditor.scheduleId);
    expect([held.publishStatus, held.errorCode]).toEqual(["paused", "awaiting_approval"]);
    expect((await scheduleRow(db(), byAdmin.scheduleId)).publishStatus).toBe("published");
    expect(await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId))).toHaveLength(1);
    // An approval of an older version does not count; of this version it does.
    await db().insert(approvalRequests).values({ workspaceId: wsId, contentItemId: byEditor.contentId, snapshot: {}, contentVersion: 0, status: "approved" });
    await db().execute(sql`UPDATE schedules SET publish_status = 'pending' WHERE id = ${byEditor.scheduleId}`);
    await drain();
    expect((await scheduleRow(db(), byEditor.scheduleId)).publishStatus).toBe("paused");
    await db().insert(approvalRequests).values({ workspaceId: wsId, contentItemId: byEditor.contentId, snapshot: {}, contentVersion: 1, status: "approved" });
    await db().execute(sql`UPDATE schedules SET publish_status = 'pending' WHERE id = ${byEditor.scheduleId}`);
    await drain();
    expect((await scheduleRow(db(), byEditor.scheduleId)).publishStatus).toBe("published");
  });

  it("expired content is not published", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { expiresIn: -60 });
    const { drain } = testDispatcher(db());
    await drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect([row.publishStatus, row.errorCode]).toEqual(["expired", "content_expired"]);
    expect(await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId))).toHaveLength(0);
  });

  it("the account's token bucket paces posts across runners", async () => {
    const { wsId, accountId } = await setup("sandbox", { rateLimit: { capacity: 2, per_seconds: 3600 } });
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await makeDue(db(), wsId, accountId, "sandbox")).scheduleId);
    const one = testDispatcher(db());
    const two = testDispatcher(db());
    await Promise.all([one.drain(), two.drain()]);
    const rows = await Promise.all(ids.map((id) => scheduleRow(db(), id)));
    expect(rows.filter((r) => r.publishStatus === "published")).toHaveLength(2);
    const waiting = rows.find((r) => r.publishStatus === "pending")!;
    // One token per 30 minutes: the third post waits about that long, without an attempt.
    expect(waiting.scheduledTime.getTime() - Date.now()).toBeGreaterThan(25 * 60_000);
    expect(await attemptsOf(waiting.id)).toHaveLength(0);
  });

  it("a platform the server cannot publish to fails with a reason instead of looping", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox");
    const { drain } = testDispatcher(db(), { engine: { adapters: () => null } });
    await drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect([row.publishStatus, row.errorCode]).toEqual(["failed", "platform_unavailable"]);
  });

  it("a tick while every slot is busy does not stall the dispatcher", async () => {
    const { wsId, accountId } = await setup("webhook");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await makeDue(db(), wsId, accountId, "webhook")).scheduleId);
    hook.inject(faults.slow(100), { times: 3 });
    const { dispatcher, drain } = testDispatcher(db(), { dispatch: { concurrency: 1, perAccount: 1 } });
    await dispatcher.tick(); // one claimed, in flight
    await dispatcher.tick(); // no room: must not leave the pump stuck
    await drain();
    const rows = await Promise.all(ids.map((id) => scheduleRow(db(), id)));
    expect(rows.map((r) => r.publishStatus)).toEqual(["published", "published", "published"]);
  });
});
