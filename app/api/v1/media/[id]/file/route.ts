import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { requireMedia } from "@/lib/media/store";
import { getConfig } from "@/lib/config";
import { otherMethods } from "../../../_lib/methods";

/** An ASCII fallback name plus the real one (RFC 6266), so any file name can be sent. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The file itself, for previews; members only. */
export const GET = apiRoute(operation("get /media/{id}/file"), async ({ db, actor, params }) => {
  const m = await requireMedia(db, actor, idParam(params, "id", "media"));
  const stream = Readable.toWeb(fs.createReadStream(path.join(getConfig().dataDir, m.storagePath))) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      "content-type": m.mimeType,
      "content-length": String(m.sizeBytes),
      "cache-control": "private, max-age=3600",
      "x-content-type-options": "nosniff",
      "content-disposition": disposition(m.filename),
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
