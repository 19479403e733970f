import { and, eq, sql } from "drizzle-orm";
import { anyUuid, rowsOf, type Db } from "../client";
import { contentItems, contentVariants, media, memberships, notifications, platformAccounts, schedules, workspaces } from "../schema";
import { contentColumns, variantColumns, type ContentRow, type listVariants } from "./content";
import { mediaColumns, type getMediaByIds } from "./media";
import { rolesSinceApproval } from "./content-versions";

/**
 * Everything a batch of publishes needs, in five queries whatever the batch size: schedule,
 * account, workspace policy and settings, content, the platform's variant, media, the roles the content was
 * changed under since its last approval, and the attempt history.
 */
export async function loadJobs(db: Db, scheduleIds: string[]): Promise<Map<string, Job>> {
  const out = new Map<string, Job>();
  if (!scheduleIds.length) return out;
  const base = await db
    .select({
      schedule: schedules,
      account: platformAccounts,
      approvalPolicy: workspaces.approvalPolicy,
      settings: {
        linkTracking: sql<unknown>`${workspaces.settings} -> 'link_tracking'`,
        qualityGates: sql<unknown>`${workspaces.settings} -> 'quality_gates'`,
      },
      content: contentColumns,
    })
    .from(schedules)
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .innerJoin(workspaces, eq(workspaces.id, schedules.workspaceId))
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .where(sql`${schedules.id} = ${anyUuid(scheduleIds)}`);
  if (!base.length) return out;
  const contentIds = [...new Set(base.map((b) => b.content.id))];
  // Independent reads: sent together, they cost one round trip's wait, not three.
  const [variants, unreviewed, history] = await Promise.all([
    db
      .select({ ...variantColumns, contentItemId: contentVariants.contentItemId })
      .from(contentVariants)
      .where(sql`${contentVariants.contentItemId} = ${anyUuid(contentIds)}`),
    rolesSinceApproval(db, contentIds),
    // The highest attempt number, not the count: the retention pruning may have removed earlier
    // attempts of a failed post (keeping its last), and a retry by hand goes on from that number.
    db
      .execute(
        sql`SELECT schedule_id, max(attempt_number)::int AS n, (array_agg(outcome::text ORDER BY attempt_number DESC))[1] AS last
          FROM publish_attempts WHERE schedule_id = ${anyUuid(scheduleIds)} GROUP BY schedule_id`,
      )
      .then((r) => new Map(rowsOf<{ schedule_id: string; n: number; last: string | null }>(r).map((h) => [h.schedule_id, h]))),
  ]);
  const variantBy = new Map(variants.map((v) => [`${v.contentItemId}:${v.platform}`, v]));
  const variantOf = (b: (typeof base)[number]) => variantBy.get(`${b.content.id}:${b.schedule.platformId}`);
  const mediaIds = [...new Set(base.flatMap((b) => variantOf(b)?.mediaIds ?? b.content.mediaIds))];
  const mediaRows = mediaIds.length
    ? await db
        .select({ ...mediaColumns, workspaceId: media.workspaceId })
        .from(media)
        .where(sql`${media.id} = ${anyUuid(mediaIds)}`)
    : [];
  const mediaBy = new Map(mediaRows.map((m) => [m.id, m]));
  for (const b of base) {
    const variant = variantOf(b);
    const wanted = variant?.mediaIds ?? b.content.mediaIds;
    const h = history.get(b.schedule.id);
    out.set(b.schedule.id, {
      ...b,
      variant,
      media: wanted.map((id) => mediaBy.get(id)).filter((m): m is (typeof mediaRows)[number] => !!m && m.workspaceId === b.schedule.workspaceId),
      rolesSinceApproval: unreviewed.get(b.content.id) ?? [],
      history: { count: Number(h?.n ?? 0), last: h?.last ?? null },
    });
  }
  return out;
}

export async function loadJob(db: Db, scheduleId: string) {
  return (await loadJobs(db, [scheduleId])).get(scheduleId) ?? null;
}

export interface Job {
  schedule: typeof schedules.$inferSelect;
  account: typeof platformAccounts.$inferSelect;
  approvalPolicy: string;
  /** The workspace's stored link tracking and quality gates, read with the job (lib/links, lib/gates read them). */
  settings: { linkTracking: unknown; qualityGates: unknown };
  content: Omit<ContentRow, "authorName">;
  variant: Awaited<ReturnType<typeof listVariants>>[number] | undefined;
  media: (Awaited<ReturnType<typeof getMediaByIds>>[number] & { workspaceId: string })[];
  /** Roles the content was changed under since its last approval (none: this version is approved). */
  rolesSinceApproval: (string | null)[];
  history: { count: number; last: string | null };
}

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
export async function notifyAdmins(
  db: Db,
  workspaceId: string,
  n: { type: string; title: string; body?: string; link?: string; data?: Record<string, unknown> },
) {
  const admins = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin")));
  if (!admins.length) return;
  await db
    .insert(notifications)
    .values(
      admins.map((a) => ({ userId: a.userId, workspaceId, type: n.type, title: n.title, body: n.body ?? null, link: n.link ?? null, data: n.data ?? {} })),
    );
}
