/**
 * The product plan's metrics kept in metric_counters (README, Metrics): best-time suggestions
 * served, schedules created by part of the day, notification deliveries, approval response times
 * and the periodic jobs' pass durations. All are counters or histograms that only grow, added to
 * where the event happens (lib/monitoring/counters.ts, job-durations.ts), in every process.
 */
import type { Db } from "@/db/client";
import { counterValues } from "@/db/queries/metric-counters";
import { APPROVAL_BUCKETS } from "./counters";
import { decodeLabels, readHistogram } from "./histogram";
import { JOB_BUCKETS, WORKFLOW_METRIC } from "./job-durations";

/** What prometheus.ts writes into: its text builder. */
export interface Exposition {
  family(name: string, type: "counter" | "gauge" | "histogram", help: string): void;
  sample(name: string, labels: Record<string, string>, value: number): void;
}

async function histogram(t: Exposition, db: Db, name: string, help: string, bounds: readonly number[]) {
  t.family(name, "histogram", help);
  for (const h of await readHistogram(db, name, bounds)) {
    bounds.forEach((b, i) => t.sample(`${name}_bucket`, { ...h.labels, le: String(b) }, h.buckets[i]!));
    t.sample(`${name}_bucket`, { ...h.labels, le: "+Inf" }, h.count);
    t.sample(`${name}_sum`, h.labels, h.sumSeconds);
    t.sample(`${name}_count`, h.labels, h.count);
  }
}

async function labelledCounter(t: Exposition, db: Db, name: string, help: string, keys: string[]) {
  t.family(name, "counter", help);
  for (const r of await counterValues(db, name)) {
    const labels = decodeLabels(r.labels);
    if (keys.every((k) => labels[k] !== undefined)) t.sample(name, Object.fromEntries(keys.map((k) => [k, labels[k]!])), Number(r.value));
  }
}

export async function writePlanMetrics(t: Exposition, db: Db): Promise<void> {
  t.family("optimal_time_suggestions_total", "counter", "Best-time suggestions served (each suggested time once), by platform.");
  for (const r of await counterValues(db, "optimal_time_suggestions_total"))
    t.sample("optimal_time_suggestions_total", { platform: r.labels }, Number(r.value));

  await labelledCounter(
    t,
    db,
    "scheduled_content_total",
    "Schedules created, by platform and part of the day of their local time (night 0-6 h, morning 6-12 h, afternoon 12-18 h, evening 18-24 h).",
    ["platform", "time_bucket"],
  );
  await labelledCounter(
    t,
    db,
    "notification_deliveries_total",
    "Notification deliveries by channel (in_app, email, digest) and outcome (delivered, sent, failed, abandoned).",
    ["channel", "outcome"],
  );
  await histogram(
    t,
    db,
    "approval_response_time_seconds",
    "Time from submission for review to the decision, by decision (approved, changes_requested, rejected).",
    APPROVAL_BUCKETS,
  );
  await histogram(t, db, WORKFLOW_METRIC, "Time of each pass of a periodic job of the job catalogue, by job, in every runner process.", JOB_BUCKETS);
}
