import type { Db } from "@/db/client";
import { extendSeries } from "@/lib/scheduling/series";
import { Dispatcher, type DispatcherOptions } from "@/lib/publishing/dispatcher";
import { configuredDispatch, configuredEngine } from "@/lib/publishing/deps";
import type { EngineDeps } from "@/lib/publishing/engine";
import { pruneEvents } from "@/lib/publishing/events";
import { collectAnalytics } from "@/lib/analytics/collect";
import { webhookRunner } from "@/lib/webhooks/runner";
import { pruneDeliveries } from "@/db/queries/webhooks";
import { pruneRateLimitWindows } from "@/db/queries/rate-limits";
import { notificationWork } from "@/lib/notifications/run";
import { log } from "@/lib/log";
import { pruneHeartbeats, type RunnerWork } from "./local";

/** Runs a job at most once per period from the every-second tick (first at start). */
function every(name: string, periodMs: number, job: (db: Db) => Promise<number>) {
  let last = 0;
  return async (db: Db) => {
    if (Date.now() - last < periodMs) return;
    last = Date.now();
    const done = await job(db);
    if (done) log.info(`${name} done`, { count: done });
  };
}

/** Like every(), but in the background: slow platform calls never hold up the publishing tick. */
function inBackground(run: (db: Db) => Promise<void>) {
  let running: Promise<void> | null = null;
  return (db: Db) => {
    running ??= run(db)
      .catch((err) => log.error("background job failed", { err }))
      .finally(() => (running = null));
  };
}

/**
 * What every runner does, in the server or in `npm run worker`: publish what is due (claim,
 * recover dead leases, judge missed rows) every tick; collect engagement of published posts every
 * minute; extend recurring series and prune old events hourly.
 */
export function appWork(over: { engine?: Partial<EngineDeps>; dispatch?: Partial<DispatcherOptions> } = {}) {
  return ({ db, runnerId }: { db: Db; runnerId: string }): RunnerWork & { dispatcher: Dispatcher } => {
    const engine = configuredEngine(db, runnerId, over.engine);
    const dispatcher = new Dispatcher(db, engine, configuredDispatch(over.dispatch));
    const analytics = inBackground(every("analytics collection", 60_000, async (d) => (await collectAnalytics(d, engine)).collected));
    const series = every("recurring series extension", 3_600_000, extendSeries);
    // In the background like analytics: a failing consumer or a slow SMTP server never stops publishing.
    const notifications = inBackground(every("notifications", 1_000, notificationWork()));
    const prune = every("pruning of old events, silent runners and rate-limit windows", 3_600_000, async (d) => (await pruneEvents(d)) + (await pruneHeartbeats(d)) + (await pruneDeliveries(d)) + (await pruneRateLimitWindows(d)));
    // Outgoing webhooks: fan-out and deliveries in the background, failures logged, never awaited.
    const webhooks = webhookRunner(db);
    return {
      dispatcher,
      async tick() {
        await series(db);
        await prune(db);
        const claimed = await dispatcher.tick();
        analytics(db);
        webhooks.tick();
        notifications(db);
        return claimed;
      },
      stop: () => dispatcher.stop(),
    };
  };
}
