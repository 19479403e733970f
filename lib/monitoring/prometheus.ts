/**
 * Prometheus text for /api/metrics, read from the database so every runner process counts:
 * attempts are the counters (they are never rewritten), schedules the gauges. The queries are in
 * db/queries/publishing-stats.ts and db/queries/metric-counters.ts.
 */
import type { Db } from "@/db/client";
import { counterValues } from "@/db/queries/metric-counters";
import { attemptDurations, attemptsByOutcome, queueState, recentEngagement, runnersAlive, waitingByPlatform } from "@/db/queries/publishing-stats";
import { retentionMetricLines } from "./retention-metrics";
import { writePlanMetrics } from "./plan-metrics";

export const DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
const labels = (l: Record<string, string>) => {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`);
  return parts.length ? `{${parts.join(",")}}` : "";
};

class Text {
  lines: string[] = [];
  family(name: string, type: "counter" | "gauge" | "histogram", help: string) {
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  }
  sample(name: string, l: Record<string, string>, value: number) {
    this.lines.push(`${name}${labels(l)} ${Number.isFinite(value) ? value : 0}`);
  }
}

const FAILURES = ["retryable", "rate_limited", "auth", "permanent", "unknown_outcome"];

export async function renderMetrics(db: Db): Promise<string> {
  const t = new Text();
  const byOutcome = await attemptsByOutcome(db);
  t.family("content_published_total", "counter", "Publish attempts by platform and outcome (success, found_existing, or the error type).");
  for (const r of byOutcome) t.sample("content_published_total", { platform: r.platform, status: r.outcome }, Number(r.n));
  t.family("content_publishing_errors_total", "counter", "Failed publish attempts by platform and error type.");
  for (const r of byOutcome.filter((r) => FAILURES.includes(r.outcome))) {
    t.sample("content_publishing_errors_total", { platform: r.platform, error_type: r.outcome }, Number(r.n));
  }

  const hist = await attemptDurations(db, DURATION_BUCKETS);
  t.family("content_publishing_duration_seconds", "histogram", "Time of each publish call (attempt start to answer).");
  for (const r of hist) {
    const platform = r.platform;
    DURATION_BUCKETS.forEach((b, i) => t.sample("content_publishing_duration_seconds_bucket", { platform, le: String(b) }, r.buckets[i]!));
    t.sample("content_publishing_duration_seconds_bucket", { platform, le: "+Inf" }, r.count);
    t.sample("content_publishing_duration_seconds_sum", { platform }, r.sumSeconds);
    t.sample("content_publishing_duration_seconds_count", { platform }, r.count);
  }

  const scheduled = await waitingByPlatform(db);
  t.family("scheduled_content_waiting", "gauge", "Schedules waiting to publish (pending or paused), by platform.");
  for (const r of scheduled) t.sample("scheduled_content_waiting", { platform: r.platform }, Number(r.n));

  const conflicts = await counterValues(db, "scheduling_conflicts_total");
  t.family("scheduling_conflicts_total", "counter", "Conflicts found when scheduling, by type (blackout, min_gap, daily_cap, duplicate …).");
  for (const r of conflicts) t.sample("scheduling_conflicts_total", { type: r.labels }, Number(r.value));

  const q = await queueState(db);
  t.family("queue_depth", "gauge", "Schedules due now and not yet claimed.");
  t.sample("queue_depth", {}, Number(q?.due ?? 0));
  t.family("publishing_in_flight", "gauge", "Schedules claimed by a runner and being published.");
  t.sample("publishing_in_flight", {}, Number(q?.publishing ?? 0));
  t.family("runner_lag_seconds", "gauge", "How long the oldest due schedule has waited to be claimed (0 when none).");
  t.sample("runner_lag_seconds", {}, Math.max(0, Number(q?.lag ?? 0)));

  const engagement = await recentEngagement(db);
  t.family("content_engagement_rate", "gauge", "Mean engagement rate (0-1) of the posts measured in the last 24 hours, by platform and content type.");
  for (const r of engagement) t.sample("content_engagement_rate", { platform: r.platform, content_type: r.contentType }, Number(r.rate));
  t.family("content_engagement_posts", "gauge", "Posts behind content_engagement_rate: measured in the last 24 hours, by platform and content type.");
  for (const r of engagement) t.sample("content_engagement_posts", { platform: r.platform, content_type: r.contentType }, Number(r.posts));

  t.family("runners_alive", "gauge", "Runner processes with a heartbeat in the last 30 seconds.");
  t.sample("runners_alive", {}, await runnersAlive(db));
  t.lines.push(...(await retentionMetricLines(db)));

  // Suggestions, schedules created, notification deliveries, approval and job durations.
  await writePlanMetrics(t, db);
  return t.lines.join("\n") + "\n";
}
