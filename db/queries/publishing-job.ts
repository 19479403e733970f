import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { approvalRequests, memberships, notifications, platformAccounts, schedules, workspaces } from "../schema";
import { getContentRow, listVariants } from "./content";
import { getMediaByIds } from "./media";

/** Everything one publish needs, read once per attempt: schedule, content, variant, media, account. */
export async function loadJob(db: Db, scheduleId: string) {
  const [s] = await db
    .select({
      schedule: schedules,
      account: platformAccounts,
      approvalPolicy: workspaces.approvalPolicy,
    })
    .from(schedules)
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .innerJoin(workspaces, eq(workspaces.id, schedules.workspaceId))
    .where(eq(schedules.id, scheduleId))
    .limit(1);
  if (!s) return null;
  const content = await getContentRow(db, s.schedule.workspaceId, s.schedule.contentItemId);
  if (!content) return null;
  const variant = (await listVariants(db, content.id)).find((v) => v.platform === s.schedule.platformId);
  const media = await getMediaByIds(db, s.schedule.workspaceId, variant?.mediaIds ?? content.mediaIds);
  let authorRole: string | null = null;
  if (content.authorId) {
    const [m] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.workspaceId, s.schedule.workspaceId), eq(memberships.userId, content.authorId)))
      .limit(1);
    authorRole = m?.role ?? null;
  }
  const [approval] = await db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.contentItemId, content.id), eq(approvalRequests.status, "approved"), eq(approvalRequests.contentVersion, content.version)))
    .limit(1);
  return { ...s, content, variant, media, authorRole, approvedCurrentVersion: !!approval };
}
export type Job = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

/** Marks an account after an auth failure or a refused refresh. */
export async function flagAccount(db: Db, accountId: string, status: "needs_reconnect" | "error" | "active", reason: string | null) {
  const [row] = await db
    .update(platformAccounts)
    .set({ status, statusReason: reason, updatedAt: new Date() })
    .where(eq(platformAccounts.id, accountId))
    .returning({ id: platformAccounts.id, workspaceId: platformAccounts.workspaceId, name: platformAccounts.name });
  return row ?? null;
}

export async function pauseAccount(db: Db, accountId: string, until: Date) {
  await db.update(platformAccounts).set({ pausedUntil: until }).where(eq(platformAccounts.id, accountId));
}

/** Stores refreshed or session credentials (already sealed). */
export async function saveAccountCredentials(db: Db, accountId: string, sealed: string, expiresAt: Date | null | undefined) {
  await db
    .update(platformAccounts)
    .set({ credentialsEncrypted: sealed, ...(expiresAt === undefined ? {} : { tokenExpiresAt: expiresAt }), updatedAt: new Date() })
    .where(eq(platformAccounts.id, accountId));
}

/**
 * Keeps the item's status in step after a schedule settles: published once any schedule
 * published and none is still open; failed when every schedule ended without publishing.
 */
export async function settleContentStatus(db: Db, contentItemId: string) {
  await db.execute(sql`
    UPDATE content_items c SET
      status = CASE
        WHEN EXISTS (SELECT 1 FROM schedules s WHERE s.content_item_id = c.id AND s.publish_status IN ('pending', 'paused', 'publishing')) THEN c.status
        WHEN EXISTS (SELECT 1 FROM schedules s WHERE s.content_item_id = c.id AND s.publish_status = 'published') THEN 'published'::content_status
        WHEN EXISTS (SELECT 1 FROM schedules s WHERE s.content_item_id = c.id AND s.publish_status IN ('failed', 'dead_letter')) THEN 'failed'::content_status
        ELSE c.status END,
      published_at = coalesce(c.published_at, (SELECT min(s.published_at) FROM schedules s WHERE s.content_item_id = c.id AND s.publish_status = 'published')),
      updated_at = now()
    WHERE c.id = ${contentItemId} AND c.status IN ('scheduled', 'approved', 'published', 'failed')`);
}

/** In-app notification for each admin of the workspace. */
export async function notifyAdmins(db: Db, workspaceId: string, n: { type: string; title: string; body?: string; link?: string; data?: Record<string, unknown> }) {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin")));
  if (!admins.length) return;
  await db.insert(notifications).values(admins.map((a) => ({ userId: a.userId, workspaceId, type: n.type, title: n.title, body: n.body ?? null, link: n.link ?? null, data: n.data ?? {} })));
}
