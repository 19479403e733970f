import type { Db } from "@/db/client";
import { extendSeries } from "@/lib/scheduling/series";
import { Dispatcher, type DispatcherOptions } from "@/lib/publishing/dispatcher";
import { configuredDispatch, configuredEngine } from "@/lib/publishing/deps";
import type { EngineDeps } from "@/lib/publishing/engine";
import { pruneEvents } from "@/lib/publishing/events";
import { log } from "@/lib/log";
import type { RunnerWork } from "./local";

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

/**
 * What every runner does, in the server or in `npm run worker`: publish what is due (claim,
 * recover dead leases, judge missed rows) every tick; extend recurring series and prune old
 * events hourly.
 */
export function appWork(over: { engine?: Partial<EngineDeps>; dispatch?: Partial<DispatcherOptions> } = {}) {
  return ({ db, runnerId }: { db: Db; runnerId: string }): RunnerWork & { dispatcher: Dispatcher } => {
    const dispatcher = new Dispatcher(db, configuredEngine(db, runnerId, over.engine), configuredDispatch(over.dispatch));
    const series = every("recurring series extension", 3_600_000, extendSeries);
    const prune = every("event pruning", 3_600_000, (d) => pruneEvents(d));
    return {
      dispatcher,
      async tick() {
        await series(db);
        await prune(db);
        return dispatcher.tick();
      },
      stop: () => dispatcher.stop(),
    };
  };
}
