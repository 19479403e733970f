import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { auditLog, publishAttempts, publishingEvents, sandboxPosts, workspaces } from "@/db/schema";
import { createWebhookFake } from "@/adapters/fakes/webhook";
import { faults } from "@/adapters/fakes/server";
import type { Db } from "@/db/client";
import { listAwaitingDecision, listRateWaits } from "@/db/queries/decisions";
import { configuredDispatch, configuredEngine } from "./deps";
import { decideMissed } from "./decision";
import { handlePeriodic, handlePublishPost } from "@/jobs/trigger/handlers";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const secret = "whsec_decisions";
const hook = createWebhookFake({ secret });

beforeAll(() => hook.start());
afterAll(() => hook.close());

async function setup(platform: "sandbox" | "webhook" = "sandbox", rateLimit?: unknown) {
  const ws = await makeWorkspace(db(), ["admin", "editor"]);
  const opts = platform === "webhook" ? { config: { api_base_url: hook.hookUrl() }, credentials: { secret } } : {};
  const accountId = await makeAccount(db(), ws.workspace.id, platform, { ...opts, ...(rateLimit ? { rateLimit } : {}) });
  return { ws, wsId: ws.workspace.id, accountId, editor: ws.actors.editor };
}

/** Lets `seconds` pass for the account: its schedules, their recorded waits, its pause and bucket. */
async function elapse(accountId: string, seconds: number) {
  await db().execute(sql`
    UPDATE schedules SET scheduled_time = scheduled_time - make_interval(secs => ${seconds}), original_time = original_time - make_interval(secs => ${seconds}),
      metadata = CASE WHEN metadata ? 'deferred'
        THEN jsonb_set(metadata, '{deferred,until}', to_jsonb((metadata->'deferred'->>'until')::timestamptz - make_interval(secs => ${seconds})))
        ELSE metadata END
    WHERE platform_account_id = ${accountId}`);
  await db().execute(sql`
    UPDATE platform_accounts SET paused_until = paused_until - make_interval(secs => ${seconds}), bucket_updated_at = bucket_updated_at - make_interval(secs => ${seconds}),
      bucket2_updated_at = bucket2_updated_at - make_interval(secs => ${seconds})
    WHERE id = ${accountId}`);
}

const eventsOf = (wsId: string, type: string) =>
  db()
    .select()
    .from(publishingEvents)
    .where(and(eq(publishingEvents.workspaceId, wsId), eq(publishingEvents.type, type)));
const postsOf = (accountId: string) => db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId));
const attemptsOf = (id: string) => db().select().from(publishAttempts).where(eq(publishAttempts.scheduleId, id));

