import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow } from "@/scripts/test/publishing";
import { sandboxPosts } from "@/db/schema";
import type { Db } from "@/db/client";
import { triggerClient, type TriggerSdk } from "@/jobs/trigger/client";
import { configuredDispatch, configuredEngine } from "./deps";
import { runKey, syncTriggerRuns } from "./trigger-sync";
import { handlePeriodic, handlePublishPost } from "@/jobs/trigger/handlers";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

/** The SDK as the client sees it, recording every call; runs start DELAYED. */
function stubSdk() {
  const calls: { fn: string; args: unknown[] }[] = [];
  const status = new Map<string, string>();
  let n = 0;
  const sdk: TriggerSdk = {
    tasks: {
      trigger: async (...args) => {
        calls.push({ fn: "trigger", args });
        const id = `run_${++n}`;
        status.set(id, "DELAYED");
        return { id };
      },
    },
    runs: {
      retrieve: async (runId) => ({ status: status.get(runId) ?? "COMPLETED" }),
      reschedule: async (...args) => void calls.push({ fn: "reschedule", args }),
      cancel: async (...args) => {
        calls.push({ fn: "cancel", args });
        status.set(args[0], "CANCELED");
      },
    },
  };
  return { sdk, calls, status };
}

async function setup() {
  const { workspace } = await makeWorkspace(db(), ["admin"]);
  const accountId = await makeAccount(db(), workspace.id, "sandbox");
  return { wsId: workspace.id, accountId };
}

