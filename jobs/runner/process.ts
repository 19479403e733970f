import { getConfig } from "@/lib/config";
import { getDatabase } from "@/lib/database";
import { syncTriggerRuns } from "@/lib/publishing/trigger-sync";
import { triggerClient } from "../trigger/client";
import { LocalRunner, type RunnerStatus } from "./local";
import { appWork } from "./ticks";

const KEY = Symbol.for("scheduler.runner");
type G = typeof globalThis & { [KEY]?: LocalRunner };

/**
 * Starts this process's runner once (from instrumentation.ts or `npm run worker`):
 * JOBS_DRIVER=local publishes here; trigger keeps Trigger.dev runs in step with the schedules
 * (the tasks publish); off runs nothing (a web-only replica).
 */
export async function startProcessRunner(): Promise<LocalRunner | null> {
  const cfg = getConfig();
  if (cfg.jobsDriver === "off" || !cfg.runnerEnabled) return null;
  const g = globalThis as G;
  if (g[KEY]) return g[KEY];
  const { db } = await getDatabase();
  let runner: LocalRunner;
  if (cfg.jobsDriver === "trigger") {
    const client = triggerClient({ secretKey: cfg.triggerSecretKey, baseURL: cfg.triggerApiUrl });
    // The first pass looks at every row; later ones at rows changed since the last clean pass
    // (with a margin for clocks and slow transactions). A pass with failures keeps its start.
    let since: Date | undefined;
    runner = new LocalRunner(db, {
      driver: "trigger",
      intervalMs: cfg.jobs.intervalMs,
      work: () => ({
        tick: async () => {
          const started = new Date(Date.now() - 10_000);
          const r = await syncTriggerRuns(db, client, { since });
          if (!r.failed) since = started;
          return r.triggered + r.rescheduled;
        },
        stop: async () => {},
      }),
    });
  } else {
    runner = new LocalRunner(db, { work: appWork(), intervalMs: cfg.jobs.intervalMs });
  }
  g[KEY] = runner;
  await runner.start();
  return runner;
}

export function processRunnerStatus(): RunnerStatus {
  const cfg = getConfig();
  const runner = (globalThis as G)[KEY];
  if (runner) return runner.status();
  const driver = cfg.jobsDriver === "off" || !cfg.runnerEnabled ? "off" : cfg.jobsDriver;
  return { driver, runnerId: null, state: "off", startedAt: null, lastBeatAt: null, ticks: 0 };
}
