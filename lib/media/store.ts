import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { deleteMediaRow, insertMedia, listMediaRows, updateMediaAlt } from "@/db/queries/media-write";
import { getMediaById, getMediaByIds } from "@/db/queries/media";
import { contentUsingMedia } from "@/db/queries/content-versions";
import { reviseContent } from "../content/revision";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { sniff } from "./sniff";

/** Largest file kept, by kind: above what any platform accepts, so the limit is the platform's. */
export const MAX_BYTES = { image: 20 * 1024 * 1024, gif: 20 * 1024 * 1024, video: 1024 * 1024 * 1024 } as const;
const HEAD_BYTES = 64 * 1024;
const unsupported = () => new AppError("bad_request:media_type", "Unsupported file: upload a PNG, JPEG, GIF or WebP image, or an MP4, MOV or WebM video.");

/**
 * Streams an upload to DATA_DIR/media/<workspace>/, checking what it is from its bytes and its
 * size as it arrives (an oversized file stops at the limit, never fully written), then records it.
 */
export async function storeMedia(db: Db, actor: Actor, root: string, input: { filename: string; body: AsyncIterable<Uint8Array>; altText?: string | null }) {
  assertCan(actor.role, "content:write");
  const id = crypto.randomUUID();
  const dir = path.join(root, "media", actor.workspaceId);
  await fs.promises.mkdir(dir, { recursive: true });
  const partial = path.join(dir, `${id}.part`);
  const out = fs.createWriteStream(partial, { mode: 0o600 });
  const hash = crypto.createHash("sha256");
  let size = 0;
  let head = new Uint8Array(0);
  let kind: ReturnType<typeof sniff> = null;
  try {
    for await (const chunk of input.body) {
      if (head.length < HEAD_BYTES) {
        head = Buffer.concat([head, chunk]).subarray(0, HEAD_BYTES);
        if (head.length >= 32 && !kind) kind = sniff(head);
        if (head.length >= 32 && !kind) throw unsupported();
      }
      size += chunk.byteLength;
      if (size > MAX_BYTES[kind?.kind ?? "video"])
        throw new AppError(
          "payload_too_large:media_size",
          `The file is larger than ${MAX_BYTES[kind?.kind ?? "video"] / 1024 / 1024} MB, the most accepted for ${kind?.kind ?? "a file"}s.`,
        );
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once("drain", () => r()));
    }
    kind ??= sniff(head);
    if (!kind) throw unsupported();
    if (size === 0) throw new AppError("bad_request:media_empty", "The file is empty.");
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    // The stream opens its file asynchronously: wait until it is closed, or the open could
    // create the file again after it was removed.
    await new Promise<void>((resolve) => {
      out.once("close", () => resolve());
      out.destroy();
    });
    await fs.promises.rm(partial, { force: true });
    throw err;
  }
  const file = path.join(dir, `${id}.${kind.ext}`);
  await fs.promises.rename(partial, file);
  try {
    return await db.transaction(async (tx) => {
      const row = await insertMedia(tx, {
        id,
        workspaceId: actor.workspaceId,
        uploadedBy: actor.userId,
        filename: path.basename(input.filename || `upload.${kind.ext}`).slice(0, 200),
        mimeType: kind.mimeType,
        sizeBytes: size,
        width: kind.width,
        height: kind.height,
        storagePath: path.relative(root, file),
        sha256: hash.digest("hex"),
        altText: input.altText?.trim() ? input.altText.trim() : null,
      });
      await writeAudit(tx, actor, {
        action: "media.upload",
        entityType: "media",
        entityId: id,
        after: { filename: row.filename, mime_type: row.mimeType, size_bytes: size },
      });
      return row;
    });
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
}

/** The workspace's uploads, newest first. */
export async function listMedia(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  return listMediaRows(db, actor.workspaceId);
}

/** The workspace's media among these ids, in the order asked (ids of other workspaces are left out). */
export async function mediaByIds(db: Db, actor: Actor, ids: string[]) {
  assertCan(actor.role, "content:read");
  return getMediaByIds(db, actor.workspaceId, ids);
}

/**
 * The file a signed public link names, or null when it is gone. No member acts here: the caller
 * has checked the link's signature and expiry (`verifyMediaSignature`), which is the permission.
 */
export function mediaForSignedLink(db: Db, id: string) {
  return getMediaById(db, id);
}

export async function requireMedia(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:read");
  const [row] = await getMediaByIds(db, actor.workspaceId, [id]);
  if (!row) throw notFound("media");
  return row;
}

/**
 * A media file's change is an edit of every item that uses it and has posts to come (attached, or
 * in a platform's variant): each gets a new version and the same approval rule as a body edit.
 * Published content cannot be edited (nor reviewed again), so it cannot take such a version: a
 * change that would reach one of its posts still to come is refused, naming the content, rather
 * than let the engine post a file or alt text nobody approved.
 */
async function contentToRevise(tx: Db, actor: Actor, mediaId: string, what: string): Promise<string[]> {
  const items = await contentUsingMedia(tx, actor.workspaceId, mediaId);
  const frozen = items.filter((i) => i.status === "published" || i.status === "archived");
  if (frozen.length) {
    const names = frozen.map((i) => `"${i.title}" (${i.id})`).join(", ");
    throw new AppError(
      "conflict:published",
      `Cannot ${what}: published content still has posts to go out with this file: ${names}. Published content cannot change; cancel its remaining schedules or clone it first.`,
      { content: frozen.map((i) => ({ id: i.id, title: i.title })) },
    );
  }
  return items.map((i) => i.id);
}

async function reviseItems(tx: Db, actor: Actor, itemIds: string[], change: string) {
  for (const id of itemIds) await reviseContent(tx, actor, id, { change }, async () => undefined);
}

/** Sets (or, with null or blank text, clears) a file's alt text: one new version of each content using it. */
export async function setAltText(db: Db, actor: Actor, id: string, text: string | null) {
  assertCan(actor.role, "content:write");
  const altText = text?.trim() ? text.trim() : null;
  return db.transaction(async (tx) => {
    const [before] = await getMediaByIds(tx, actor.workspaceId, [id]);
    if (!before) throw notFound("media");
    const changed = (before.altText ?? null) !== (altText ?? null);
    const items = changed ? await contentToRevise(tx, actor, id, "change the alt text") : [];
    const row = await updateMediaAlt(tx, actor.workspaceId, id, altText);
    if (!row) throw notFound("media");
    await writeAudit(tx, actor, { action: "media.alt_text", entityType: "media", entityId: id, after: { alt_text: altText } });
    await reviseItems(tx, actor, items, "media.alt_text");
    return row;
  });
}

export async function removeMedia(db: Db, actor: Actor, root: string, id: string) {
  assertCan(actor.role, "content:write");
  const row = await db.transaction(async (tx) => {
    const users = await contentToRevise(tx, actor, id, "delete this file");
    const gone = await deleteMediaRow(tx, actor.workspaceId, id);
    if (!gone) throw notFound("media");
    await writeAudit(tx, actor, { action: "media.delete", entityType: "media", entityId: id });
    // Deleting detaches it from every item that used it.
    await reviseItems(tx, actor, users, "media.delete");
    return gone;
  });
  await fs.promises.rm(path.join(root, row.storagePath), { force: true });
}
