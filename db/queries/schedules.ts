import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { contentItems, platformAccounts, schedules } from "../schema";
import type { PUBLISH_STATUSES } from "../schema/values";

export const scheduleColumns = {
  id: schedules.id,
  workspaceId: schedules.workspaceId,
  contentItemId: schedules.contentItemId,
  platformAccountId: schedules.platformAccountId,
  platformId: schedules.platformId,
  scheduledTime: schedules.scheduledTime,
  localTime: schedules.localTime,
  timezone: schedules.timezone,
  originalTime: schedules.originalTime,
  publishStatus: schedules.publishStatus,
  retryCount: schedules.retryCount,
  maxRetries: schedules.maxRetries,
  retryStrategy: schedules.retryStrategy,
  retryDelays: schedules.retryDelays,
  priority: schedules.priority,
  missedPolicy: schedules.missedPolicy,
  platformPostId: schedules.platformPostId,
  platformPostUrl: schedules.platformPostUrl,
  firstComment: schedules.firstComment,
  errorCode: schedules.errorCode,
  errorMessage: schedules.errorMessage,
  metadata: schedules.metadata,
  recurrenceSeriesId: schedules.recurrenceSeriesId,
  idempotencyKey: schedules.idempotencyKey,
  version: schedules.version,
  publishedAt: schedules.publishedAt,
  createdAt: schedules.createdAt,
  updatedAt: schedules.updatedAt,
};
export type ScheduleRow = NonNullable<Awaited<ReturnType<typeof getScheduleRow>>>;
export type ScheduleInsert = typeof schedules.$inferInsert;

export const PRIORITY_RANK = { low: 0, normal: 1, high: 2 } as const;

export async function insertSchedules(db: Db, rows: ScheduleInsert[]) {
  if (!rows.length) return [];
  return db.insert(schedules).values(rows).returning(scheduleColumns);
}

const withNames = { ...scheduleColumns, contentTitle: contentItems.title, accountName: platformAccounts.name };