describe('missed posts with the "ask" policy wait for a decision', () => {
  it("waits in Needs a decision; two Publish now at once publish exactly once (embedded runner)", async () => {
    const { wsId, accountId, editor, ws } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -3 * 3600, missedPolicy: "ask", title: "Ask me twice" });
    const t = testDispatcher(db());
    await t.drain();
    expect(t.results).toEqual([]);
    const waiting = await listAwaitingDecision(db(), wsId);
    expect(waiting.map((w) => [w.id, w.title, w.accountName])).toEqual([[due.scheduleId, "Ask me twice", "sandbox account"]]);
    // Sweeps in between leave it waiting.
    await t.drain();
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("paused");

    const both = await Promise.allSettled([
      decideMissed(db(), editor, due.scheduleId, "publish_now"),
      decideMissed(db(), ws.actors.admin, due.scheduleId, "publish_now"),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = both.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: "conflict:not_awaiting_decision" });
    expect(await listAwaitingDecision(db(), wsId)).toEqual([]);

    await t.drain();
    await t.drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(row.metadata).toMatchObject({ missed: { outcome: "asked", decision: { decision: "publish_now" } } });
    expect(await postsOf(accountId)).toHaveLength(1);
    expect(await attemptsOf(due.scheduleId)).toHaveLength(1);
    const decided = await eventsOf(wsId, "schedule_missed_decided");
    expect(decided.map((e) => e.data)).toEqual([
      expect.objectContaining({ schedule_id: due.scheduleId, decision: "publish_now", status: "pending", content_id: due.contentId }),
    ]);
    const audit = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, wsId), eq(auditLog.action, "schedule.missed_decision")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toMatchObject({ decision: "publish_now" });
  });

  it("Publish now and Skip at once: one wins, and what it decided holds (Trigger.dev-shaped runs)", async () => {
    const { wsId, accountId, editor, ws } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -600, missedPolicy: "ask" });
    const sweep = () =>
      handlePeriodic(
        "publish-due",
        {
          db: db(),
          engine: configuredEngine(db(), "sweep-decisions"),
          dispatch: configuredDispatch({ missedGraceSeconds: 120, missedWindowMinutes: 24 * 60, intervalMs: undefined }),
          trigger: null,
        },
        new Date(Date.now() - 60_000),
      );
    await sweep();
    expect((await scheduleRow(db(), due.scheduleId)).errorCode).toBe("missed_ask");
    const results = await Promise.allSettled([
      decideMissed(db(), editor, due.scheduleId, "publish_now"),
      decideMissed(db(), ws.actors.admin, due.scheduleId, "skip"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const won = (results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ decision: string }>).value.decision;
    // Two runs of publish-post for the row (a duplicate is harmless), then the safety-net sweep.
    const deps = configuredEngine(db(), "trigger-decisions");
    const runs = await Promise.all([
      handlePublishPost(db(), deps, { scheduleId: due.scheduleId }, 30),
      handlePublishPost(db(), deps, { scheduleId: due.scheduleId }, 30),
    ]);
    await sweep();
    const row = await scheduleRow(db(), due.scheduleId);
    if (won === "publish_now") {
      expect(runs.map((r) => r.status).sort()).toEqual(["not_due", "published"]);
      expect(row.publishStatus).toBe("published");
      expect(await postsOf(accountId)).toHaveLength(1);
    } else {
      expect(runs.map((r) => r.status)).toEqual(["not_due", "not_due"]);
      expect([row.publishStatus, row.errorCode]).toEqual(["skipped", "missed"]);
      expect(await postsOf(accountId)).toHaveLength(0);
    }
    expect(await eventsOf(wsId, "schedule_missed_decided")).toHaveLength(1);
  });

  it("Skip: skipped with a reason, audited, emitted; deciding again is a 409", async () => {
    const { wsId, accountId, editor } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -600, missedPolicy: "ask" });
    const t = testDispatcher(db());
    await t.drain();
    await decideMissed(db(), editor, due.scheduleId, "skip");
    await t.drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect([row.publishStatus, row.errorCode]).toEqual(["skipped", "missed"]);
    expect(row.errorMessage).toMatch(/chose not to publish/);
    expect(await postsOf(accountId)).toHaveLength(0);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, due.scheduleId), eq(auditLog.action, "schedule.missed_decision")));
    expect(audit).toMatchObject({ actorUserId: editor.userId, after: { publish_status: "skipped", decision: "skip" } });
    expect((await eventsOf(wsId, "schedule_missed_decided")).map((e) => e.data)).toEqual([
      expect.objectContaining({ schedule_id: due.scheduleId, decision: "skip", status: "skipped", decided_by: editor.userId }),
    ]);
    await expect(decideMissed(db(), editor, due.scheduleId, "publish_now")).rejects.toMatchObject({ kind: "conflict", code: "conflict:not_awaiting_decision" });
    // A pending post is not waiting for a decision either.
    const pending = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    await expect(decideMissed(db(), editor, pending.scheduleId, "skip")).rejects.toMatchObject({ kind: "conflict" });
    expect((await scheduleRow(db(), pending.scheduleId)).publishStatus).toBe("pending");
  });

  it("Publish now never publishes content nobody approved", async () => {
    const { ws, wsId, accountId, editor } = await setup();
    await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, wsId));
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -600, missedPolicy: "ask", authorId: ws.actors.editor.userId });
    const t = testDispatcher(db());
    await t.drain();
    expect((await scheduleRow(db(), due.scheduleId)).errorCode).toBe("missed_ask");
    await expect(decideMissed(db(), editor, due.scheduleId, "publish_now")).rejects.toMatchObject({ code: "conflict:needs_approval" });
    await t.drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect([row.publishStatus, row.errorCode]).toEqual(["paused", "missed_ask"]);
    expect(await postsOf(accountId)).toHaveLength(0);
    expect(await eventsOf(wsId, "schedule_missed_decided")).toHaveLength(0);
  });
});

