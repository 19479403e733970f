/**
 * X media upload, API v2 (docs.x.com/x-api/media). The v1.1 `upload.twitter.com` endpoint with
 * `command=INIT|APPEND|FINALIZE` was retired in 2025; the v2 paths used here are:
 *
 *   POST /2/media/upload/initialize      { media_type, total_bytes, media_category }
 *        → { data: { id, media_key, expires_after_secs } }
 *   POST /2/media/upload/{id}/append     { media: <base64 chunk>, segment_index }   (0–999)
 *   POST /2/media/upload/{id}/finalize   → { data: { id, processing_info? } }
 *   GET  /2/media/upload?command=STATUS&media_id={id}
 *        → { data: { processing_info: { state: pending|in_progress|succeeded|failed, check_after_secs } } }
 *   POST /2/media/metadata               { id, metadata: { alt_text: { text } } }
 *
 * APPEND is documented both as multipart and as JSON with a base64 `media` string; JSON is used
 * because `send` speaks JSON. A chunk must stay under 5 MB, so raw chunks are 3 MB (4 MB in
 * base64). Videos and GIFs are processed asynchronously after FINALIZE: the media id cannot be
 * attached until STATUS says `succeeded` (attaching earlier is a 400).
 */
import type { AdapterContext, PublishMedia } from "../adapter";
import type { AdapterError } from "../errors";
import { PermanentError, RetryableError } from "../errors";
import type { HttpResponse } from "../http";
import { send } from "../http";
import { mediaKind } from "../media-rules";

export const CHUNK_BYTES = 3 * 1024 * 1024;
/** How long one publish attempt waits for X to process a video before handing back to the engine. */
const PROCESSING_BUDGET_MS = 5 * 60_000;

type Classify = (res: HttpResponse, write: boolean) => AdapterError | null;

interface ProcessingInfo {
  state?: string;
  check_after_secs?: number;
  error?: { message?: string };
}
interface MediaAnswer {
  data?: { id?: string; expires_after_secs?: number; processing_info?: ProcessingInfo };
}

/** X's media_category for a tweet attachment, by kind. */
function categoryOf(m: PublishMedia): string {
  const kind = mediaKind(m.mimeType);
  if (kind === "video") return "tweet_video";
  if (kind === "gif") return "tweet_gif";
  return "tweet_image";
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitProcessed(ctx: AdapterContext, headers: Record<string, string>, id: string, first: ProcessingInfo | undefined, classify: Classify) {
  let info = first;
  const deadline = Date.now() + PROCESSING_BUDGET_MS;
  while (info && info.state !== "succeeded") {
    if (info.state === "failed") {
      throw new PermanentError(`X could not process the attached media: ${info.error?.message ?? "no reason given"}`);
    }
    if (Date.now() > deadline) throw new RetryableError("X is still processing the attached video; trying again later");
    await sleep(Math.max(0, info.check_after_secs ?? 1) * 1000);
    const res = await send<MediaAnswer>(ctx, { path: "/2/media/upload", query: { command: "STATUS", media_id: id }, headers }, classify);
    info = res.data?.data?.processing_info;
  }
}

/** Uploads one file (INIT → APPEND… → FINALIZE → STATUS); returns its media id and expiry (ms). */
async function uploadOne(ctx: AdapterContext, headers: Record<string, string>, m: PublishMedia, classify: Classify) {
  const bytes = await m.read();
  const init = await send<MediaAnswer>(
    ctx,
    { path: "/2/media/upload/initialize", json: { media_type: m.mimeType, total_bytes: bytes.length, media_category: categoryOf(m) }, headers },
    classify,
  );
  const id = init.data?.data?.id;
  if (!id) throw new RetryableError("X started a media upload but returned no media id");
  for (let offset = 0, segment = 0; offset < bytes.length; offset += CHUNK_BYTES, segment++) {
    const chunk = bytes.subarray(offset, offset + CHUNK_BYTES).toString("base64");
    await send(ctx, { path: `/2/media/upload/${id}/append`, json: { media: chunk, segment_index: segment }, headers }, classify);
  }
  const fin = await send<MediaAnswer>(ctx, { method: "POST", path: `/2/media/upload/${id}/finalize`, headers }, classify);
  await waitProcessed(ctx, headers, id, fin.data?.data?.processing_info, classify);
  const alt = m.altText?.trim();
  // X's metadata endpoint takes alt text for images and GIFs only.
  if (alt && mediaKind(m.mimeType) !== "video") {
    await send(ctx, { path: "/2/media/metadata", json: { id, metadata: { alt_text: { text: alt } } }, headers }, classify);
  }
  // Not documented for every category; an hour is the shortest lifetime X has ever used.
  const expiresAt = Date.now() + (init.data?.data?.expires_after_secs ?? 3600) * 1000;
  return { id, expiresAt };
}

/**
 * Uploads every attachment in order; the ids go into `media.media_ids` of the first post.
 * `expiresAt` is when the first of them stops being usable (a retry may reuse them until then).
 */
export async function uploadMedia(ctx: AdapterContext, headers: Record<string, string>, media: PublishMedia[], classify: Classify) {
  const ids: string[] = [];
  let expiresAt = Number.POSITIVE_INFINITY;
  for (const m of media) {
    const up = await uploadOne(ctx, headers, m, classify);
    ids.push(up.id);
    expiresAt = Math.min(expiresAt, up.expiresAt);
  }
  return { ids, expiresAt };
}
