import { and, asc, eq, gt, gte, inArray, isNull, isNotNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { recurrenceSeries, schedules } from "../schema";

export const seriesColumns = {
  id: recurrenceSeries.id,
  workspaceId: recurrenceSeries.workspaceId,
  contentItemId: recurrenceSeries.contentItemId,
  platformAccountIds: recurrenceSeries.platformAccountIds,
  rrule: recurrenceSeries.rrule,
  cron: recurrenceSeries.cron,
  timezone: recurrenceSeries.timezone,
  localTime: recurrenceSeries.localTime,
  startsAt: recurrenceSeries.startsAt,
  until: recurrenceSeries.until,
  count: recurrenceSeries.count,
  materializedUntil: recurrenceSeries.materializedUntil,
  template: recurrenceSeries.template,
  endedAt: recurrenceSeries.endedAt,
  createdBy: recurrenceSeries.createdBy,
  createdAt: recurrenceSeries.createdAt,
};
export type SeriesRow = NonNullable<Awaited<ReturnType<typeof getSeriesRow>>>;

export async function getSeriesRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(seriesColumns)
    .from(recurrenceSeries)
    .where(and(eq(recurrenceSeries.id, id), eq(recurrenceSeries.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/** Live series whose schedules stop before the horizon: the job extends these. */
export async function seriesToExtend(db: Db, horizon: Date, limit = 100) {
  return db
    .select(seriesColumns)
    .from(recurrenceSeries)
    .where(and(isNull(recurrenceSeries.endedAt), or(isNull(recurrenceSeries.materializedUntil), lt(recurrenceSeries.materializedUntil, horizon))))
    .orderBy(asc(recurrenceSeries.materializedUntil))
    .limit(limit);
}

/**
 * Re-reads a series and holds its row until the transaction ends; with skipLocked another
 * runner's series is passed over instead of waited for.
 */
export async function lockSeries(db: Db, id: string, skipLocked: boolean) {
  const [row] = await db
    .select(seriesColumns)
    .from(recurrenceSeries)
    .where(eq(recurrenceSeries.id, id))
    .for("update", skipLocked ? { skipLocked: true } : {})
    .limit(1);
  return row ?? null;
}

/** Ends every live series of an item (it was archived). */
export async function endSeriesOf(db: Db, contentItemId: string) {
  await db
    .update(recurrenceSeries)
    .set({ endedAt: new Date() })
    .where(and(eq(recurrenceSeries.contentItemId, contentItemId), isNull(recurrenceSeries.endedAt)));
}

export async function updateSeriesRow(db: Db, id: string, v: Partial<typeof recurrenceSeries.$inferInsert>) {
  await db.update(recurrenceSeries).set(v).where(eq(recurrenceSeries.id, id));
}

export async function deleteSeriesRow(db: Db, id: string) {
  await db.delete(recurrenceSeries).where(eq(recurrenceSeries.id, id));
}

/** Removes a series' occurrences that have not gone out (from a time on); history stays. */
export async function dropOpenOccurrences(db: Db, seriesId: string, from: Date) {
  return db
    .delete(schedules)
    .where(and(eq(schedules.recurrenceSeriesId, seriesId), inArray(schedules.publishStatus, ["pending", "paused"]), gt(schedules.scheduledTime, from)))
    .returning({
      id: schedules.id,
      workspaceId: schedules.workspaceId,
      contentItemId: schedules.contentItemId,
      platformAccountId: schedules.platformAccountId,
      platformId: schedules.platformId,
    });
}

export async function occurrenceCounts(db: Db, seriesId: string) {
  const rows = await db
    .select({ status: schedules.publishStatus, n: sql<number>`count(*)::int` })
    .from(schedules)
    .where(eq(schedules.recurrenceSeriesId, seriesId))
    .groupBy(schedules.publishStatus);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
}

/**
 * Marks the open occurrences of every series of a workspace that fall in [from, to) as skipped
 * (on one account, or all for a workspace-wide window); returns them.
 */
export async function skipOccurrencesIn(db: Db, workspaceId: string, from: Date, to: Date, accountId: string | null, reason: string) {
  return db
    .update(schedules)
    .set({ publishStatus: "skipped", errorMessage: reason, updatedAt: new Date() })
    .where(
      and(
        eq(schedules.workspaceId, workspaceId),
        isNotNull(schedules.recurrenceSeriesId),
        inArray(schedules.publishStatus, ["pending", "paused"]),
        gte(schedules.scheduledTime, from),
        lt(schedules.scheduledTime, to),
        ...(accountId ? [eq(schedules.platformAccountId, accountId)] : []),
      ),
    )
    .returning({
      id: schedules.id,
      workspaceId: schedules.workspaceId,
      contentItemId: schedules.contentItemId,
      platformAccountId: schedules.platformAccountId,
      platformId: schedules.platformId,
      scheduledTime: schedules.scheduledTime,
    });
}

/** Every occurrence of a series (any state), with what a replacement carries over. */
export async function seriesOccurrences(db: Db, seriesId: string) {
  return db
    .select({
      platformAccountId: schedules.platformAccountId,
      localTime: schedules.localTime,
      timezone: schedules.timezone,
      scheduledTime: schedules.scheduledTime,
      publishStatus: schedules.publishStatus,
      errorCode: schedules.errorCode,
      retryStrategy: schedules.retryStrategy,
      retryDelays: schedules.retryDelays,
      maxRetries: schedules.maxRetries,
      priority: schedules.priority,
      missedPolicy: schedules.missedPolicy,
    })
    .from(schedules)
    .where(eq(schedules.recurrenceSeriesId, seriesId));
}

/** Cancels the open occurrences of a series on the given accounts (they left it); returns them. */
export async function cancelOpenOccurrences(db: Db, seriesId: string, accountIds: string[], reason: string) {
  if (!accountIds.length) return [];
  return db
    .update(schedules)
    .set({ publishStatus: "cancelled", errorMessage: reason, updatedAt: new Date() })
    .where(
      and(
        eq(schedules.recurrenceSeriesId, seriesId),
        inArray(schedules.platformAccountId, accountIds),
        inArray(schedules.publishStatus, ["pending", "paused"]),
      ),
    )
    .returning({
      id: schedules.id,
      workspaceId: schedules.workspaceId,
      contentItemId: schedules.contentItemId,
      platformAccountId: schedules.platformAccountId,
      platformId: schedules.platformId,
    });
}
