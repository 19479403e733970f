import fs from "node:fs";
import { bodiless, otherMethods } from "@/app/api/v1/_lib/methods";
import path from "node:path";
import { Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/database";
import { mediaForSignedLink } from "@/lib/media/store";
import { getConfig } from "@/lib/config";
import { mediaSigningKey, verifyMediaSignature } from "@/lib/media/public-url";

/**
 * A media file by signed, expiring link, for platforms that fetch images themselves (Instagram,
 * Threads). No sign-in: the HMAC over id and expiry is the permission.
 */
async function get(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const cfg = getConfig();
  const ok =
    /^[0-9a-f-]{36}$/i.test(id) &&
    verifyMediaSignature(mediaSigningKey(cfg.encryptionKey), id, req.nextUrl.searchParams.get("exp"), req.nextUrl.searchParams.get("sig"));
  if (!ok) return NextResponse.json({ error: { code: "not_found:media", message: "This link is invalid or has expired." } }, { status: 404 });
  const m = await mediaForSignedLink(await getDb(), id);
  if (!m) return NextResponse.json({ error: { code: "not_found:media", message: "This file no longer exists." } }, { status: 404 });
  const stream = Readable.toWeb(fs.createReadStream(path.join(cfg.dataDir, m.storagePath))) as ReadableStream<Uint8Array>;
  return new Response(stream, {
    headers: {
      "content-type": m.mimeType,
      "content-length": String(m.sizeBytes),
      "cache-control": "public, max-age=3600",
      "x-content-type-options": "nosniff",
    },
  });
}

// Other methods: 405 with the JSON error body and an Allow header, like every API path.
export const GET = bodiless(get);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
