/**
 * Prometheus text for /api/metrics, read from the database so every runner process counts:
 * attempts are the counters (they are never rewritten), schedules the gauges.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";

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
  const byOutcome = rowsOf<{ platform: string; outcome: string; n: number }>(
    await db.execute(sql`SELECT s.platform_id AS platform, a.outcome::text AS outcome, count(*)::int AS n
      FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
      WHERE a.outcome <> 'in_progress' GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  t.family("content_published_total", "counter", "Publish attempts by platform and outcome (success, found_existing, or the error type).");
  for (const r of byOutcome) t.sample("content_published_total", { platform: r.platform, status: r.outcome }, Number(r.n));
  t.family("content_publishing_errors_total", "counter", "Failed publish attempts by platform and error type.");
  for (const r of byOutcome.filter((r) => FAILURES.includes(r.outcome))) {
    t.sample("content_publishing_errors_total", { platform: r.platform, error_type: r.outcome }, Number(r.n));
  }

  const bucketCols = DURATION_BUCKETS.map((b, i) => sql`count(*) FILTER (WHERE a.duration_ms <= ${b * 1000})::int AS ${sql.raw(`b${i}`)}`);
  const hist = rowsOf<Record<string, number | string>>(
    await db.execute(sql`SELECT s.platform_id AS platform, ${sql.join(bucketCols, sql`, `)}, count(*)::int AS n, coalesce(sum(a.duration_ms), 0)::float8 / 1000 AS total
      FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
      WHERE a.duration_ms IS NOT NULL GROUP BY 1 ORDER BY 1`),
  );
  t.family("content_publishing_duration_seconds", "histogram", "Time of each publish call (attempt start to answer).");
  for (const r of hist) {
    const platform = String(r.platform);
    DURATION_BUCKETS.forEach((b, i) => t.sample("content_publishing_duration_seconds_bucket", { platform, le: String(b) }, Number(r[`b${i}`])));
    t.sample("content_publishing_duration_seconds_bucket", { platform, le: "+Inf" }, Number(r.n));
    t.sample("content_publishing_duration_seconds_sum", { platform }, Number(r.total));
    t.sample("content_publishing_duration_seconds_count", { platform }, Number(r.n));
  }

  const scheduled = rowsOf<{ platform: string; n: number }>(
    await db.execute(
      sql`SELECT platform_id AS platform, count(*)::int AS n FROM schedules WHERE publish_status IN ('pending', 'paused') GROUP BY 1 ORDER BY 1`,
    ),
  );
  t.family("scheduled_content_total", "gauge", "Schedules waiting to publish (pending or paused), by platform.");
  for (const r of scheduled) t.sample("scheduled_content_total", { platform: r.platform }, Number(r.n));

  const conflicts = rowsOf<{ labels: string; value: number }>(
    await db.execute(sql`SELECT labels, value FROM metric_counters WHERE name = 'scheduling_conflicts_total' ORDER BY labels`),
  );
  t.family("scheduling_conflicts_total", "counter", "Conflicts found when scheduling, by type (blackout, min_gap, daily_cap, duplicate …).");
  for (const r of conflicts) t.sample("scheduling_conflicts_total", { type: r.labels }, Number(r.value));

  const [q] = rowsOf<{ due: number; lag: number | null; publishing: number }>(
    await db.execute(sql`SELECT
        (SELECT count(*)::int FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= now()) AS due,
        (SELECT extract(epoch from now() - min(scheduled_time))::float8 FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= now()) AS lag,
        (SELECT count(*)::int FROM schedules WHERE publish_status = 'publishing') AS publishing`),
  );
  t.family("queue_depth", "gauge", "Schedules due now and not yet claimed.");
  t.sample("queue_depth", {}, Number(q?.due ?? 0));
  t.family("publishing_in_flight", "gauge", "Schedules claimed by a runner and being published.");
  t.sample("publishing_in_flight", {}, Number(q?.publishing ?? 0));
  t.family("runner_lag_seconds", "gauge", "How long the oldest due schedule has waited to be claimed (0 when none).");
  t.sample("runner_lag_seconds", {}, Math.max(0, Number(q?.lag ?? 0)));

  const [r] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM runner_heartbeats WHERE last_beat_at > now() - interval '30 seconds'`));
  t.family("runners_alive", "gauge", "Runner processes with a heartbeat in the last 30 seconds.");
  t.sample("runners_alive", {}, Number(r?.n ?? 0));
  return t.lines.join("\n") + "\n";
}

/** Adds to a counter kept in metric_counters (conflicts seen when scheduling …). */
export async function bumpCounter(db: Db, name: string, label: string, by = 1) {
  if (by <= 0) return;
  await db.execute(sql`INSERT INTO metric_counters (name, labels, value) VALUES (${name}, ${label}, ${by})
    ON CONFLICT (name, labels) DO UPDATE SET value = metric_counters.value + ${by}`);
}

/** Counts conflict warnings by type (scheduling_conflicts_total). */
export async function countConflicts(db: Db, conflicts: { type: string }[]) {
  const by = new Map<string, number>();
  for (const c of conflicts) by.set(c.type, (by.get(c.type) ?? 0) + 1);
  for (const [type, n] of by) await bumpCounter(db, "scheduling_conflicts_total", type, n);
}
