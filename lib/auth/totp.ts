import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/** RFC 6238 with the settings every authenticator app understands: SHA-1, 6 digits, 30 s. */
export const TOTP_PERIOD = 30;
/** Steps of clock drift accepted either side of now: one, so a code typed as it rolls over works. */
export const TOTP_DRIFT = 1;
const ISSUER = "Scheduler";

function totpOf(secretBase32: string, label = "user") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: TOTP_PERIOD, secret: Secret.fromBase32(secretBase32) });
}

/** A fresh 160-bit secret in base32, the form authenticator apps take when typed by hand. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpUri(secretBase32: string, account: string): string {
  return totpOf(secretBase32, account).toString();
}

/** The QR code of the otpauth URI as SVG markup: no script, no external image, so any CSP shows it. */
export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}

export const stepAt = (ms: number) => Math.floor(ms / 1000 / TOTP_PERIOD);

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: "malformed" | "wrong" | "reused" };

/**
 * Checks a 6-digit code against the secret at `now`, within ±TOTP_DRIFT steps. A code whose step
 * is not after `lastStep` (the last one accepted for this person) is refused as reused: that also
 * refuses an older code of the window once a newer one was used. Codes older than the drift
 * window read as wrong, as a guess would.
 */
export function checkTotp(secretBase32: string, code: string, lastStep: number | null, now = Date.now()): TotpCheck {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: "malformed" };
  const delta = totpOf(secretBase32).validate({ token, timestamp: now, window: TOTP_DRIFT });
  if (delta === null) return { ok: false, reason: "wrong" };
  const step = stepAt(now) + delta;
  if (lastStep !== null && step <= lastStep) return { ok: false, reason: "reused" };
  return { ok: true, step };
}

const RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"; // no 0/o, 1/l/i to misread

/** Ten codes of 16 characters (~79 bits each), shown as four groups: e.g. `k7mq-4tzp-…`. */
export function newRecoveryCodes(n = 10): string[] {
  return Array.from({ length: n }, () => {
    const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[crypto.randomInt(RECOVERY_ALPHABET.length)]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** The form a recovery code is hashed in: case, spaces and dashes do not matter. */
export function normalizeRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, "");
}

export const looksLikeRecoveryCode = (code: string) => /^[a-z0-9]{16}$/.test(normalizeRecoveryCode(code));
