/** The approval queue's read: schedules that are or will be stopped by the engine's approval gate. */
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, memberships, platformAccounts, schedules, users } from "../schema";

const approved = sql<boolean>`exists (select 1 from approval_requests ar where ar.content_item_id = ${contentItems.id} and ar.content_version = ${contentItems.version} and ar.status = 'approved')`;

/**
 * Held schedules (paused by the gate) and pending ones whose current version is not approved, with what the gate looks at:
 * the author's role in this workspace and whether this version of the content is approved.
 */
export async function approvalCandidateRows(db: Db, workspaceId: string, limit = 500) {
  return db
    .select({
      scheduleId: schedules.id,
      publishStatus: schedules.publishStatus,
      errorCode: schedules.errorCode,
      errorMessage: schedules.errorMessage,
      scheduledTime: schedules.scheduledTime,
      platformId: schedules.platformId,
      accountName: platformAccounts.name,
      contentId: contentItems.id,
      title: contentItems.title,
      version: contentItems.version,
      authorName: users.name,
      authorRole: memberships.role,
      approvedCurrentVersion: approved,
    })
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .leftJoin(users, eq(users.id, contentItems.authorId))
    .leftJoin(memberships, and(eq(memberships.userId, contentItems.authorId), eq(memberships.workspaceId, schedules.workspaceId)))
    .where(
      and(
        eq(schedules.workspaceId, workspaceId),
        or(and(eq(schedules.publishStatus, "paused"), eq(schedules.errorCode, "awaiting_approval")), and(eq(schedules.publishStatus, "pending"), sql`not ${approved}`)),
      ),
    )
    .orderBy(asc(schedules.scheduledTime))
    .limit(limit);
}
