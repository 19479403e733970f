/**
 * The health history: one row per check, subject and minute (health_samples). Instance-wide
 * checks have no workspace; each platform's check belongs to a workspace. Reading returns only the
 * rows where a run of one status starts or ends, so a day of minutes comes back as a few rows.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { healthSamples } from "../schema";
import type { HEALTH_STATUSES } from "../schema/values";
import { FAILED_OUTCOMES, tz } from "./alert-measures";

export type HealthStatus = (typeof HEALTH_STATUSES)[number];

export interface SampleInsert {
  at: Date;
  workspaceId: string | null;
  check: string;
  subject: string;
  status: HealthStatus;
  value: number | null;
  details: Record<string, unknown>;
}

/** Writes a minute's samples; rows another runner wrote for the same minute first win. */
export async function insertSamples(db: Db, rows: SampleInsert[]): Promise<number> {
  if (!rows.length) return 0;
  const made = await db.insert(healthSamples).values(rows).onConflictDoNothing().returning({ id: healthSamples.id });
  return made.length;
}

/** The publishing queue of the whole instance as of `now` (what /api/health reports). */
export async function instanceQueue(db: Db, now: Date) {
  const [q] = rowsOf<{ due: number; oldest: number | null; publishing: number }>(
    await db.execute(sql`SELECT
        (SELECT count(*)::int FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= ${tz(now)}) AS due,
        (SELECT extract(epoch from ${tz(now)} - min(scheduled_time))::float8 FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= ${tz(now)}) AS oldest,
        (SELECT count(*)::int FROM schedules WHERE publish_status = 'publishing') AS publishing`),
  );
  return { due: Number(q?.due ?? 0), oldestSeconds: Math.max(0, Math.round(Number(q?.oldest ?? 0))), publishing: Number(q?.publishing ?? 0) };
}

export interface PlatformHealthRow {
  workspaceId: string;
  platform: string;
  accounts: number;
  accountsInTrouble: number;
  lastSuccessAt: Date | null;
  lastFailureAt: Date | null;
  recentSuccesses: number;
  recentFailures: number;
}

/**
 * Per workspace and platform (any platform with an account that is not disabled, or with attempts
 * in the last day): the latest success and failure of the last day, the attempts of the last
 * `recentMinutes`, and the accounts needing reconnection or in error.
 */
export async function platformHealth(db: Db, now: Date, recentMinutes: number): Promise<PlatformHealthRow[]> {
  const failed = sql.raw(`(${FAILED_OUTCOMES.map((o) => `'${o}'`).join(", ")})`);
  const day = new Date(now.getTime() - 86_400_000);
  const recent = new Date(now.getTime() - recentMinutes * 60_000);
  const rows = rowsOf<{
    workspace_id: string;
    platform: string;
    accounts: number | null;
    trouble: number | null;
    last_success: string | Date | null;
    last_failure: string | Date | null;
    ok_recent: number | null;
    failed_recent: number | null;
  }>(
    await db.execute(sql`
      WITH acc AS (
        SELECT workspace_id, platform, count(*)::int AS accounts,
               count(*) FILTER (WHERE status IN ('needs_reconnect', 'error'))::int AS trouble
        FROM platform_accounts WHERE status <> 'disabled' GROUP BY 1, 2
      ), att AS (
        SELECT s.workspace_id, s.platform_id AS platform,
               max(a.started_at) FILTER (WHERE a.outcome IN ('success', 'found_existing')) AS last_success,
               max(a.started_at) FILTER (WHERE a.outcome IN ${failed}) AS last_failure,
               count(*) FILTER (WHERE a.outcome IN ('success', 'found_existing') AND a.started_at > ${tz(recent)})::int AS ok_recent,
               count(*) FILTER (WHERE a.outcome IN ${failed} AND a.started_at > ${tz(recent)})::int AS failed_recent
        FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
        WHERE a.started_at > ${tz(day)} AND a.started_at <= ${tz(now)} AND a.outcome <> 'in_progress'
        GROUP BY 1, 2
      )
      SELECT coalesce(acc.workspace_id, att.workspace_id) AS workspace_id, coalesce(acc.platform, att.platform) AS platform,
             acc.accounts, acc.trouble, att.last_success, att.last_failure, att.ok_recent, att.failed_recent
      FROM acc FULL JOIN att ON att.workspace_id = acc.workspace_id AND att.platform = acc.platform
      ORDER BY 1, 2`),
  );
  const date = (v: string | Date | null) => (v ? new Date(v) : null);
  return rows.map((r) => ({
    workspaceId: r.workspace_id,
    platform: r.platform,
    accounts: Number(r.accounts ?? 0),
    accountsInTrouble: Number(r.trouble ?? 0),
    lastSuccessAt: date(r.last_success),
    lastFailureAt: date(r.last_failure),
    recentSuccesses: Number(r.ok_recent ?? 0),
    recentFailures: Number(r.failed_recent ?? 0),
  }));
}

export interface RunEdge {
  check: string;
  subject: string;
  status: HealthStatus;
  at: Date;
  value: number | null;
  details: Record<string, unknown>;
  isStart: boolean;
  isEnd: boolean;
}

/**
 * The samples that start or end a run of one status for each check in [from, to]: the instance's
 * and the workspace's. Samples further apart than `gapSeconds` belong to different runs.
 */
export async function runEdges(db: Db, workspaceId: string, from: Date, to: Date, gapSeconds: number): Promise<RunEdge[]> {
  const rows = rowsOf<{
    check: string;
    subject: string;
    status: HealthStatus;
    at: string | Date;
    value: number | null;
    details: Record<string, unknown>;
    is_start: boolean;
    is_end: boolean;
  }>(
    await db.execute(sql`
      SELECT "check", subject, status, at, value, details, is_start, is_end FROM (
        SELECT "check", subject, status::text AS status, at, value, details,
          (lag(status) OVER w IS DISTINCT FROM status OR at - lag(at) OVER w > make_interval(secs => ${gapSeconds})) AS is_start,
          (lead(status) OVER w IS DISTINCT FROM status OR lead(at) OVER w - at > make_interval(secs => ${gapSeconds})) AS is_end
        FROM health_samples
        WHERE at >= ${tz(from)} AND at <= ${tz(to)} AND (workspace_id IS NULL OR workspace_id = ${workspaceId})
        WINDOW w AS (PARTITION BY workspace_id, "check", subject ORDER BY at)
      ) runs
      WHERE is_start OR is_end
      ORDER BY "check", subject, at`),
  );
  return rows.map((r) => ({
    check: r.check,
    subject: r.subject,
    status: r.status,
    at: new Date(r.at),
    value: r.value === null ? null : Number(r.value),
    details: r.details ?? {},
    isStart: r.is_start === true || String(r.is_start) === "true",
    isEnd: r.is_end === true || String(r.is_end) === "true",
  }));
}

/** Forgets samples older than the retention; returns how many went. */
export async function pruneSamples(db: Db, before: Date): Promise<number> {
  const gone = await db.execute(sql`WITH d AS (DELETE FROM health_samples WHERE at < ${tz(before)} RETURNING 1) SELECT count(*)::int AS n FROM d`);
  return Number(rowsOf<{ n: number }>(gone)[0]?.n ?? 0);
}
