/** Reads for "Needs a decision" (missed posts with the ask policy) and posts held by rate limits. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, platformAccounts, schedules } from "../schema";

const view = {
  id: schedules.id,
  contentItemId: schedules.contentItemId,
  platformId: schedules.platformId,
  localTime: schedules.localTime,
  timezone: schedules.timezone,
  originalTime: schedules.originalTime,
  scheduledTime: schedules.scheduledTime,
  publishStatus: schedules.publishStatus,
  errorCode: schedules.errorCode,
  errorMessage: schedules.errorMessage,
  metadata: schedules.metadata,
  version: schedules.version,
  title: contentItems.title,
  accountName: platformAccounts.name,
};

/** Missed posts waiting for someone to choose Publish now or Skip, oldest first. */
export async function listAwaitingDecision(db: Db, workspaceId: string, limit = 50) {
  return db
    .select(view)
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(and(eq(schedules.workspaceId, workspaceId), eq(schedules.publishStatus, "paused"), eq(schedules.errorCode, "missed_ask")))
    .orderBy(asc(schedules.originalTime))
    .limit(limit);
}

/** Pending posts whose rate-limit wait has not ended yet, soonest first. */
export async function listRateWaits(db: Db, workspaceId: string, limit = 50) {
  return db
    .select(view)
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(
      and(
        eq(schedules.workspaceId, workspaceId),
        eq(schedules.publishStatus, "pending"),
        sql`(${schedules.metadata}->'deferred'->>'until')::timestamptz > now()`,
        sql`${schedules.errorCode} IN ('rate_limit_wait', 'rate_limited')`,
      ),
    )
    .orderBy(asc(schedules.scheduledTime))
    .limit(limit);
}
