import type { Db } from "@/db/client";
import type { DispatcherOptions } from "@/lib/publishing/dispatcher";
import { configuredDispatch, configuredEngine } from "@/lib/publishing/deps";
import type { EngineDeps } from "@/lib/publishing/engine";
import { log } from "@/lib/log";
import { JobDurations } from "@/lib/monitoring/job-durations";
import { PERIODIC_JOBS, type JobEnv, type JobInstance, type PeriodicJob } from "../catalogue";
import type { RunnerWork } from "./local";

/** A started job on the embedded runner: passes when its cadence allows, in the background if it says so. */
function scheduled(job: PeriodicJob, instance: JobInstance, now: () => Date, durations: JobDurations) {
  let last = -Infinity;
  let running: Promise<void> | null = null;
  const pass = async () => {
    const done = await durations.time(job.id, () => instance.pass(now()));
    if (done && job.everyMs >= 60_000) log.info(`${job.what} done`, { job: job.id, count: done });
    return done;
  };
  return {
    job,
    instance,
    /** Runs a pass if one is due; returns what a foreground pass did (0 for the background). */
    async tick(): Promise<number> {
      if (Date.now() - last < job.everyMs) return 0;
      if (!job.background) {
        last = Date.now();
        // A failing job is logged and tried again at its next turn; the jobs after it still run.
        return pass().catch((err) => {
          log.error(`${job.what} failed`, { job: job.id, err });
          return 0;
        });
      }
      // One background pass at a time; a failure is logged and never reaches the tick.
      if (running) return 0;
      last = Date.now();
      running = pass()
        .then(() => undefined)
        .catch((err) => log.error(`${job.what} failed`, { job: job.id, err }))
        .finally(() => (running = null));
      return 0;
    },
  };
}

/**
 * What every embedded runner does, in the server or in `npm run worker`: every job of the
 * catalogue (jobs/catalogue.ts) at its cadence, from the one tick. The tick returns the rows
 * publish-due claimed.
 */
export function appWork(over: { engine?: Partial<EngineDeps>; dispatch?: Partial<DispatcherOptions>; now?: () => Date } = {}) {
  return ({ db, runnerId }: { db: Db; runnerId: string }): RunnerWork => {
    const env: JobEnv = { db, engine: configuredEngine(db, runnerId, over.engine), dispatch: configuredDispatch(over.dispatch), trigger: null };
    // Each pass's time, added to workflow_execution_duration_seconds every 15 s (lib/monitoring/job-durations.ts).
    const durations = new JobDurations();
    const jobs = PERIODIC_JOBS.map((job) => scheduled(job, job.start(env), over.now ?? (() => new Date()), durations));
    return {
      async tick() {
        let claimed = 0;
        for (const j of jobs) {
          const done = await j.tick();
          if (j.job.id === "publish-due") claimed = done;
        }
        await durations.flushIfDue(db);
        return claimed;
      },
      async stop() {
        for (const j of jobs) await j.instance.stop?.();
        await durations.flush(db);
      },
    };
  };
}
