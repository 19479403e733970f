import { and, asc, eq, gt, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Db } from "../client";
import { contentItems, contentVariants, platformAccounts, schedules } from "../schema";

const BATCH = 1000;
type Cursor = { t: Date; id: string } | null;

/**
 * Rows page by page in (time, id) order, each page starting after the last row of the one
 * before (keyset), so an export streams without ever loading everything.
 */
async function* keyset<T extends { id: string }>(page: (after: SQL | undefined) => Promise<T[]>, time: PgColumn, id: PgColumn, timeOf: (row: T) => Date) {
  let cursor: Cursor = null;
  for (;;) {
    const c: Cursor = cursor;
    // Through the column helpers, so each driver gets the Date as a timestamp parameter.
    const rows = await page(c ? or(gt(time, c.t), and(eq(time, c.t), gt(id, c.id))) : undefined);
    yield* rows;
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    cursor = { t: timeOf(last), id: last.id };
  }
}

function range(time: PgColumn, from?: Date, to?: Date): SQL[] {
  return [...(from ? [gte(time, from)] : []), ...(to ? [lt(time, to)] : [])];
}

/** Schedules in a window, in time order, for CSV export. */
export function exportScheduleRows(db: Db, workspaceId: string, from?: Date, to?: Date) {
  return keyset(
    (after) =>
      db
        .select({
          id: schedules.id,
          contentItemId: schedules.contentItemId,
          title: contentItems.title,
          platform: schedules.platformId,
          account: platformAccounts.name,
          scheduledTime: schedules.scheduledTime,
          localTime: schedules.localTime,
          timezone: schedules.timezone,
          status: schedules.publishStatus,
          retryCount: schedules.retryCount,
          postUrl: schedules.platformPostUrl,
          error: schedules.errorMessage,
        })
        .from(schedules)
        .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
        .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
        .where(and(eq(schedules.workspaceId, workspaceId), ...range(schedules.scheduledTime, from, to), after))
        .orderBy(asc(schedules.scheduledTime), asc(schedules.id))
        .limit(BATCH),
    schedules.scheduledTime,
    schedules.id,
    (r) => r.scheduledTime,
  );
}

/** Content items created in a window, in creation order, for CSV export. */
export function exportContentRows(db: Db, workspaceId: string, from?: Date, to?: Date) {
  return keyset(
    (after) =>
      db
        .select({
          id: contentItems.id,
          title: contentItems.title,
          content: contentItems.content,
          summary: contentItems.summary,
          contentType: contentItems.contentType,
          status: contentItems.status,
          tags: contentItems.tags,
          scheduledFor: contentItems.scheduledFor,
          publishedAt: contentItems.publishedAt,
          createdAt: contentItems.createdAt,
        })
        .from(contentItems)
        .where(and(eq(contentItems.workspaceId, workspaceId), ...range(contentItems.createdAt, from, to), after))
        .orderBy(asc(contentItems.createdAt), asc(contentItems.id))
        .limit(BATCH),
    contentItems.createdAt,
    contentItems.id,
    (r) => r.createdAt,
  );
}

/** The variants and schedules (with their account) of some content items, for the content export. */
export async function exportDetailsOf(db: Db, workspaceId: string, contentIds: string[]) {
  if (!contentIds.length) return { variants: [], schedules: [] };
  const [variantRows, scheduleRows] = await Promise.all([
    db
      .select({
        contentItemId: contentVariants.contentItemId,
        platform: contentVariants.platform,
        text: contentVariants.text,
        parts: contentVariants.parts,
        options: contentVariants.options,
      })
      .from(contentVariants)
      .where(inArray(contentVariants.contentItemId, contentIds))
      .orderBy(asc(contentVariants.platform)),
    db
      .select({
        contentItemId: schedules.contentItemId,
        platform: schedules.platformId,
        account: platformAccounts.name,
        scheduledTime: schedules.scheduledTime,
        localTime: schedules.localTime,
        timezone: schedules.timezone,
        status: schedules.publishStatus,
      })
      .from(schedules)
      .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
      .where(and(eq(schedules.workspaceId, workspaceId), inArray(schedules.contentItemId, contentIds)))
      .orderBy(asc(schedules.scheduledTime), asc(platformAccounts.platform), asc(platformAccounts.name)),
  ]);
  return { variants: variantRows, schedules: scheduleRows };
}
