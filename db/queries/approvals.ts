/** The approval queue's read: schedules that are or will be stopped by the engine's approval gate. */
import { and, asc, desc, eq, inArray, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { approvalRequests, contentItems, platformAccounts, schedules, users } from "../schema";

const approved = sql<boolean>`exists (select 1 from approval_requests ar where ar.content_item_id = ${contentItems.id} and ar.content_version = ${contentItems.version} and ar.status = 'approved')`;

/**
 * Held schedules (paused by the gate) and pending ones whose current version is not approved. The
 * roles the gate judges come from rolesSinceApproval (content-versions).
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
    })
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .leftJoin(users, eq(users.id, contentItems.authorId))
    .where(
      and(
        eq(schedules.workspaceId, workspaceId),
        or(
          and(eq(schedules.publishStatus, "paused"), eq(schedules.errorCode, "awaiting_approval")),
          and(eq(schedules.publishStatus, "pending"), sql`not ${approved}`),
        ),
      ),
    )
    .orderBy(asc(schedules.scheduledTime))
    .limit(limit);
}

/* ——— The approval workflow's rows ——— */

export type RequestRow = typeof approvalRequests.$inferSelect;

/** The item's latest request (what its approval state comes from). */
export async function latestRequest(db: Db, contentItemId: string): Promise<RequestRow | null> {
  const [row] = await db
    .select()
    .from(approvalRequests)
    .where(eq(approvalRequests.contentItemId, contentItemId))
    .orderBy(desc(approvalRequests.createdAt), desc(approvalRequests.id))
    .limit(1);
  return row ?? null;
}

/** The latest decided request (approve / changes / reject): the base of "diff since the last review". */
export async function lastDecidedRequest(db: Db, contentItemId: string): Promise<RequestRow | null> {
  const [row] = await db
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.contentItemId, contentItemId), inArray(approvalRequests.status, ["approved", "changes_requested", "rejected"])))
    .orderBy(desc(approvalRequests.decidedAt))
    .limit(1);
  return row ?? null;
}

export async function requestHistory(db: Db, contentItemId: string) {
  return db
    .select({
      id: approvalRequests.id,
      status: approvalRequests.status,
      contentVersion: approvalRequests.contentVersion,
      requestedBy: approvalRequests.requestedBy,
      decidedBy: approvalRequests.decidedBy,
      decidedByName: users.name,
      decidedAt: approvalRequests.decidedAt,
      decisionComment: approvalRequests.decisionComment,
      createdAt: approvalRequests.createdAt,
    })
    .from(approvalRequests)
    .leftJoin(users, eq(users.id, approvalRequests.decidedBy))
    .where(eq(approvalRequests.contentItemId, contentItemId))
    .orderBy(desc(approvalRequests.createdAt));
}

export async function insertRequest(
  db: Db,
  v: {
    workspaceId: string;
    contentItemId: string;
    requestedBy: string | null;
    snapshot: unknown;
    contentVersion: number;
    status?: "pending" | "approved";
    decidedBy?: string | null;
    decisionComment?: string | null;
  },
) {
  const [row] = await db
    .insert(approvalRequests)
    .values({ ...v, status: v.status ?? "pending", decidedAt: v.status === "approved" ? new Date() : null })
    .returning();
  return row!;
}

/**
 * Decides a pending request for the version the decider judged; null when it is no longer pending
 * (somebody decided first) or now stands for another version (an edit moved it on).
 */
export async function decideRequest(
  db: Db,
  id: string,
  v: { status: "approved" | "changes_requested" | "rejected"; decidedBy: string | null; comment: string | null; contentVersion: number },
) {
  const [row] = await db
    .update(approvalRequests)
    .set({ status: v.status, decidedBy: v.decidedBy, decidedAt: new Date(), decisionComment: v.comment })
    .where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, "pending"), eq(approvalRequests.contentVersion, v.contentVersion)))
    .returning();
  return row ?? null;
}

/** An edit during review: the pending request follows the newest version. */
export async function refreshPendingRequest(db: Db, id: string, snapshot: unknown, contentVersion: number) {
  await db
    .update(approvalRequests)
    .set({ snapshot, contentVersion })
    .where(and(eq(approvalRequests.id, id), eq(approvalRequests.status, "pending")));
}

/** The content's workflow status, without bumping its version (a status is not an edit). */
export async function setWorkflowStatus(db: Db, contentItemId: string, status: "draft" | "in_review" | "approved" | "changes_requested") {
  // Scheduled, published, failed and archived items keep their status: the schedules drive it.
  await db.execute(sql`UPDATE content_items SET status = ${status}::content_status, updated_at = now()
    WHERE id = ${contentItemId} AND status IN ('draft', 'in_review', 'approved', 'changes_requested')`);
}

const latestOnly = sql`${approvalRequests.createdAt} = (select max(l.created_at) from approval_requests l where l.content_item_id = ${approvalRequests.contentItemId})`;

/** The queue: each item's latest request, by status, newest first. */
export async function listLatestRequests(db: Db, workspaceId: string, status: string | null, limit = 200) {
  return db
    .select({
      id: approvalRequests.id,
      status: approvalRequests.status,
      contentVersion: approvalRequests.contentVersion,
      createdAt: approvalRequests.createdAt,
      decidedAt: approvalRequests.decidedAt,
      decisionComment: approvalRequests.decisionComment,
      requestedBy: approvalRequests.requestedBy,
      contentId: contentItems.id,
      title: contentItems.title,
      currentVersion: contentItems.version,
      contentStatus: contentItems.status,
      authorId: contentItems.authorId,
      authorName: users.name,
      nextTime:
        sql<Date | null>`(select min(s.scheduled_time) from schedules s where s.content_item_id = ${contentItems.id} and s.publish_status in ('pending', 'paused'))`.mapWith(
          (v) => (v == null ? null : new Date(v as string)),
        ),
      held: sql<number>`(select count(*)::int from schedules s where s.content_item_id = ${contentItems.id} and s.publish_status = 'paused' and s.error_code = 'awaiting_approval')`.mapWith(
        Number,
      ),
    })
    .from(approvalRequests)
    .innerJoin(contentItems, eq(contentItems.id, approvalRequests.contentItemId))
    .leftJoin(users, eq(users.id, contentItems.authorId))
    .where(and(eq(approvalRequests.workspaceId, workspaceId), latestOnly, ...(status ? [sql`${approvalRequests.status} = ${status}`] : [])))
    .orderBy(desc(approvalRequests.createdAt))
    .limit(limit);
}

/** How many items are in each state (by their latest request). */
export async function countLatestByStatus(db: Db, workspaceId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: approvalRequests.status, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.workspaceId, workspaceId), latestOnly))
    .groupBy(approvalRequests.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}
