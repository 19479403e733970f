/** The job monitor's reads: attempts with their schedule, content and account; what needs a hand. */
import { and, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, platformAccounts, publishAttempts, schedules } from "../schema";

export interface AttemptFilter {
  outcome?: string;
  platform?: string;
  contentType?: string;
  from?: Date;
  to?: Date;
  scheduleId?: string;
  /** Only attempts that did not publish (errors of any kind). */
  failuresOnly?: boolean;
}

export async function listAttemptRows(db: Db, workspaceId: string, f: AttemptFilter, limit = 100) {
  const where: SQL[] = [eq(schedules.workspaceId, workspaceId)];
  if (f.outcome) where.push(sql`${publishAttempts.outcome}::text = ${f.outcome}`);
  if (f.platform) where.push(eq(schedules.platformId, f.platform));
  if (f.contentType) where.push(sql`${contentItems.contentType}::text = ${f.contentType}`);
  if (f.from) where.push(gte(publishAttempts.startedAt, f.from));
  if (f.to) where.push(lt(publishAttempts.startedAt, f.to));
  if (f.scheduleId) where.push(eq(publishAttempts.scheduleId, f.scheduleId));
  if (f.failuresOnly) where.push(sql`${publishAttempts.outcome} NOT IN ('success', 'found_existing', 'in_progress')`);
  return db
    .select({
      id: publishAttempts.id,
      scheduleId: publishAttempts.scheduleId,
      attemptNumber: publishAttempts.attemptNumber,
      startedAt: publishAttempts.startedAt,
      durationMs: publishAttempts.durationMs,
      outcome: publishAttempts.outcome,
      httpStatus: publishAttempts.httpStatus,
      responseExcerpt: publishAttempts.responseExcerpt,
      errorMessage: publishAttempts.errorMessage,
      platformId: schedules.platformId,
      publishStatus: schedules.publishStatus,
      platformPostUrl: schedules.platformPostUrl,
      retryCount: schedules.retryCount,
      maxRetries: schedules.maxRetries,
      title: contentItems.title,
      contentType: contentItems.contentType,
      accountName: platformAccounts.name,
    })
    .from(publishAttempts)
    .innerJoin(schedules, eq(schedules.id, publishAttempts.scheduleId))
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(and(...where))
    .orderBy(desc(publishAttempts.startedAt))
    .limit(limit);
}

const scheduleView = {
  id: schedules.id,
  platformId: schedules.platformId,
  publishStatus: schedules.publishStatus,
  platformPostUrl: schedules.platformPostUrl,
  firstComment: schedules.firstComment,
  localTime: schedules.localTime,
  timezone: schedules.timezone,
  scheduledTime: schedules.scheduledTime,
  originalTime: schedules.originalTime,
  retryCount: schedules.retryCount,
  errorCode: schedules.errorCode,
  errorMessage: schedules.errorMessage,
  metadata: schedules.metadata,
  updatedAt: schedules.updatedAt,
  title: contentItems.title,
  accountName: platformAccounts.name,
};

/** Schedules with their content title and account name, newest change first. */
function scheduleViews(db: Db, where: SQL, limit: number) {
  return db
    .select(scheduleView)
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(where)
    .orderBy(desc(schedules.updatedAt))
    .limit(limit);
}

/** Failed and dead-lettered posts (retry by hand), newest first. */
export async function listFailedSchedules(db: Db, workspaceId: string, limit = 50) {
  return scheduleViews(db, and(eq(schedules.workspaceId, workspaceId), inArray(schedules.publishStatus, ["failed", "dead_letter"]))!, limit);
}

/** Schedules the missed-schedule sweep judged, newest first. */
export async function listMissedSchedules(db: Db, workspaceId: string, limit = 20) {
  return scheduleViews(db, and(eq(schedules.workspaceId, workspaceId), sql`${schedules.metadata} ? 'missed'`)!, limit);
}

export async function getScheduleView(db: Db, workspaceId: string, id: string) {
  const [row] = await scheduleViews(db, and(eq(schedules.workspaceId, workspaceId), eq(schedules.id, id))!, 1);
  return row ?? null;
}
