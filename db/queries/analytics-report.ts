/**
 * The analytics report: one aggregate query per dataset, always bounded by one workspace and the
 * range's instants. Local days, weekdays and hours come from the range's offset segments
 * (lib/analytics/range.ts), never from Postgres's tz database.
 *
 * Definitions (the same as the engine and /api/metrics):
 * - An attempt counts once it finished (`outcome <> 'in_progress'`); it succeeded when the
 *   outcome is `success` or `found_existing`, every other outcome is an error of that type. The
 *   day of an attempt is the day it started.
 * - Publish latency of a schedule = its first attempt's start (or `published_at` when it has no
 *   attempt) minus its due time (`original_time`: `scheduled_time` moves on retries), in seconds,
 *   never below 0 (a post published by hand before its time waited for nothing). Its day is the
 *   day it was due.
 * - Distribution and engagement count schedules published in the range. Engagement uses each
 *   post's latest reading (the +1 h, +24 h and +7 d readings are snapshots of one post, not three
 *   posts); the mean rate leaves out readings without an audience figure (rate 0 by definition,
 *   see lib/analytics/measurements.ts), counts include them.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "../client";

export interface ReportWindow {
  workspaceId: string;
  start: Date;
  end: Date;
  segments: { starts: string[]; offsets: number[] };
}

export const DATASET_IDS = [
  "success",
  "latency",
  "errors",
  "platforms",
  "content_types",
  "weekday_hour",
  "engagement_platforms",
  "engagement_daily",
  "best_time",
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

export interface SuccessRow {
  day: string;
  attempts: number;
  succeeded: number;
}
/** `day` null: the whole range. */
export interface LatencyRow {
  day: string | null;
  posts: number;
  mean_s: number;
  p50_s: number;
  p95_s: number;
}
export interface OutcomeRow {
  outcome: string;
  n: number;
}
export interface KeyCountRow {
  key: string;
  n: number;
}
export interface SlotCountRow {
  weekday: number;
  hour: number;
  n: number;
}
export interface EngagementRow {
  key: string;
  posts: number;
  rated: number;
  mean_rate: number | null;
  likes: number;
  shares: number;
  comments: number;
  impressions: number;
}
export interface BestTimeRow {
  weekday: number;
  hour: number;
  samples: number;
  mean_rate: number;
}

export interface RawReport {
  success: SuccessRow[];
  latency: LatencyRow[];
  errors: OutcomeRow[];
  platforms: KeyCountRow[];
  content_types: KeyCountRow[];
  weekday_hour: SlotCountRow[];
  engagement_platforms: EngagementRow[];
  engagement_daily: EngagementRow[];
  best_time: BestTimeRow[];
}

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** The wall time (timestamp without zone) of an instant column in the viewer's zone. */
function local(col: SQL, w: ReportWindow): SQL {
  const starts = `{${w.segments.starts.join(",")}}`;
  const offsets = `{${w.segments.offsets.join(",")}}`;
  return sql`((${col}) AT TIME ZONE 'UTC' + make_interval(mins => (${offsets}::int[])[width_bucket(${col}, ${starts}::timestamptz[])]))`;
}
const dayOf = (col: SQL, w: ReportWindow) => sql`to_char(${local(col, w)}, 'YYYY-MM-DD')`;
const inRange = (col: SQL, w: ReportWindow) => sql`${col} >= ${ts(w.start)} AND ${col} < ${ts(w.end)}`;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Finished attempts of the workspace that started in the range. */
const attemptsIn = (w: ReportWindow) => sql`publish_attempts a JOIN schedules s ON s.id = a.schedule_id
  WHERE s.workspace_id = ${w.workspaceId} AND ${inRange(sql`a.started_at`, w)} AND a.outcome <> 'in_progress'`;

/** Schedules of the workspace published in the range. */
const publishedIn = (w: ReportWindow) => sql`s.workspace_id = ${w.workspaceId} AND s.published_at IS NOT NULL AND ${inRange(sql`s.published_at`, w)}`;

export async function successByDay(db: Db, w: ReportWindow): Promise<SuccessRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT ${dayOf(sql`a.started_at`, w)} AS day, count(*)::int AS attempts,
        count(*) FILTER (WHERE a.outcome IN ('success', 'found_existing'))::int AS succeeded
      FROM ${attemptsIn(w)} GROUP BY 1 ORDER BY 1`),
  );
  return rows.map((r) => ({ day: String(r.day), attempts: num(r.attempts), succeeded: num(r.succeeded) }));
}

export async function latencyByDay(db: Db, w: ReportWindow): Promise<LatencyRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`WITH waited AS (
        SELECT ${dayOf(sql`s.original_time`, w)} AS day,
          greatest(0, extract(epoch FROM coalesce((SELECT min(a.started_at) FROM publish_attempts a WHERE a.schedule_id = s.id), s.published_at) - s.original_time))::float8 AS sec
        FROM schedules s
        WHERE s.workspace_id = ${w.workspaceId} AND ${inRange(sql`s.original_time`, w)}
          AND (s.published_at IS NOT NULL OR EXISTS (SELECT 1 FROM publish_attempts a WHERE a.schedule_id = s.id))
      )
      SELECT day, count(*)::int AS posts, avg(sec)::float8 AS mean_s,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY sec)::float8 AS p50_s,
        percentile_cont(0.95) WITHIN GROUP (ORDER BY sec)::float8 AS p95_s
      FROM waited GROUP BY GROUPING SETS ((day), ()) ORDER BY day NULLS FIRST`),
  );
  return rows
    .filter((r) => num(r.posts) > 0)
    .map((r) => ({ day: r.day === null ? null : String(r.day), posts: num(r.posts), mean_s: num(r.mean_s), p50_s: num(r.p50_s), p95_s: num(r.p95_s) }));
}

export async function outcomeCounts(db: Db, w: ReportWindow): Promise<OutcomeRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT a.outcome::text AS outcome, count(*)::int AS n FROM ${attemptsIn(w)} GROUP BY 1 ORDER BY 2 DESC, 1`),
  );
  return rows.map((r) => ({ outcome: String(r.outcome), n: num(r.n) }));
}

