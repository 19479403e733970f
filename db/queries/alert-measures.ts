/**
 * What the alert rules measure, per workspace (runners: per instance), as of a given instant so a
 * test can step the clock. A failed attempt is one of the outcomes /api/metrics counts as an error;
 * a success is `success` or `found_existing` (the post was there already).
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";

export const FAILED_OUTCOMES = ["retryable", "rate_limited", "auth", "permanent", "unknown_outcome"] as const;
const failed = sql.raw(`(${FAILED_OUTCOMES.map((o) => `'${o}'`).join(", ")})`);
const succeeded = sql.raw(`('success', 'found_existing')`);

/** An instant as a query parameter (postgres.js takes no Date in raw SQL). */
export const tz = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const since = (now: Date, minutes: number) => tz(new Date(now.getTime() - minutes * 60_000));

/** Finished publish attempts of the workspace that started in the window, and how many failed. */
export async function attemptTotals(db: Db, workspaceId: string, windowMinutes: number, now: Date) {
  const [r] = rowsOf<{ attempts: number; failed: number }>(
    await db.execute(sql`SELECT count(*)::int AS attempts, count(*) FILTER (WHERE a.outcome IN ${failed})::int AS failed
      FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
      WHERE s.workspace_id = ${workspaceId} AND a.outcome <> 'in_progress'
        AND a.started_at > ${since(now, windowMinutes)} AND a.started_at <= ${tz(now)}`),
  );
  return { attempts: Number(r?.attempts ?? 0), failed: Number(r?.failed ?? 0) };
}

/** Per platform of the workspace: successes and failures of the attempts that started in the window. */
export async function attemptsByPlatform(db: Db, workspaceId: string, windowMinutes: number, now: Date) {
  return rowsOf<{ platform: string; successes: number; failures: number }>(
    await db.execute(sql`SELECT s.platform_id AS platform,
        count(*) FILTER (WHERE a.outcome IN ${succeeded})::int AS successes,
        count(*) FILTER (WHERE a.outcome IN ${failed})::int AS failures
      FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
      WHERE s.workspace_id = ${workspaceId} AND a.outcome <> 'in_progress'
        AND a.started_at > ${since(now, windowMinutes)} AND a.started_at <= ${tz(now)}
      GROUP BY 1 ORDER BY 1`),
  ).map((r) => ({ platform: r.platform, successes: Number(r.successes), failures: Number(r.failures) }));
}

/** The workspace's posts due and not yet claimed, and how long the oldest has waited (0 when none). */
export async function workspaceQueueLag(db: Db, workspaceId: string, now: Date) {
  const [r] = rowsOf<{ due: number; lag: number | null }>(
    await db.execute(sql`SELECT count(*)::int AS due, extract(epoch from ${tz(now)} - min(scheduled_time))::float8 AS lag
      FROM schedules WHERE workspace_id = ${workspaceId} AND publish_status = 'pending' AND scheduled_time <= ${tz(now)}`),
  );
  return { due: Number(r?.due ?? 0), lagSeconds: Math.max(0, Number(r?.lag ?? 0)) };
}

/** Runner processes (any workspace's, any driver) with a heartbeat within `staleSeconds`. */
export async function liveRunnerCount(db: Db, staleSeconds: number, now: Date) {
  const [r] = rowsOf<{ n: number }>(
    await db.execute(sql`SELECT count(*)::int AS n FROM runner_heartbeats WHERE last_beat_at > ${tz(new Date(now.getTime() - staleSeconds * 1000))}`),
  );
  return Number(r?.n ?? 0);
}

/** The workspace's accounts that need reconnecting (and, when asked, those in error). */
export async function accountsInTrouble(db: Db, workspaceId: string, includeErrors: boolean) {
  const statuses = includeErrors ? sql.raw(`('needs_reconnect', 'error')`) : sql.raw(`('needs_reconnect')`);
  return rowsOf<{ id: string; name: string; platform: string; status: string; reason: string | null }>(
    await db.execute(sql`SELECT id, name, platform, status::text AS status, status_reason AS reason
      FROM platform_accounts WHERE workspace_id = ${workspaceId} AND status IN ${statuses} ORDER BY name, id`),
  );
}

/**
 * Mean engagement rate (0–1) per platform of the workspace's posts measured in the period: each
 * post counts once per platform, with its latest measurement.
 */
export async function engagementByPlatform(db: Db, workspaceId: string, periodHours: number, now: Date, platform?: string) {
  return rowsOf<{ platform: string; rate: number; posts: number }>(
    await db.execute(sql`SELECT platform_id AS platform, avg(engagement_rate)::float8 AS rate, count(*)::int AS posts
      FROM (
        SELECT DISTINCT ON (a.content_item_id, a.platform_id) a.platform_id, a.engagement_rate
        FROM content_analytics a JOIN content_items c ON c.id = a.content_item_id
        WHERE c.workspace_id = ${workspaceId} AND a.measured_at > ${since(now, periodHours * 60)} AND a.measured_at <= ${tz(now)}
          ${platform ? sql`AND a.platform_id = ${platform}` : sql``}
        ORDER BY a.content_item_id, a.platform_id, a.measured_at DESC
      ) latest
      GROUP BY 1 ORDER BY 1`),
  ).map((r) => ({ platform: r.platform, rate: Number(r.rate), posts: Number(r.posts) }));
}
