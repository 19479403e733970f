/**
 * Signed, expiring public URLs for media, for platforms that fetch images themselves
 * (Instagram, Threads). Needs PUBLIC_URL; the signing key is derived from the encryption key,
 * so no new secret is required.
 */
import crypto from "node:crypto";

export const PUBLIC_MEDIA_TTL_SECONDS = 24 * 3600;

export function mediaSigningKey(encryptionKey: Buffer): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", encryptionKey, Buffer.alloc(0), "public-media-url", 32));
}

function signature(key: Buffer, id: string, exp: number): string {
  return crypto.createHmac("sha256", key).update(`${id}.${exp}`).digest("base64url");
}

export function publicMediaUrl(base: string, key: Buffer, id: string, now = Date.now()): string {
  const exp = Math.floor(now / 1000) + PUBLIC_MEDIA_TTL_SECONDS;
  return `${base}/api/public/media/${id}?exp=${exp}&sig=${signature(key, id, exp)}`;
}

export function verifyMediaSignature(key: Buffer, id: string, exp: string | null, sig: string | null, now = Date.now()): boolean {
  const e = Number(exp);
  if (!Number.isInteger(e) || !sig || e < now / 1000) return false;
  const want = Buffer.from(signature(key, id, e));
  const got = Buffer.from(sig);
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}
