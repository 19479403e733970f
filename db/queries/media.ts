import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { media } from "../schema";

export const mediaColumns = {
  id: media.id,
  filename: media.filename,
  mimeType: media.mimeType,
  sizeBytes: media.sizeBytes,
  width: media.width,
  height: media.height,
  durationMs: media.durationMs,
  altText: media.altText,
  storagePath: media.storagePath,
  sha256: media.sha256,
  createdAt: media.createdAt,
};

/** The workspace's media among these ids, in the order asked. */
export async function getMediaByIds(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await db
    .select(mediaColumns)
    .from(media)
    .where(and(eq(media.workspaceId, workspaceId), inArray(media.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is (typeof rows)[number] => !!r);
}

/** One media row by id alone, for signed public links (the signature already names the file). */
export async function getMediaById(db: Db, id: string) {
  const [row] = await db.select(mediaColumns).from(media).where(eq(media.id, id)).limit(1);
  return row ?? null;
}
