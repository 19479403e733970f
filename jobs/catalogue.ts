/**
 * Every periodic job the app runs, declared once. Both runners run this same list:
 * - the embedded runner (`npm start`, `npm run worker`) starts each job once and runs it from its
 *   tick at the job's cadence (jobs/runner/ticks.ts);
 * - with JOBS_DRIVER=trigger, Trigger.dev runs one scheduled task per job (jobs/periodic.ts),
 *   each run starting the job afresh, passing it as often as its cadence asks until the next run
 *   is due, then waiting for what it left in flight.
 * The one triggered job, publish-post, is jobs/publish-post.ts.
 */
import type { Db } from "@/db/client";
import { pruneRateLimitWindows } from "@/db/queries/rate-limits";
import { collectAnalytics } from "@/lib/analytics/collect";
import { deliverDueComments } from "@/lib/publishing/comment";
import { learnBestTimes } from "@/lib/besttimes/learn";
import { notificationWork } from "@/lib/notifications/run";
import { Dispatcher, type DispatcherOptions } from "@/lib/publishing/dispatcher";
import type { EngineDeps } from "@/lib/publishing/engine";
import { JobDurations } from "@/lib/monitoring/job-durations";
import { syncTriggerRuns, type TriggerClient } from "@/lib/publishing/trigger-sync";
import { pruneRetention } from "@/lib/retention";
import { extendSeries } from "@/lib/scheduling/series";
import { fillEvergreen } from "@/lib/evergreen/job";
import { webhookDeps } from "@/lib/webhooks/deps";
import { DeliveryPool } from "@/lib/webhooks/deliver";
import { fanOutEvents } from "@/lib/webhooks/fanout";
import { evaluateAlerts } from "@/lib/alerts/evaluate";
import { recordHealth } from "@/lib/health-history/record";
import { feedDeps } from "@/lib/feeds/deps";
import { pollDueFeeds } from "@/lib/feeds/poll";
import { getConfig } from "@/lib/config";
import { pruneHeartbeats } from "./runner/local";

/** What a job works with: the same shape in the server, a worker, or a Trigger.dev run. */
export interface JobEnv {
  db: Db;
  /** The publishing engine's dependencies for this runner: its id, adapters, keys. */
  engine: EngineDeps;
  dispatch: DispatcherOptions;
  /** Trigger.dev's API when the deployment publishes there (JOBS_DRIVER=trigger), else null. */
  trigger: TriggerClient | null;
}

/** A started job: passes at a time, and the work they leave running. */
export interface JobInstance {
  /** One pass; returns how much it did (rows claimed, emails sent, rows pruned…) for the log. */
  pass(now: Date): Promise<number>;
  /** Resolves once what the passes left running (publishes, deliveries) is done. */
  idle?(): Promise<void>;
  /** Stops taking new work and waits for what is in flight. */
  stop?(): Promise<void>;
  /** Rows it finished, for a run's result (publish-due: every row published or judged). */
  processed?(): number;
}

export interface PeriodicJob {
  /** Also the Trigger.dev task id. */
  id: string;
  /** What it does, for the log. */
  what: string;
  /** How often it runs; 0 means on every tick of the embedded runner (JOBS_INTERVAL_MS, 1 s). */
  everyMs: number;
  /** On Trigger.dev, when that differs (publish-due: each schedule has its own run there). */
  triggerEveryMs?: number;
  /** The embedded runner runs it without awaiting it, so slow receivers never hold up publishing. */
  background: boolean;
  start(env: JobEnv): JobInstance;
}