async function countBy(db: Db, w: ReportWindow, key: SQL, join: SQL = sql``): Promise<KeyCountRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT ${key} AS key, count(*)::int AS n FROM schedules s ${join} WHERE ${publishedIn(w)} GROUP BY 1 ORDER BY 2 DESC, 1`),
  );
  return rows.map((r) => ({ key: String(r.key), n: num(r.n) }));
}

export const publishedByPlatform = (db: Db, w: ReportWindow) => countBy(db, w, sql`s.platform_id`);
export const publishedByContentType = (db: Db, w: ReportWindow) =>
  countBy(db, w, sql`c.content_type::text`, sql`JOIN content_items c ON c.id = s.content_item_id`);

export async function publishedByWeekdayHour(db: Db, w: ReportWindow): Promise<SlotCountRow[]> {
  const at = local(sql`s.published_at`, w);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`SELECT extract(dow FROM ${at})::int AS weekday, extract(hour FROM ${at})::int AS hour, count(*)::int AS n
      FROM schedules s WHERE ${publishedIn(w)} GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  return rows.map((r) => ({ weekday: num(r.weekday), hour: num(r.hour), n: num(r.n) }));
}

/** The latest reading of every post published in the range, with the reading's audience flag. */
const latestReadings = (w: ReportWindow) => sql`
  SELECT DISTINCT ON (s.id) s.id, s.platform_id, s.published_at, ca.engagement_rate AS rate,
    ca.likes_count AS likes, ca.shares_count AS shares, ca.comments_count AS comments, ca.impressions,
    (ca.impressions > 0 OR ca.reach > 0) AS has_audience
  FROM schedules s JOIN content_analytics ca ON ca.schedule_id = s.id
  WHERE ${publishedIn(w)}
  ORDER BY s.id, ca.measured_at DESC, ca.created_at DESC, ca.id`;

async function engagementBy(db: Db, w: ReportWindow, key: SQL): Promise<EngagementRow[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`WITH latest AS (${latestReadings(w)})
      SELECT ${key} AS key, count(*)::int AS posts, count(*) FILTER (WHERE has_audience)::int AS rated,
        avg(rate) FILTER (WHERE has_audience)::float8 AS mean_rate,
        sum(likes)::float8 AS likes, sum(shares)::float8 AS shares, sum(comments)::float8 AS comments, sum(impressions)::float8 AS impressions
      FROM latest GROUP BY 1 ORDER BY 1`),
  );
  return rows.map((r) => ({
    key: String(r.key),
    posts: num(r.posts),
    rated: num(r.rated),
    mean_rate: numOrNull(r.mean_rate),
    likes: num(r.likes),
    shares: num(r.shares),
    comments: num(r.comments),
    impressions: num(r.impressions),
  }));
}

export const engagementByPlatform = (db: Db, w: ReportWindow) => engagementBy(db, w, sql`platform_id`);
export const engagementByDay = (db: Db, w: ReportWindow) => engagementBy(db, w, dayOf(sql`published_at`, w));

/** Mean engagement rate by the weekday and hour (viewer's zone) posts went out at; audience readings only. */
export async function bestTimes(db: Db, w: ReportWindow): Promise<BestTimeRow[]> {
  const at = local(sql`published_at`, w);
  const rows = rowsOf<Record<string, unknown>>(
    await db.execute(sql`WITH latest AS (${latestReadings(w)})
      SELECT extract(dow FROM ${at})::int AS weekday, extract(hour FROM ${at})::int AS hour, count(*)::int AS samples, avg(rate)::float8 AS mean_rate
      FROM latest WHERE has_audience GROUP BY 1, 2 ORDER BY 1, 2`),
  );
  return rows.map((r) => ({ weekday: num(r.weekday), hour: num(r.hour), samples: num(r.samples), mean_rate: num(r.mean_rate) }));
}

const QUERIES: { [K in DatasetId]: (db: Db, w: ReportWindow) => Promise<RawReport[K]> } = {
  success: successByDay,
  latency: latencyByDay,
  errors: outcomeCounts,
  platforms: publishedByPlatform,
  content_types: publishedByContentType,
  weekday_hour: publishedByWeekdayHour,
  engagement_platforms: engagementByPlatform,
  engagement_daily: engagementByDay,
  best_time: bestTimes,
};

export function loadDataset<K extends DatasetId>(db: Db, w: ReportWindow, id: K): Promise<RawReport[K]> {
  return QUERIES[id](db, w) as Promise<RawReport[K]>;
}

/** Every dataset of the report, one query each. */
export async function loadReport(db: Db, w: ReportWindow): Promise<RawReport> {
  const out = {} as Record<DatasetId, unknown>;
  // One after another: the embedded database has one connection, and each query is small.
  for (const id of DATASET_IDS) out[id] = await QUERIES[id](db, w);
  return out as RawReport;
}
