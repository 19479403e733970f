/** Review links (secret pages for reviewers without an account) and the decisions they gathered. */
import { and, desc, eq, gte, inArray, lt, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, platformAccounts, reviewLinkDecisions, reviewLinks, schedules } from "../schema";

export type ReviewLinkRow = typeof reviewLinks.$inferSelect;
export type ReviewDecisionRow = typeof reviewLinkDecisions.$inferSelect;

export async function insertReviewLink(db: Db, v: typeof reviewLinks.$inferInsert) {
  const [row] = await db.insert(reviewLinks).values(v).returning();
  return row!;
}

export async function listReviewLinkRows(db: Db, workspaceId: string, limit = 200) {
  return db.select().from(reviewLinks).where(eq(reviewLinks.workspaceId, workspaceId)).orderBy(desc(reviewLinks.createdAt), desc(reviewLinks.id)).limit(limit);
}

export async function getReviewLinkRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select()
    .from(reviewLinks)
    .where(and(eq(reviewLinks.workspaceId, workspaceId), eq(reviewLinks.id, id)))
    .limit(1);
  return row ?? null;
}

/** Revoked and expired links are found too: the page says which, instead of a bare 404. */
export async function reviewLinkByHash(db: Db, tokenHash: string) {
  const [row] = await db.select().from(reviewLinks).where(eq(reviewLinks.tokenHash, tokenHash)).limit(1);
  return row ?? null;
}

export async function revokeReviewLinkRow(db: Db, workspaceId: string, id: string, userId: string | null) {
  const [row] = await db
    .update(reviewLinks)
    .set({ revokedAt: new Date(), revokedBy: userId })
    .where(and(eq(reviewLinks.workspaceId, workspaceId), eq(reviewLinks.id, id), sql`${reviewLinks.revokedAt} is null`))
    .returning();
  return row ?? null;
}

export async function decisionsOfLinks(db: Db, linkIds: string[]) {
  if (!linkIds.length) return [];
  return db.select().from(reviewLinkDecisions).where(inArray(reviewLinkDecisions.reviewLinkId, linkIds)).orderBy(reviewLinkDecisions.createdAt);
}

/** Null when this link already has a decision on this post (the unique index answers races too). */
export async function insertReviewDecision(db: Db, v: typeof reviewLinkDecisions.$inferInsert) {
  const [row] = await db.insert(reviewLinkDecisions).values(v).onConflictDoNothing().returning();
  return row ?? null;
}

export async function decisionOf(db: Db, linkId: string, contentItemId: string) {
  const [row] = await db
    .select()
    .from(reviewLinkDecisions)
    .where(and(eq(reviewLinkDecisions.reviewLinkId, linkId), eq(reviewLinkDecisions.contentItemId, contentItemId)))
    .limit(1);
  return row ?? null;
}

/** Posts with a live schedule in [from, to): each once, by its first time there, with its version. */
export async function itemsScheduledIn(db: Db, workspaceId: string, from: Date, to: Date, limit: number) {
  return db
    .select({
      contentItemId: schedules.contentItemId,
      version: contentItems.version,
      firstTime: sql<Date>`min(${schedules.scheduledTime})`.mapWith((v) => new Date(v)),
    })
    .from(schedules)
    .innerJoin(contentItems, and(eq(contentItems.id, schedules.contentItemId), eq(contentItems.workspaceId, schedules.workspaceId)))
    .where(
      and(
        eq(schedules.workspaceId, workspaceId),
        gte(schedules.scheduledTime, from),
        lt(schedules.scheduledTime, to),
        notInArray(schedules.publishStatus, ["cancelled", "skipped", "expired"]),
      ),
    )
    .groupBy(schedules.contentItemId, contentItems.version)
    .orderBy(sql`min(${schedules.scheduledTime})`, schedules.contentItemId)
    .limit(limit);
}

/** An item's live schedules (time, platform, account name), for the review page. */
export async function scheduleTimesOf(db: Db, workspaceId: string, contentItemIds: string[]) {
  if (!contentItemIds.length) return [];
  return db
    .select({
      contentItemId: schedules.contentItemId,
      scheduledTime: schedules.scheduledTime,
      platformId: schedules.platformId,
      accountName: platformAccounts.name,
      publishStatus: schedules.publishStatus,
    })
    .from(schedules)
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(
      and(
        eq(schedules.workspaceId, workspaceId),
        inArray(schedules.contentItemId, contentItemIds),
        notInArray(schedules.publishStatus, ["cancelled", "skipped", "expired"]),
      ),
    )
    .orderBy(schedules.scheduledTime);
}