describe("rate-limit waits are not missed", () => {
  it("a post held by a 429 pause longer than the grace period stays pending with its reason, then publishes (skip policy)", async () => {
    const { wsId, accountId } = await setup("webhook");
    const first = await makeDue(db(), wsId, accountId, "webhook");
    const held = await makeDue(db(), wsId, accountId, "webhook", { dueIn: 30, missedPolicy: "skip" });
    hook.inject(faults.rateLimited(600));
    const t = testDispatcher(db());
    await t.drain();
    expect((await scheduleRow(db(), first.scheduleId)).publishStatus).toBe("pending");
    // Five minutes later the second post is 4.5 minutes overdue, the account still paused.
    await elapse(accountId, 300);
    await t.drain();
    const waiting = await scheduleRow(db(), held.scheduleId);
    expect(waiting.publishStatus).toBe("pending");
    expect(waiting.metadata).not.toHaveProperty("missed");
    expect(waiting.errorMessage).toMatch(/^Waiting for the Webhook rate limit until \d\d:\d\d \(UTC\)/);
    expect(waiting.metadata).toMatchObject({ deferred: { reason: "account_paused" } });
    expect((await scheduleRow(db(), first.scheduleId)).errorMessage).toMatch(/^Waiting for the Webhook rate limit until/);
    expect((await listRateWaits(db(), wsId)).map((w) => w.id).sort()).toEqual([first.scheduleId, held.scheduleId].sort());
    expect(await eventsOf(wsId, "schedule_missed")).toHaveLength(0);
    // The pause ends: both go out, neither judged missed.
    await elapse(accountId, 301);
    await t.drain();
    for (const id of [first.scheduleId, held.scheduleId]) {
      const row = await scheduleRow(db(), id);
      expect(row.publishStatus).toBe("published");
      expect(row.metadata).not.toHaveProperty("missed");
      expect(row.errorMessage).toBeNull();
    }
    expect(await eventsOf(wsId, "schedule_missed")).toHaveLength(0);
    expect(await listRateWaits(db(), wsId)).toEqual([]);
  });

  it("a post held by the token bucket says what it waits for and publishes after the wait, not missed (Trigger.dev-shaped runs)", async () => {
    const { wsId, accountId } = await setup("sandbox", { capacity: 1, per_seconds: 600 });
    const a = await makeDue(db(), wsId, accountId, "sandbox");
    const b = await makeDue(db(), wsId, accountId, "sandbox", { missedPolicy: "skip" });
    const deps = configuredEngine(db(), "trigger-bucket");
    const sweep = () =>
      handlePeriodic(
        "publish-due",
        {
          db: db(),
          engine: configuredEngine(db(), "sweep-bucket"),
          dispatch: configuredDispatch({ missedGraceSeconds: 120, missedWindowMinutes: 24 * 60, intervalMs: undefined }),
          trigger: null,
        },
        new Date(Date.now() - 60_000),
      );
    expect((await handlePublishPost(db(), deps, { scheduleId: a.scheduleId }, 30)).status).toBe("published");
    expect((await handlePublishPost(db(), deps, { scheduleId: b.scheduleId }, 30)).status).toBe("rate_wait");
    let row = await scheduleRow(db(), b.scheduleId);
    expect(row.publishStatus).toBe("pending");
    expect(row.scheduledTime.getTime() - Date.now()).toBeGreaterThan(500_000);
    expect(row.errorMessage).toMatch(/^Waiting for the Sandbox rate limit until \d\d:\d\d \(UTC\)\.$/);
    expect(row.metadata).toMatchObject({ deferred: { reason: "token_bucket", until: expect.any(String) } });
    // Eight minutes on, the sweep leaves it waiting (it is 8 minutes past its own time).
    await elapse(accountId, 480);
    await sweep();
    row = await scheduleRow(db(), b.scheduleId);
    expect([row.publishStatus, row.metadata]).toEqual(["pending", expect.not.objectContaining({ missed: expect.anything() })]);
    // The wait ends: the sweep publishes it.
    await elapse(accountId, 125);
    await sweep();
    row = await scheduleRow(db(), b.scheduleId);
    expect(row.publishStatus).toBe("published");
    expect(row.metadata).not.toHaveProperty("missed");
    expect(await postsOf(accountId)).toHaveLength(2);
    expect(await eventsOf(wsId, "schedule_missed")).toHaveLength(0);
  });

  it("a post whose wait ended long ago (the server was down after it) is still judged missed", async () => {
    const { wsId, accountId } = await setup("webhook");
    const held = await makeDue(db(), wsId, accountId, "webhook", { dueIn: -3600, missedPolicy: "skip" });
    await db().execute(sql`UPDATE platform_accounts SET paused_until = now() - interval '50 minutes' WHERE id = ${accountId}`);
    await testDispatcher(db()).drain();
    const row = await scheduleRow(db(), held.scheduleId);
    expect([row.publishStatus, row.errorCode]).toEqual(["skipped", "missed"]);
    expect(row.metadata).toMatchObject({ missed: { late_seconds: expect.any(Number) } });
    // Late from the end of the wait, not from its first time.
    expect((row.metadata as { missed: { late_seconds: number } }).missed.late_seconds).toBeLessThan(3100);
  });
});
