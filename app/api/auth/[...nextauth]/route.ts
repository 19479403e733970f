import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/app/_server/nextauth";
import { readLimited } from "@/app/api/v1/_lib/body";
import { errorResponse, unsafeTextError } from "@/app/api/v1/_lib/handler";
import { findUnsafeText } from "@/lib/validation/unsafe-text";
import { AppError } from "@/lib/errors";

/** Sign-in, sign-out and CSRF forms are a few hundred bytes; nobody signed in yet may send more. */
const AUTH_MAX_BODY_BYTES = 16 * 1024;

// Built per request so settings loaded at start (secret kept in DATA_DIR) are in place.
async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(req as never, ctx as never, authOptions());
}

/**
 * The body is read here, within the limit, before next-auth sees it (it would buffer any size):
 * past 16 KiB the answer is 413 with the JSON error body. next-auth gets the same request with
 * the bytes already read.
 */
async function POST(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  let body: Uint8Array;
  try {
    body = await readLimited(req, AUTH_MAX_BODY_BYTES);
    refuseUnsafeForm(req.headers.get("content-type") ?? "", body);
  } catch (err) {
    return errorResponse(err);
  }
  return handler(
    new NextRequest(req.url, { method: req.method, headers: req.headers, body: body.byteLength ? (body as BodyInit) : null, signal: req.signal }),
    ctx,
  );
}

/** An email or password with a NUL or an unpaired surrogate would reach the database: 400 instead. */
function refuseUnsafeForm(type: string, body: Uint8Array) {
  if (!body.byteLength) return;
  const text = new TextDecoder().decode(body);
  let fields: unknown = null;
  if (/application\/x-www-form-urlencoded/i.test(type)) fields = Object.fromEntries(new URLSearchParams(text));
  else if (/application\/json/i.test(type)) {
    try {
      fields = JSON.parse(text);
    } catch {
      throw new AppError("bad_request:json", "the request body is not valid JSON");
    }
  }
  const found = findUnsafeText(fields);
  if (found) throw unsafeTextError(found, "body");
}

export { handler as GET, POST };