export const PERIODIC_JOBS: readonly PeriodicJob[] = [
  {
    id: "extend-series",
    what: "recurring series extension",
    everyMs: 3_600_000,
    background: false,
    start: (env) => ({ pass: (now) => extendSeries(env.db, now) }),
  },
  {
    // Evergreen categories refill their accounts' empty posting slots over the next week
    // (lib/evergreen); runners at once never fill one slot twice (account lock + unique slot).
    id: "fill-evergreen",
    what: "evergreen slot filling",
    everyMs: 3_600_000,
    background: false,
    start: (env) => ({ pass: (now) => fillEvergreen(env.db, now) }),
  },
  {
    // Each workspace's history past its retention settings (lib/retention), in short batches;
    // then silent runners and rate-limit windows.
    id: "prune",
    what: "pruning of history past each workspace's retention, silent runners and rate-limit windows",
    everyMs: 3_600_000,
    background: false,
    start: (env) => ({
      pass: async (now) => {
        const removed = await pruneRetention(env.db, now);
        return Object.values(removed).reduce((a, b) => a + b, 0) + (await pruneHeartbeats(env.db)) + (await pruneRateLimitWindows(env.db));
      },
    }),
  },
  {
    // Claims what is due, renews and recovers leases, judges missed rows. On Trigger.dev each
    // schedule also has a delayed publish-post run at its exact time; this pass is the safety net.
    id: "publish-due",
    what: "publishing what is due",
    everyMs: 0,
    triggerEveryMs: 60_000,
    background: false,
    start: (env) => {
      const dispatcher = new Dispatcher(env.db, env.engine, env.dispatch);
      return { pass: () => dispatcher.tick(), idle: () => dispatcher.idle(), stop: () => dispatcher.stop(), processed: () => dispatcher.processed };
    },
  },
  {
    // Keeps each schedule's delayed Trigger.dev run in step with it; nothing to do without Trigger.dev.
    id: "sync-trigger-runs",
    what: "Trigger.dev run sync",
    everyMs: 60_000,
    background: false,
    start: (env) => ({
      pass: async () => {
        if (!env.trigger) return 0;
        const r = await syncTriggerRuns(env.db, env.trigger, { limit: 1000 });
        return r.triggered + r.rescheduled;
      },
    }),
  },
  {
    // First comments whose retry is due or whose sender died (lib/publishing/comment.ts); the
    // first try runs right after its post, in the publishing run itself.
    id: "first-comments",
    what: "first comments",
    everyMs: 15_000,
    background: true,
    start: (env) => ({
      pass: async () => {
        const n = await deliverDueComments(env.db, env.engine);
        return n.published + n.retry + n.failed;
      },
    }),
  },
  {
    id: "collect-analytics",
    what: "analytics collection",
    everyMs: 60_000,
    background: true,
    start: (env) => ({ pass: async () => (await collectAnalytics(env.db, env.engine)).collected }),
  },
  {
    // Refits the best-time models of accounts with new results (and, daily, every model: recency
    // weights move on), workspace by workspace (lib/besttimes/learn.ts).
    id: "learn-best-times",
    what: "best-time models",
    everyMs: 60_000,
    background: true,
    start: (env) => ({ pass: (now) => learnBestTimes(env.db, now) }),
  },
  {
    // New events become deliveries; the pool sends what is due and returns at once.
    id: "deliver-webhooks",
    what: "webhook deliveries",
    everyMs: 0,
    background: true,
    start: (env) => {
      let pool: DeliveryPool | null = null;
      return {
        pass: async () => {
          pool ??= new DeliveryPool(env.db, webhookDeps());
          return (await fanOutEvents(env.db)) + (await pool.tick());
        },
        idle: async () => pool?.idle(),
      };
    },
  },
  {
    id: "notify",
    what: "notifications",
    everyMs: 1_000,
    background: true,
    start: (env) => {
      const work = notificationWork(); // made once: its digest pacing holds across passes
      return { pass: () => work(env.db) };
    },
  },
  {
    // A minute of the health history (the first runner to write a minute wins), and the old ones pruned.
    id: "record-health",
    what: "health history",
    everyMs: 60_000,
    background: true,
    start: (env) => ({ pass: (now) => recordHealth(env.db, now, getConfig().healthHistoryDays) }),
  },
  {
    // Alert rules: an alert fires and resolves once, whichever runners evaluate (lib/alerts/evaluate.ts).
    id: "evaluate-alerts",
    what: "alert rules",
    everyMs: 60_000,
    background: true,
    start: (env) => ({
      pass: async (now) => {
        const t = await evaluateAlerts(env.db, now);
        return t.fired + t.resolved;
      },
    }),
  },
  {
    // Feeds whose next check has come (their interval, or the backoff of a failing one); each is
    // claimed with a lease, so two runners never poll the same feed at once.
    id: "poll-feeds",
    what: "feed polling",
    everyMs: 60_000,
    background: true,
    start: (env) => ({ pass: (now) => pollDueFeeds(env.db, feedDeps(), now) }),
  },
];

export function periodicJob(id: string): PeriodicJob {
  const job = PERIODIC_JOBS.find((j) => j.id === id);
  if (!job) throw new Error(`no periodic job "${id}"`);
  return job;
}

const triggerEvery = (job: PeriodicJob) => job.triggerEveryMs ?? job.everyMs;

/** The Trigger.dev cron for a job: its cadence in whole minutes or hours, every minute at least. */
export function triggerCron(job: PeriodicJob): string {
  const minutes = Math.max(1, Math.round(triggerEvery(job) / 60_000));
  if (minutes < 60) return minutes === 1 ? "* * * * *" : `*/${minutes} * * * *`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? "0 * * * *" : `0 */${hours} * * *`;
}

/**
 * One Trigger.dev run of a periodic job: starts it, passes at its cadence until shortly before the
 * next run is due (a job due every second passes about sixty times in a minute-long run, once
 * for a job due hourly), waits for what it left in flight, and stops it.
 */
export async function runTriggerPass(job: PeriodicJob, env: JobEnv, scheduledAt: Date, opts: { tickMs?: number; marginMs?: number } = {}) {
  const every = triggerEvery(job);
  const period = Math.max(60_000, every);
  const step = every || (opts.tickMs ?? 1_000);
  // Counted from the scheduled time, or from now for a time ahead of this clock.
  const until = Math.min(scheduledAt.getTime(), Date.now()) + period - (opts.marginMs ?? 5_000);
  const instance = job.start(env);
  const durations = new JobDurations();
  let passes = 0;
  let done = 0;
  try {
    for (;;) {
      const started = Date.now();
      done += await durations.time(job.id, () => instance.pass(new Date(Math.max(started, scheduledAt.getTime()))));
      passes++;
      if (started + step >= until) break;
      await new Promise((r) => setTimeout(r, Math.max(0, started + step - Date.now())));
    }
    await instance.idle?.();
  } finally {
    await instance.stop?.();
    // A run is a process of its own: what it timed goes to the database before it ends.
    await durations.flush(env.db);
  }
  return { job: job.id, passes, done, processed: instance.processed?.() ?? done };
}