describe("Trigger.dev driver", () => {
  it("a new schedule gets one delayed run: due time, versioned key, tags, platform queue; a second pass does nothing", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const { sdk, calls } = stubSdk();
    const client = triggerClient({ sdk });
    expect(await syncTriggerRuns(db(), client, { ids: [due.scheduleId] })).toMatchObject({ triggered: 1, failed: 0 });
    const row = await scheduleRow(db(), due.scheduleId);
    expect(calls).toEqual([
      {
        fn: "trigger",
        args: [
          "publish-post",
          { scheduleId: due.scheduleId },
          {
            delay: row.scheduledTime,
            idempotencyKey: runKey(due.scheduleId, 1, row.scheduledTime),
            tags: [`schedule:${due.scheduleId}`, `workspace:${wsId}`, "platform:sandbox"],
            queue: "publish-sandbox",
          },
        ],
      },
    ]);
    expect(runKey(due.scheduleId, 1, row.scheduledTime)).toMatch(new RegExp(`^schedule:${due.scheduleId}:v1:\\d+$`));
    expect(row.triggerRunId).toBe("run_1");
    expect(await syncTriggerRuns(db(), client, { ids: [due.scheduleId] })).toMatchObject({ triggered: 0, rescheduled: 0, cancelled: 0 });
    expect(calls).toHaveLength(1);
  });

  it("a drag while the run is delayed reschedules it; once the run has started, a new versioned run is made", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const { sdk, calls, status } = stubSdk();
    const client = triggerClient({ sdk });
    await syncTriggerRuns(db(), client, { ids: [due.scheduleId] });
    await db().execute(sql`UPDATE schedules SET scheduled_time = scheduled_time + interval '1 day', version = version + 1 WHERE id = ${due.scheduleId}`);
    expect(await syncTriggerRuns(db(), client, { ids: [due.scheduleId] })).toMatchObject({ rescheduled: 1, triggered: 0 });
    const moved = await scheduleRow(db(), due.scheduleId);
    expect(calls.at(-1)).toEqual({ fn: "reschedule", args: ["run_1", { delay: moved.scheduledTime }] });
    expect(moved.metadata).toMatchObject({ trigger: { key: runKey(due.scheduleId, 2, moved.scheduledTime), version: 2 } });

    status.set("run_1", "EXECUTING");
    await db().execute(sql`UPDATE schedules SET scheduled_time = scheduled_time + interval '1 hour', version = version + 1 WHERE id = ${due.scheduleId}`);
    expect(await syncTriggerRuns(db(), client, { ids: [due.scheduleId] })).toMatchObject({ rescheduled: 0, triggered: 1 });
    const again = await scheduleRow(db(), due.scheduleId);
    expect(calls.at(-1)!.fn).toBe("trigger");
    expect((calls.at(-1)!.args[2] as { idempotencyKey: string }).idempotencyKey).toBe(runKey(due.scheduleId, 3, again.scheduledTime));
    expect(again.triggerRunId).toBe("run_2");
  });

  it("a cancelled or paused schedule cancels its run", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const { sdk, calls } = stubSdk();
    const client = triggerClient({ sdk });
    await syncTriggerRuns(db(), client, { ids: [due.scheduleId] });
    await db().execute(sql`UPDATE schedules SET publish_status = 'cancelled' WHERE id = ${due.scheduleId}`);
    expect(await syncTriggerRuns(db(), client, { ids: [due.scheduleId] })).toMatchObject({ cancelled: 1 });
    expect(calls.at(-1)).toEqual({ fn: "cancel", args: ["run_1"] });
    const row = await scheduleRow(db(), due.scheduleId);
    expect(row.triggerRunId).toBeNull();
    expect(row.metadata).not.toHaveProperty("trigger");
  });

  it("an incremental pass only looks at rows changed since its start; a full pass catches the rest", async () => {
    const { wsId, accountId } = await setup();
    const old = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    await db().execute(sql`UPDATE schedules SET updated_at = now() - interval '1 hour' WHERE id = ${old.scheduleId}`);
    const since = new Date(Date.now() - 60_000);
    const fresh = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const { sdk, calls } = stubSdk();
    await syncTriggerRuns(db(), triggerClient({ sdk }), { ids: [old.scheduleId, fresh.scheduleId], since });
    expect(calls.map((c) => (c.args[1] as { scheduleId: string }).scheduleId)).toEqual([fresh.scheduleId]);
    await syncTriggerRuns(db(), triggerClient({ sdk }), { ids: [old.scheduleId, fresh.scheduleId] });
    expect(calls.map((c) => (c.args[1] as { scheduleId: string }).scheduleId)).toEqual([fresh.scheduleId, old.scheduleId]);
  });

  it("a failing API leaves the row for the next pass", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const { sdk } = stubSdk();
    const client = triggerClient({ sdk: { ...sdk, tasks: { trigger: async () => Promise.reject(new Error("503 from the API")) } } });
    expect(await syncTriggerRuns(db(), client, { ids: [due.scheduleId] })).toMatchObject({ failed: 1, triggered: 0 });
    expect((await scheduleRow(db(), due.scheduleId)).triggerRunId).toBeNull();
    expect(await syncTriggerRuns(db(), triggerClient({ sdk }), { ids: [due.scheduleId] })).toMatchObject({ triggered: 1 });
  });

  it("publish-post publishes a due row once; an early, stale or duplicate run does nothing", async () => {
    const { wsId, accountId } = await setup();
    const due = await makeDue(db(), wsId, accountId, "sandbox", { text: "via trigger" });
    const later = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const deps = configuredEngine(db(), "trigger-test");
    expect(await handlePublishPost(db(), deps, { scheduleId: later.scheduleId }, 30)).toEqual({ status: "not_due" });
    const [a, b] = await Promise.all([
      handlePublishPost(db(), deps, { scheduleId: due.scheduleId }, 30),
      handlePublishPost(db(), deps, { scheduleId: due.scheduleId }, 30),
    ]);
    expect([a.status, b.status].sort()).toEqual(["not_due", "published"]);
    expect(await handlePublishPost(db(), deps, { scheduleId: due.scheduleId }, 30)).toEqual({ status: "not_due" });
    expect(await db().select().from(sandboxPosts).where(eq(sandboxPosts.platformAccountId, accountId))).toHaveLength(1);
    expect((await scheduleRow(db(), later.scheduleId)).publishStatus).toBe("pending");
  });

  it("the minute sweep publishes overdue rows whose run never came, recovers dead leases and syncs runs", async () => {
    const { wsId, accountId } = await setup();
    const lost = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -30 });
    const stuck = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: -30 });
    await db().execute(
      sql`UPDATE schedules SET publish_status = 'publishing', lease_owner = 'gone', lease_expires_at = now() - interval '1 second' WHERE id = ${stuck.scheduleId}`,
    );
    const future = await makeDue(db(), wsId, accountId, "sandbox", { dueIn: 3600 });
    const { sdk, calls } = stubSdk();
    // The catalogue's publish-due and sync-trigger-runs tasks, each run once, as Trigger.dev schedules them.
    const env = {
      db: db(),
      engine: configuredEngine(db(), "sweep-test"),
      dispatch: configuredDispatch({ intervalMs: undefined }),
      trigger: triggerClient({ sdk }),
    };
    const out = await handlePeriodic("publish-due", env, new Date(Date.now() - 60_000));
    await handlePeriodic("sync-trigger-runs", env, new Date(Date.now() - 60_000));
    expect(out.processed).toBeGreaterThanOrEqual(2);
    expect((await scheduleRow(db(), lost.scheduleId)).publishStatus).toBe("published");
    expect((await scheduleRow(db(), stuck.scheduleId)).publishStatus).toBe("published");
    expect(calls.some((c) => c.fn === "trigger" && (c.args[1] as { scheduleId: string }).scheduleId === future.scheduleId)).toBe(true);
  });

  it("the task files define the documented tasks", async () => {
    const { publishPost } = await import("@/jobs/publish-post");
    const { publishDueTask, collectAnalyticsTask } = await import("@/jobs/periodic");
    expect([publishPost.id, publishDueTask.id, collectAnalyticsTask.id]).toEqual(["publish-post", "publish-due", "collect-analytics"]);
  });
});
