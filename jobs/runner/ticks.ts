import type { Db } from "@/db/client";
import { extendSeries } from "@/lib/scheduling/series";
import { log } from "@/lib/log";

/** Runs a job at most once an hour from the every-second tick (first at start). */
function hourly(name: string, job: (db: Db) => Promise<number>) {
  let last = 0;
  return async (db: Db) => {
    if (Date.now() - last < 3_600_000) return;
    last = Date.now();
    const done = await job(db);
    if (done) log.info(`${name} done`, { count: done });
  };
}

/**
 * What every runner does each tick, in the server or in `npm run worker`. Returns how many
 * schedules it claimed (the publishing engine adds its claim here).
 */
export function appTick() {
  const series = hourly("recurring series extension", extendSeries);
  return async (db: Db): Promise<number> => {
    await series(db);
    return 0;
  };
}
