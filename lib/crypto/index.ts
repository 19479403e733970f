import crypto from "node:crypto";

/**
 * Secrets at rest: AES-256-GCM. A ciphertext names the key that made it (key id = first
 * 8 hex characters of SHA-256 of the key), so keys can rotate: encrypt with the current key,
 * decrypt with whichever key the id names. Optional associated data binds a ciphertext to its
 * owner (e.g. a platform account id): moved to another row, it no longer decrypts.
 *
 * Format: v1.<keyId>.<iv>.<ciphertext>.<tag>, base64url parts.
 */
export class DecryptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DecryptError";
  }
}

export interface Keyring {
  current: Buffer;
  old?: Buffer[];
}

export function keyId(key: Buffer): string {
  return crypto.createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function checkKey(key: Buffer) {
  if (key.length !== 32) throw new Error("encryption key must be 32 bytes");
}

export function encrypt(keys: Keyring, plaintext: string, aad?: string): string {
  checkKey(keys.current);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keys.current, iv);
  if (aad) cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", keyId(keys.current), iv.toString("base64url"), ct.toString("base64url"), tag.toString("base64url")].join(".");
}

export function decrypt(keys: Keyring, payload: string, aad?: string): string {
  const parts = payload.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new DecryptError("not a ciphertext of a known format");
  const [, kid, ivB64, ctB64, tagB64] = parts as [string, string, string, string, string];
  const key = [keys.current, ...(keys.old ?? [])].find((k) => keyId(k) === kid);
  if (!key) throw new DecryptError(`ciphertext was made with key ${kid}, which is not configured`);
  const iv = Buffer.from(ivB64, "base64url");
  const tag = Buffer.from(tagB64, "base64url");
  if (iv.length !== 12 || tag.length !== 16) throw new DecryptError("ciphertext is malformed");
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
    if (aad) decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ctB64, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptError("ciphertext failed authentication (tampered, or wrong key or owner)");
  }
}

/** Encrypts a JSON value (platform credentials, webhook secrets). */
export function sealJson(keys: Keyring, value: unknown, aad?: string): string {
  return encrypt(keys, JSON.stringify(value), aad);
}

export function openJson<T = unknown>(keys: Keyring, payload: string, aad?: string): T {
  return JSON.parse(decrypt(keys, payload, aad)) as T;
}

/** SHA-256 hex of a high-entropy secret (API tokens, invite tokens): enough, no salt needed. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** A random URL-safe token with a readable prefix, e.g. `sch_…`. */
export function newToken(prefix: string, bytes = 32): string {
  return `${prefix}_${crypto.randomBytes(bytes).toString("base64url")}`;
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}
