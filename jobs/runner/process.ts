import { getConfig } from "@/lib/config";
import { getDatabase } from "@/db";
import { LocalRunner, type RunnerStatus } from "./local";
import { appWork } from "./ticks";

const KEY = Symbol.for("scheduler.runner");
type G = typeof globalThis & { [KEY]?: LocalRunner };

/** Starts this process's embedded runner once (from instrumentation.ts or `npm run worker`). */
export async function startProcessRunner(): Promise<LocalRunner | null> {
  const cfg = getConfig();
  if (cfg.jobsDriver !== "local" || !cfg.runnerEnabled) return null;
  const g = globalThis as G;
  if (g[KEY]) return g[KEY];
  const { db } = await getDatabase();
  const runner = new LocalRunner(db, { work: appWork(), intervalMs: getConfig().jobs.intervalMs });
  g[KEY] = runner;
  await runner.start();
  return runner;
}

export function processRunnerStatus(): RunnerStatus {
  const cfg = getConfig();
  const runner = (globalThis as G)[KEY];
  if (runner) return runner.status();
  const driver = cfg.jobsDriver === "trigger" ? "trigger" : cfg.runnerEnabled ? "local" : "off";
  return { driver, runnerId: null, state: driver === "trigger" ? "running" : "off", startedAt: null, lastBeatAt: null, ticks: 0 };
}
