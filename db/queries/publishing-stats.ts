/**
 * The instance-wide numbers of the publishing pipeline, read for /api/metrics: publish attempts
 * (never rewritten, so they count; what the retention pruning removed is carried in
 * metric_counters and added back), schedules waiting or in flight, and live runners. Not scoped
 * to a workspace: only the metrics endpoint, behind its own token, reads them.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { PRUNED_ATTEMPTS_COUNTER, PRUNED_DURATIONS_COUNTER } from "./metric-counters";

/** Finished publish attempts by platform and outcome (`in_progress` left out). */
export async function attemptsByOutcome(db: Db): Promise<{ platform: string; outcome: string; n: number }[]> {
  return rowsOf<{ platform: string; outcome: string; n: number }>(
    await db.execute(sql`SELECT platform, outcome, sum(n)::float8 AS n FROM (
        SELECT s.platform_id AS platform, a.outcome::text AS outcome, count(*) AS n
        FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
        WHERE a.outcome <> 'in_progress' GROUP BY 1, 2
        UNION ALL
        SELECT labels::jsonb ->> 'platform', labels::jsonb ->> 'outcome', value FROM metric_counters WHERE name = ${PRUNED_ATTEMPTS_COUNTER}
      ) t GROUP BY 1, 2 ORDER BY 1, 2`),
  );
}

export interface DurationHistogram {
  platform: string;
  /** Attempts at or under each bound, in the order of the bounds given. */
  buckets: number[];
  count: number;
  /** Seconds, all attempts together. */
  sumSeconds: number;
}

/** Publish attempts with a recorded duration, by platform: cumulative counts under each bound (seconds). */
export async function attemptDurations(db: Db, boundsSeconds: readonly number[]): Promise<DurationHistogram[]> {
  const bucketCols = boundsSeconds.map((b, i) => sql`count(*) FILTER (WHERE a.duration_ms <= ${b * 1000})::int AS ${sql.raw(`b${i}`)}`);
  const rows = rowsOf<Record<string, number | string>>(
    await db.execute(sql`SELECT s.platform_id AS platform, ${sql.join(bucketCols, sql`, `)}, count(*)::int AS n, coalesce(sum(a.duration_ms), 0)::float8 / 1000 AS total
      FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
      WHERE a.duration_ms IS NOT NULL GROUP BY 1 ORDER BY 1`),
  );
  const out = new Map<string, DurationHistogram>(
    rows.map((r) => [
      String(r.platform),
      { platform: String(r.platform), buckets: boundsSeconds.map((_, i) => Number(r[`b${i}`])), count: Number(r.n), sumSeconds: Number(r.total) },
    ]),
  );
  // Pruned attempts, per bound they were counted under. A bound added since takes the count of the
  // bound below it, so the buckets still only grow from one bound to the next.
  const carried = rowsOf<{ platform: string; le: string; value: number | string }>(
    await db.execute(
      sql`SELECT labels::jsonb ->> 'platform' AS platform, labels::jsonb ->> 'le' AS le, value FROM metric_counters WHERE name = ${PRUNED_DURATIONS_COUNTER}`,
    ),
  );
  const byPlatform = new Map<string, Map<string, number>>();
  for (const c of carried) {
    if (!byPlatform.has(c.platform)) byPlatform.set(c.platform, new Map());
    byPlatform.get(c.platform)!.set(c.le, Number(c.value));
  }
  for (const [platform, les] of byPlatform) {
    const h = out.get(platform) ?? { platform, buckets: boundsSeconds.map(() => 0), count: 0, sumSeconds: 0 };
    out.set(platform, h);
    let below = 0;
    boundsSeconds.forEach((b, i) => {
      below = les.get(String(b)) ?? below;
      h.buckets[i]! += below;
    });
    h.count += les.get("+Inf") ?? 0;
    h.sumSeconds += (les.get("sum_ms") ?? 0) / 1000;
  }
  return [...out.values()].sort((a, b) => a.platform.localeCompare(b.platform));
}

/** Schedules waiting to publish (pending or paused), by platform. */
export async function waitingByPlatform(db: Db): Promise<{ platform: string; n: number }[]> {
  return rowsOf<{ platform: string; n: number }>(
    await db.execute(
      sql`SELECT platform_id AS platform, count(*)::int AS n FROM schedules WHERE publish_status IN ('pending', 'paused') GROUP BY 1 ORDER BY 1`,
    ),
  );
}

/** The queue now: schedules due and unclaimed, seconds the oldest of them has waited (null when none), schedules being published. */
export async function queueState(db: Db): Promise<{ due: number; lag: number | null; publishing: number } | undefined> {
  const [q] = rowsOf<{ due: number; lag: number | null; publishing: number }>(
    await db.execute(sql`SELECT
        (SELECT count(*)::int FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= now()) AS due,
        (SELECT extract(epoch from now() - min(scheduled_time))::float8 FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= now()) AS lag,
        (SELECT count(*)::int FROM schedules WHERE publish_status = 'publishing') AS publishing`),
  );
  return q;
}

/** Runner processes with a heartbeat in the last 30 seconds. */
export async function runnersAlive(db: Db): Promise<number> {
  const [r] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM runner_heartbeats WHERE last_beat_at > now() - interval '30 seconds'`));
  return Number(r?.n ?? 0);
}

/**
 * Mean engagement rate of the posts measured in the last 24 hours, by platform and content type:
 * each published post counts once, with its latest measurement.
 */
export async function recentEngagement(db: Db): Promise<{ platform: string; contentType: string; rate: number; posts: number }[]> {
  return rowsOf<{ platform: string; contentType: string; rate: number; posts: number }>(
    await db.execute(sql`SELECT platform_id AS platform, content_type AS "contentType", avg(engagement_rate)::float8 AS rate, count(*)::int AS posts
      FROM (
        SELECT DISTINCT ON (a.content_item_id, a.platform_id) a.platform_id, c.content_type::text AS content_type, a.engagement_rate
        FROM content_analytics a JOIN content_items c ON c.id = a.content_item_id
        WHERE a.measured_at > now() - interval '24 hours'
        ORDER BY a.content_item_id, a.platform_id, a.measured_at DESC
      ) latest
      GROUP BY 1, 2 ORDER BY 1, 2`),
  );
}
