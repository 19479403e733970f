import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { mediaOut } from "@/lib/operations/shapes";
import { listMedia, MAX_BYTES, storeMedia } from "@/lib/media/store";
import { bodyChunks } from "../_lib/body";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /media"), async ({ db, actor }) => ({ items: (await listMedia(db, actor)).map(mediaOut) }));

/**
 * POST /api/v1/media?filename=photo.jpg&alt_text=… with the file as the body (any image/* or
 * video/* type; what it is gets read from its bytes). Streams to disk; limits apply as it arrives.
 */
export const POST = apiRoute(operation("post /media"), async ({ req, db, actor, query }) => {
  if (!req.body) throw new AppError("bad_request:media_empty", "send the file as the request body");
  // The largest kind's limit up front by Content-Length; each kind's own as the bytes arrive.
  const body = await bodyChunks(req, Math.max(...Object.values(MAX_BYTES)), "the file");
  const row = await storeMedia(db, actor, getConfig().dataDir, { filename: query.filename ?? "upload", body, altText: query.alt_text });
  return created(mediaOut(row));
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
