import { afterEach, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount } from "@/scripts/test/publishing";
import { schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { createContent } from "@/lib/content";
import { createSchedules } from "@/lib/scheduling/create";
import { PERIODIC_JOBS, triggerCron, type PeriodicJob } from "./catalogue";
import { LocalRunner } from "./runner/local";
import { appWork } from "./runner/ticks";

/**
 * A Trigger.dev-shaped harness: Trigger.dev's cloud cannot run here, so its SDK is replaced by a
 * recorder of the tasks the files define. A scheduled task is then run the way Trigger.dev runs
 * it, with the payload it sends (the scheduled time first); a schema task gets its payload parsed.
 */
type Recorded = {
  kind: "scheduled" | "schema" | "plain";
  id: string;
  cron?: string | { pattern: string };
  schema?: { parse(v: unknown): unknown };
  run: (payload: never) => Promise<unknown>;
};
const recorded = vi.hoisted(() => new Map<string, Recorded>());
vi.mock("@trigger.dev/sdk", () => {
  const define = (kind: Recorded["kind"]) => (def: Omit<Recorded, "kind">) => {
    recorded.set(def.id, { kind, ...def });
    return { id: def.id };
  };
  return { schedules: { task: define("scheduled") }, schemaTask: define("schema"), task: define("plain"), queue: (q: { name: string }) => q };
});

async function runScheduled(id: string, timestamp: Date) {
  const t = recorded.get(id);
  if (t?.kind !== "scheduled") throw new Error(`no scheduled task ${id}`);
  return t.run({ type: "DECLARATIVE", timestamp, timezone: "UTC", scheduleId: `sched_${id}`, upcoming: [] } as never) as Promise<{
    job: string;
    passes: number;
    done: number;
  }>;
}

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const DAY = 86_400_000;

/** Counts each job's passes, whichever runner makes them. */
function countPasses() {
  const passes = new Map<string, number>();
  for (const job of PERIODIC_JOBS) {
    const start = job.start.bind(job);
    vi.spyOn(job as PeriodicJob, "start").mockImplementation((env) => {
      const instance = start(env);
      return { ...instance, pass: (now) => (passes.set(job.id, (passes.get(job.id) ?? 0) + 1), instance.pass(now)) };
    });
  }
  return passes;
}
afterEach(() => vi.restoreAllMocks());

/** A daily series from tomorrow: the first 60 days are made at once. */
async function dailySeries() {
  const { workspace, actors } = await makeWorkspace(db(), ["admin", "editor"]);
  const account = await makeAccount(db(), workspace.id, "sandbox");
  const item = await createContent(db(), actors.editor, { title: "Daily tip", content: "Tip of the day", content_type: "post" });
  const tomorrow = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  const r = await createSchedules(db(), actors.editor, {
    content_item_id: item.id,
    platform_account_id: account,
    scheduled_time: `${tomorrow}T09:00`,
    timezone: "UTC",
    recurrence: { rrule: "FREQ=DAILY" },
    retry_strategy: "exponential",
    max_retries: 3,
    priority: "normal",
    missed_policy: "publish_late",
  });
  const last = async () => {
    const rows = await db()
      .select({ at: schedules.scheduledTime })
      .from(schedules)
      .where(eq(schedules.recurrenceSeriesId, r.seriesId!))
      .orderBy(schedules.scheduledTime);
    return { count: rows.length, lastAt: rows.at(-1)!.at };
  };
  return { last };
}

describe("the job catalogue", () => {
  it("Trigger.dev gets publish-post (payload checked) and one scheduled task per periodic job, at the job's cadence", async () => {
    await import("./publish-post");
    await import("./periodic");
    const scheduled = [...recorded.values()].filter((t) => t.kind === "scheduled");
    expect(scheduled.map((t) => t.id).sort()).toEqual(PERIODIC_JOBS.map((j) => j.id).sort());
    for (const job of PERIODIC_JOBS) expect(recorded.get(job.id)!.cron).toEqual({ pattern: triggerCron(job), window: "0m" });
    expect(triggerCron(PERIODIC_JOBS.find((j) => j.id === "extend-series")!)).toBe("0 * * * *");
    expect(triggerCron(PERIODIC_JOBS.find((j) => j.id === "notify")!)).toBe("* * * * *");
    const publish = recorded.get("publish-post")!;
    expect(publish.kind).toBe("schema");
    expect(() => publish.schema!.parse({ scheduleId: "not-an-id" })).toThrow();
    expect(() => publish.schema!.parse({ scheduleId: crypto.randomUUID(), extra: 1 })).toThrow();
    expect(publish.schema!.parse({ scheduleId: "6f1c1a52-8a4e-4d0e-9a55-1d2b7c1e0a11" })).toEqual({ scheduleId: "6f1c1a52-8a4e-4d0e-9a55-1d2b7c1e0a11" });
  });

  it("every periodic job runs on the embedded runner", async () => {
    const passes = countPasses();
    const runner = new LocalRunner(db(), { work: appWork(), intervalMs: 50 });
    await runner.start();
    await vi.waitFor(() => expect([...passes.keys()].sort()).toEqual(PERIODIC_JOBS.map((j) => j.id).sort()), { timeout: 10_000, interval: 50 });
    await runner.stop();
  });

  it("every periodic job runs as its Trigger.dev task; a job due every second passes until the next run is due", async () => {
    await import("./periodic");
    const passes = countPasses();
    // A run scheduled a minute ago: each job passes once, then waits for what it left in flight.
    for (const job of PERIODIC_JOBS) expect(await runScheduled(job.id, new Date(Date.now() - 60_000))).toMatchObject({ job: job.id, passes: 1 });
    expect([...passes.keys()].sort()).toEqual(PERIODIC_JOBS.map((j) => j.id).sort());
    // A run scheduled 53 s ago has about two seconds left before the next one: notify passes every second.
    const r = await runScheduled("notify", new Date(Date.now() - 53_000));
    expect(r.passes).toBeGreaterThanOrEqual(2);
    expect(r.passes).toBeLessThanOrEqual(4);
  });

  it("a recurring series keeps being extended past its first 60 days, on the embedded runner and on Trigger.dev", async () => {
    const embedded = await dailySeries();
    const first = await embedded.last();
    expect(first.count).toBe(60);
    // Fifty-nine days on, the embedded runner's hourly job makes the next days up to 60 days ahead.
    const later = new Date(Date.now() + 59 * DAY);
    const runner = new LocalRunner(db(), { work: appWork({ now: () => later }), intervalMs: 50 });
    await runner.start();
    await vi.waitFor(async () => expect((await embedded.last()).count).toBeGreaterThan(100), { timeout: 10_000, interval: 100 });
    await runner.stop();
    const extended = await embedded.last();
    expect(extended.lastAt.getTime()).toBeGreaterThan(later.getTime() + 59 * DAY);

    const onTrigger = await dailySeries();
    expect((await onTrigger.last()).count).toBe(60);
    await import("./periodic");
    await runScheduled("extend-series", later);
    const after = await onTrigger.last();
    expect(after.count).toBe(extended.count);
    expect(after.lastAt.getTime()).toBeGreaterThan(later.getTime() + 59 * DAY);
  });
});
