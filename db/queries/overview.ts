import { and, asc, eq, gte, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { contentItems, platformAccounts, schedules } from "../schema";

export async function scheduleCounts(db: Db, workspaceId: string) {
  const rows = await db
    .select({ status: schedules.publishStatus, n: sql<number>`count(*)::int` })
    .from(schedules)
    .where(eq(schedules.workspaceId, workspaceId))
    .groupBy(schedules.publishStatus);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
}

export async function upcomingSchedules(db: Db, workspaceId: string, limit = 8) {
  return db
    .select({
      id: schedules.id,
      scheduledTime: schedules.scheduledTime,
      timezone: schedules.timezone,
      status: schedules.publishStatus,
      title: contentItems.title,
      preview: contentItems.content,
      platform: schedules.platformId,
      accountName: platformAccounts.name,
    })
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(and(eq(schedules.workspaceId, workspaceId), eq(schedules.publishStatus, "pending"), gte(schedules.scheduledTime, sql`now() - interval '1 hour'`)))
    .orderBy(asc(schedules.scheduledTime))
    .limit(limit);
}

/** The overview's counters for one workspace; "today" starts at `todayStart` (the person's midnight), else the UTC day's. */
export async function overviewStats(db: Db, workspaceId: string, todayStart?: Date) {
  const today = todayStart ? sql`${todayStart.toISOString()}::timestamptz` : sql`date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
  const result = await db.execute(sql`
    SELECT
      (SELECT count(*)::int FROM schedules WHERE workspace_id = ${workspaceId} AND publish_status IN ('pending', 'paused')) AS active,
      (SELECT count(*)::int FROM schedules WHERE workspace_id = ${workspaceId} AND publish_status IN ('pending', 'publishing') AND scheduled_time <= now()) AS due_now,
      (SELECT count(*)::int FROM schedules WHERE workspace_id = ${workspaceId} AND publish_status = 'published' AND published_at >= ${today}) AS published_today,
      (SELECT count(*)::int FROM schedules WHERE workspace_id = ${workspaceId} AND publish_status IN ('failed', 'dead_letter')) AS failed,
      (SELECT count(*)::int FROM platform_accounts WHERE workspace_id = ${workspaceId} AND status = 'needs_reconnect') AS reconnect,
      (SELECT count(*) FILTER (WHERE a.outcome IN ('success', 'found_existing'))::int FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
        WHERE s.workspace_id = ${workspaceId} AND a.started_at > now() - interval '7 days' AND a.outcome <> 'in_progress') AS ok7,
      (SELECT count(*)::int FROM publish_attempts a JOIN schedules s ON s.id = a.schedule_id
        WHERE s.workspace_id = ${workspaceId} AND a.started_at > now() - interval '7 days' AND a.outcome <> 'in_progress') AS all7`);
  const r = rowsOf<{ active: number; due_now: number; published_today: number; failed: number; reconnect: number; ok7: number; all7: number }>(result)[0]!;
  return {
    active: Number(r.active),
    dueNow: Number(r.due_now),
    publishedToday: Number(r.published_today),
    failed: Number(r.failed),
    needsReconnect: Number(r.reconnect),
    successRate7d: Number(r.all7) ? Number(r.ok7) / Number(r.all7) : null,
  };
}