export async function getScheduleRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(withNames)
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(and(eq(schedules.id, id), eq(schedules.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export interface ScheduleFilter {
  contentItemId?: string;
  recurrenceSeriesId?: string;
  platformAccountId?: string;
  platformIds?: string[];
  statuses?: string[];
  from?: Date;
  to?: Date;
}

function conditions(workspaceId: string, f: ScheduleFilter): SQL {
  const where: SQL[] = [eq(schedules.workspaceId, workspaceId)];
  if (f.contentItemId) where.push(eq(schedules.contentItemId, f.contentItemId));
  if (f.recurrenceSeriesId) where.push(eq(schedules.recurrenceSeriesId, f.recurrenceSeriesId));
  if (f.platformAccountId) where.push(eq(schedules.platformAccountId, f.platformAccountId));
  if (f.platformIds?.length) where.push(inArray(schedules.platformId, f.platformIds));
  if (f.statuses?.length)
    where.push(
      sql`${schedules.publishStatus}::text in (${sql.join(
        f.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (f.from) where.push(gte(schedules.scheduledTime, f.from));
  if (f.to) where.push(lt(schedules.scheduledTime, f.to));
  return and(...where)!;
}

const SORTS: Record<string, SQL> = {
  scheduled_time: asc(schedules.scheduledTime),
  "-scheduled_time": desc(schedules.scheduledTime),
  created_at: asc(schedules.createdAt),
  "-created_at": desc(schedules.createdAt),
};

export async function listScheduleRows(db: Db, workspaceId: string, f: ScheduleFilter & { sort: string; limit: number; offset: number }) {
  const cond = conditions(workspaceId, f);
  const [items, [total]] = await Promise.all([
    db
      .select(withNames)
      .from(schedules)
      .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
      .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
      .where(cond)
      .orderBy(SORTS[f.sort] ?? asc(schedules.scheduledTime), asc(schedules.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(schedules).where(cond),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Compact rows for a time window (calendar, conflict checks): no bodies. */
export async function schedulesInWindow(db: Db, workspaceId: string, f: ScheduleFilter & { limit?: number }) {
  return (
    db
      .select({
        id: schedules.id,
        contentItemId: schedules.contentItemId,
        platformAccountId: schedules.platformAccountId,
        platformId: schedules.platformId,
        scheduledTime: schedules.scheduledTime,
        publishStatus: schedules.publishStatus,
        version: schedules.version,
        title: contentItems.title,
        tags: contentItems.tags,
      })
      .from(schedules)
      // Naming the workspace on the join lets Postgres read only this workspace's items.
      .innerJoin(contentItems, and(eq(contentItems.id, schedules.contentItemId), eq(contentItems.workspaceId, schedules.workspaceId)))
      .where(conditions(workspaceId, f))
      .orderBy(asc(schedules.scheduledTime))
      .limit(f.limit ?? 1_000_000)
  );
}

/** A calendar row: the instant as epoch milliseconds, so thousands of rows cost no Date parsing. */
export interface CalendarRow {
  id: string;
  content_item_id: string;
  platform_account_id: string;
  platform_id: string;
  at: number;
  publish_status: (typeof PUBLISH_STATUSES)[number];
  error_code: string | null;
  version: number;
  title: string;
  tags: string[];
}

/**
 * A stamp of a calendar window: how many rows it holds and a hash over each row's id and the
 * versions Postgres keeps of it and of its content item (`xmin`, new with every insert and update
 * of a row). Any change to what the window reads (a row in or out, any column of a schedule or
 * its item) changes the stamp, so an answer rendered from rows of an equal stamp is still current.
 * Counting reads no more than the index and the rows' headers, and sends one row back. `xmin` is
 * kept as written when Postgres freezes a row (VACUUM FREEZE shows the same value); being 32 bits,
 * it could repeat only if a row were written again 2^32 transactions later with nobody reading its
 * window in between.
 */
const rowStamp = sql`hashtextextended(${schedules.id}::text || ':' || ${schedules}.xmin::text || ':' || ${contentItems}.xmin::text, 0)`;
const windowJoin = sql`${schedules}
      inner join ${contentItems} on ${contentItems.id} = ${schedules.contentItemId} and ${contentItems.workspaceId} = ${schedules.workspaceId}`;

/** The stamp of a window (see rowStamp) without its rows. */
export async function calendarStamp(db: Db, workspaceId: string, f: ScheduleFilter): Promise<string> {
  const [row] = rowsOf<{ n: number; h: string }>(
    await db.execute(sql`select count(*)::int as n, coalesce(sum(${rowStamp}), 0)::text as h from ${windowJoin} where ${conditions(workspaceId, f)}`),
  );
  return `${row!.n}:${row!.h}`;
}

/**
 * The rows of schedulesInWindow for the calendar, read as plain rows (no per-field mapping): at
 * thousands of rows a month, mapping them one field at a time costs more than the query. The
 * instant is truncated to the millisecond, as a Date read from the driver is. With them, the
 * window's stamp (calendarStamp) as of the same snapshot.
 */
export async function calendarRows(db: Db, workspaceId: string, f: ScheduleFilter): Promise<{ rows: CalendarRow[]; stamp: string }> {
  const rows = rowsOf<CalendarRow & { n?: number; h?: string }>(
    await db.execute(sql`
      select ${schedules.id} as id, ${schedules.contentItemId} as content_item_id, ${schedules.platformAccountId} as platform_account_id,
        ${schedules.platformId} as platform_id, floor(extract(epoch from ${schedules.scheduledTime}) * 1000)::float8 as at,
        ${schedules.publishStatus}::text as publish_status, ${schedules.errorCode} as error_code, ${schedules.version} as version,
        ${contentItems.title} as title, ${contentItems.tags} as tags,
        count(*) over ()::int as n, sum(${rowStamp}) over ()::text as h
      from ${windowJoin}
      where ${conditions(workspaceId, f)}
      order by ${schedules.scheduledTime}, ${schedules.id}`),
  );
  // Each row also carries n and h (left on it: deleting a property slows every later read of the row).
  return { rows, stamp: rows.length ? `${rows[0]!.n}:${rows[0]!.h}` : "0:0" };
}

/**
 * Changes a schedule only from one of the given states (and at the given version), so a change
 * never races the publisher: a row it has claimed is `publishing` and is left alone.
 */
export async function updateScheduleIf(
  db: Db,
  workspaceId: string,
  id: string,
  fromStatuses: string[],
  set: Partial<ScheduleInsert>,
  opts: { version?: number; bumpVersion?: boolean } = {},
) {
  const [row] = await db
    .update(schedules)
    .set({ ...set, updatedAt: new Date(), ...(opts.bumpVersion ? { version: sql`${schedules.version} + 1` } : {}) })
    .where(
      and(
        eq(schedules.id, id),
        eq(schedules.workspaceId, workspaceId),
        sql`${schedules.publishStatus}::text in (${sql.join(
          fromStatuses.map((s) => sql`${s}`),
          sql`, `,
        )})`,
        ...(opts.version === undefined ? [] : [eq(schedules.version, opts.version)]),
      ),
    )
    .returning(scheduleColumns);
  return row ?? null;
}

export async function deleteScheduleRow(db: Db, workspaceId: string, id: string) {
  await db.delete(schedules).where(and(eq(schedules.id, id), eq(schedules.workspaceId, workspaceId)));
}

/** The earliest open schedule of an item (its `scheduled_for`), or null. */
export async function nextOpenTime(db: Db, contentItemId: string): Promise<Date | null> {
  const [row] = await db
    .select({ t: sql<Date | null>`min(${schedules.scheduledTime})` })
    .from(schedules)
    .where(and(eq(schedules.contentItemId, contentItemId), inArray(schedules.publishStatus, ["pending", "paused"])));
  return row?.t ? new Date(row.t) : null;
}

/**
 * Schedules that may still publish: not gone out yet, nor dropped. A row being published now
 * counts: it may fail and come back to pending.
 */
export const UNSENT_STATUSES = ["pending", "paused", "publishing"] as const;

/**
 * The accounts an item is scheduled on by schedules that may still publish (UNSENT_STATUSES),
 * each once, earliest schedule first.
 */
export async function unsentTargetsOf(db: Db, workspaceId: string, contentItemId: string): Promise<{ platformAccountId: string; platformId: string }[]> {
  return db
    .select({ platformAccountId: schedules.platformAccountId, platformId: schedules.platformId })
    .from(schedules)
    .where(and(eq(schedules.workspaceId, workspaceId), eq(schedules.contentItemId, contentItemId), inArray(schedules.publishStatus, [...UNSENT_STATUSES])))
    .groupBy(schedules.platformAccountId, schedules.platformId)
    .orderBy(sql`min(${schedules.scheduledTime})`, schedules.platformAccountId);
}

/** Platforms an item is still to be published on. */
export async function openPlatformsOf(db: Db, contentItemId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ p: schedules.platformId })
    .from(schedules)
    .where(and(eq(schedules.contentItemId, contentItemId), inArray(schedules.publishStatus, ["pending", "paused"])));
  return rows.map((r) => r.p);
}
