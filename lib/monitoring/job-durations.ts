/**
 * workflow_execution_duration_seconds{job}: how long each pass of a periodic job (jobs/catalogue.ts)
 * took, in every runner process.
 *
 * Why in the database and not in each process's memory: Prometheus scrapes /api/metrics on one web
 * server, but passes run in every runner — the server's, each `npm run worker`, each short-lived
 * Trigger.dev run — and none of those but the server can be scraped. So the histogram lives in
 * metric_counters like the other counters, and any server serves the whole instance's. Passes come
 * every second, so a process sums them in memory and adds its sums every FLUSH_MS in one statement
 * (and when it stops, or at the end of a Trigger.dev run); a crash loses at most that much.
 */
import type { Db } from "@/db/client";
import { bumpCounters } from "@/db/queries/metric-counters";
import { log } from "../log";
import { observationRows, type CounterRow } from "./histogram";

export const WORKFLOW_METRIC = "workflow_execution_duration_seconds";
/** From a quick claim (a few ms) to an hourly job's minutes. */
export const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;
export const FLUSH_MS = 15_000;

export class JobDurations {
  /** Sums by counter row since the last flush: its size is bounded by jobs × buckets, however long the database is away. */
  private pending = new Map<string, CounterRow>();
  private lastFlush = Date.now();

  observe(job: string, seconds: number) {
    for (const r of observationRows(WORKFLOW_METRIC, { job }, seconds, JOB_BUCKETS)) this.add(r);
  }

  private add(r: CounterRow) {
    const key = `${r.name}\n${r.label}`;
    const had = this.pending.get(key);
    if (had) had.by += r.by;
    else this.pending.set(key, { ...r });
  }

  /** Times one pass (failed ones too: the time was spent all the same). */
  async time<T>(job: string, pass: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await pass();
    } finally {
      this.observe(job, (performance.now() - started) / 1000);
    }
  }

  /** Adds what was observed since the last flush; a failure keeps it for the next one. */
  async flush(db: Db): Promise<void> {
    this.lastFlush = Date.now();
    if (!this.pending.size) return;
    const rows = [...this.pending.values()];
    this.pending = new Map();
    try {
      await bumpCounters(db, rows);
    } catch (err) {
      for (const r of rows) this.add(r);
      log.warn("job durations not recorded; kept for the next try", { err: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Flushes when FLUSH_MS has passed since the last time. */
  async flushIfDue(db: Db, now = Date.now()): Promise<void> {
    if (now - this.lastFlush >= FLUSH_MS) await this.flush(db);
  }
}
