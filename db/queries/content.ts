import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, contentVariants, schedules, users } from "../schema";
import { contentMediaIds } from "./media-write";

export const contentColumns = {
  id: contentItems.id,
  workspaceId: contentItems.workspaceId,
  title: contentItems.title,
  content: contentItems.content,
  summary: contentItems.summary,
  contentType: contentItems.contentType,
  status: contentItems.status,
  platformConfigs: contentItems.platformConfigs,
  tags: contentItems.tags,
  authorId: contentItems.authorId,
  sourceType: contentItems.sourceType,
  sourceReference: contentItems.sourceReference,
  scheduledFor: contentItems.scheduledFor,
  publishedAt: contentItems.publishedAt,
  expiresAt: contentItems.expiresAt,
  archivedAt: contentItems.archivedAt,
  linkTracking: contentItems.linkTracking,
  version: contentItems.version,
  createdAt: contentItems.createdAt,
  updatedAt: contentItems.updatedAt,
  mediaIds: contentMediaIds(contentItems.id),
};
export type ContentRow = NonNullable<Awaited<ReturnType<typeof getContentRow>>>;

export type ContentValues = Partial<Omit<typeof contentItems.$inferInsert, "id" | "workspaceId">>;

export async function insertContent(db: Db, workspaceId: string, v: ContentValues & { title: string; content: string }) {
  const [row] = await db
    .insert(contentItems)
    .values({ ...v, workspaceId })
    .returning(contentColumns);
  return row!;
}

export async function getContentRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({ ...contentColumns, authorName: users.name })
    .from(contentItems)
    .leftJoin(users, eq(users.id, contentItems.authorId))
    .where(and(eq(contentItems.id, id), eq(contentItems.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

/**
 * Updates when the version still matches (optimistic locking); null when it moved on. `bump:
 * false` for bookkeeping (status, next time) that is not an edit: approvals are per version.
 */
export async function updateContentRow(db: Db, workspaceId: string, id: string, v: ContentValues, expectedVersion?: number, opts: { bump?: boolean } = {}) {
  const [row] = await db
    .update(contentItems)
    .set({ ...v, ...(opts.bump === false ? {} : { version: sql`${contentItems.version} + 1` }), updatedAt: new Date() })
    .where(
      and(
        eq(contentItems.id, id),
        eq(contentItems.workspaceId, workspaceId),
        ...(expectedVersion === undefined ? [] : [eq(contentItems.version, expectedVersion)]),
      ),
    )
    .returning(contentColumns);
  return row ?? null;
}

export async function deleteContentRow(db: Db, workspaceId: string, id: string) {
  await db.delete(contentItems).where(and(eq(contentItems.id, id), eq(contentItems.workspaceId, workspaceId)));
}

export async function countSchedulesByStatus(db: Db, contentItemId: string) {
  const rows = await db
    .select({ status: schedules.publishStatus, n: sql<number>`count(*)::int` })
    .from(schedules)
    .where(eq(schedules.contentItemId, contentItemId))
    .groupBy(schedules.publishStatus);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
}

/** Stops every schedule of an item that has not gone out yet. */
export async function cancelOpenSchedules(db: Db, contentItemId: string, reason: string) {
  return db
    .update(schedules)
    .set({ publishStatus: "cancelled", errorMessage: reason, updatedAt: new Date() })
    .where(and(eq(schedules.contentItemId, contentItemId), inArray(schedules.publishStatus, ["pending", "paused"])))
    .returning({
      id: schedules.id,
      workspaceId: schedules.workspaceId,
      contentItemId: schedules.contentItemId,
      platformAccountId: schedules.platformAccountId,
      platformId: schedules.platformId,
    });
}

export const variantColumns = {
  platform: contentVariants.platform,
  text: contentVariants.text,
  parts: contentVariants.parts,
  firstComment: contentVariants.firstComment,
  mediaIds: contentVariants.mediaIds,
  options: contentVariants.options,
  updatedAt: contentVariants.updatedAt,
};

export async function listVariants(db: Db, contentItemId: string) {
  return db.select(variantColumns).from(contentVariants).where(eq(contentVariants.contentItemId, contentItemId)).orderBy(contentVariants.platform);
}

export async function upsertVariant(
  db: Db,
  contentItemId: string,
  platform: string,
  v: { text?: string | null; parts?: string[] | null; firstComment?: string | null; mediaIds?: string[] | null; options?: Record<string, unknown> },
) {
  const values = {
    text: v.text ?? null,
    parts: v.parts ?? null,
    firstComment: v.firstComment ?? null,
    mediaIds: v.mediaIds ?? null,
    options: v.options ?? {},
    updatedAt: new Date(),
  };
  const [row] = await db
    .insert(contentVariants)
    .values({ contentItemId, platform, ...values })
    .onConflictDoUpdate({ target: [contentVariants.contentItemId, contentVariants.platform], set: values })
    .returning(variantColumns);
  return row!;
}

export async function deleteVariant(db: Db, contentItemId: string, platform: string) {
  const rows = await db
    .delete(contentVariants)
    .where(and(eq(contentVariants.contentItemId, contentItemId), eq(contentVariants.platform, platform)))
    .returning({ platform: contentVariants.platform });
  return rows.length > 0;
}
