import { and, asc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, platformAccounts, schedules } from "../schema";

const BATCH = 1000;

/** Schedules in a window, page by page in time order (keyset), so an export never loads all at once. */
export async function* exportScheduleRows(db: Db, workspaceId: string, from?: Date, to?: Date) {
  let after: { t: Date; id: string } | null = null;
  for (;;) {
    const where: SQL[] = [eq(schedules.workspaceId, workspaceId)];
    if (from) where.push(gte(schedules.scheduledTime, from));
    if (to) where.push(lt(schedules.scheduledTime, to));
    if (after) where.push(or(sql`${schedules.scheduledTime} > ${after.t}`, and(eq(schedules.scheduledTime, after.t), sql`${schedules.id} > ${after.id}`))!);
    const rows = await db
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
      .where(and(...where))
      .orderBy(asc(schedules.scheduledTime), asc(schedules.id))
      .limit(BATCH);
    yield* rows;
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { t: last.scheduledTime, id: last.id };
  }
}

/** Content items created in a window, page by page. */
export async function* exportContentRows(db: Db, workspaceId: string, from?: Date, to?: Date) {
  let after: { t: Date; id: string } | null = null;
  for (;;) {
    const where: SQL[] = [eq(contentItems.workspaceId, workspaceId)];
    if (from) where.push(gte(contentItems.createdAt, from));
    if (to) where.push(lt(contentItems.createdAt, to));
    if (after) where.push(or(sql`${contentItems.createdAt} > ${after.t}`, and(eq(contentItems.createdAt, after.t), sql`${contentItems.id} > ${after.id}`))!);
    const rows = await db
      .select({
        id: contentItems.id,
        title: contentItems.title,
        content: contentItems.content,
        contentType: contentItems.contentType,
        status: contentItems.status,
        tags: contentItems.tags,
        scheduledFor: contentItems.scheduledFor,
        publishedAt: contentItems.publishedAt,
        createdAt: contentItems.createdAt,
      })
      .from(contentItems)
      .where(and(...where))
      .orderBy(asc(contentItems.createdAt), asc(contentItems.id))
      .limit(BATCH);
    yield* rows;
    if (rows.length < BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { t: last.createdAt, id: last.id };
  }
}
