import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contentMedia, media } from "../schema";
import { mediaColumns } from "./media";

export async function insertMedia(db: Db, v: typeof media.$inferInsert) {
  const [row] = await db.insert(media).values(v).returning(mediaColumns);
  return row!;
}

export async function listMediaRows(db: Db, workspaceId: string, limit = 200) {
  return db.select(mediaColumns).from(media).where(eq(media.workspaceId, workspaceId)).orderBy(desc(media.createdAt)).limit(limit);
}

export async function updateMediaAlt(db: Db, workspaceId: string, id: string, altText: string | null) {
  const [row] = await db
    .update(media)
    .set({ altText })
    .where(and(eq(media.id, id), eq(media.workspaceId, workspaceId)))
    .returning(mediaColumns);
  return row ?? null;
}

export async function deleteMediaRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .delete(media)
    .where(and(eq(media.id, id), eq(media.workspaceId, workspaceId)))
    .returning({ storagePath: media.storagePath });
  return row ?? null;
}

/** Replaces an item's attached media, in order. */
export async function setContentMedia(db: Db, contentItemId: string, mediaIds: string[]) {
  await db.delete(contentMedia).where(eq(contentMedia.contentItemId, contentItemId));
  if (mediaIds.length) await db.insert(contentMedia).values(mediaIds.map((mediaId, position) => ({ contentItemId, mediaId, position })));
}

/** SQL for an item's media ids in order, to select next to the item's columns. */
export const contentMediaIds = (itemId: unknown) =>
  sql<
    string[]
  >`coalesce((select array_agg(${contentMedia.mediaId} order by ${contentMedia.position}) from ${contentMedia} where ${contentMedia.contentItemId} = ${itemId}), '{}')`;
