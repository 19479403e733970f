import type { Db } from "@/db/client";
import { clearAttempts, countAttempt, lockKey } from "@/db/queries/login-attempts";
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  disableTotp,
  enableTotp,
  getSecurityState,
  replaceRecoveryCodes,
  setPendingTotpSecret,
  spendRecoveryCode,
} from "@/db/queries/sign-in-security";
import { decrypt, encrypt, hashToken } from "../crypto";
import { appKeyring } from "../crypto/keyring";
import { AppError, notFound } from "../errors";
import { auditSecurityEvent, SECURITY_ACTIONS } from "./security-audit";
import { ThrottledError, type ThrottlePolicy } from "./throttle";
import { checkTotp, looksLikeRecoveryCode, newRecoveryCodes, newTotpSecret, normalizeRecoveryCode, totpQrSvg, totpUri } from "./totp";

// The secret is bound to its owner: copied onto another user's row, it does not decrypt.
const aad = (userId: string) => `totp:${userId}`;
const sealSecret = (userId: string, secret: string) => encrypt(appKeyring(), secret, aad(userId));
const openSecret = (userId: string, sealed: string) => decrypt(appKeyring(), sealed, aad(userId));

const hashRecovery = (code: string) => hashToken(`recovery:${normalizeRecoveryCode(code)}`);

async function stateOf(db: Db, userId: string) {
  const s = await getSecurityState(db, userId);
  if (!s) throw notFound("user");
  return s;
}

export async function twoFactorStatus(db: Db, userId: string) {
  const s = await stateOf(db, userId);
  return {
    enabled: !!s.totpEnabledAt,
    enabledAt: s.totpEnabledAt,
    required: s.twoFactorRequired,
    recoveryCodesLeft: s.totpEnabledAt ? await countUnusedRecoveryCodes(db, userId) : 0,
  };
}

/** Step one of enrolment: a new secret (kept encrypted, not yet active), its URI and QR code. */
export async function startTotpEnrolment(db: Db, userId: string) {
  const s = await stateOf(db, userId);
  if (s.totpEnabledAt) throw new AppError("conflict:two_factor", "Two-factor sign-in is already on. Turn it off first to set up another app.");
  const secret = newTotpSecret();
  await setPendingTotpSecret(db, userId, sealSecret(userId, secret));
  const uri = totpUri(secret, s.email);
  return { secret, uri, qrSvg: await totpQrSvg(uri) };
}

const wrongCode = () => new AppError("bad_request:code", "That code is not right. Enter the current 6-digit code from your app.");

async function issueRecoveryCodes(db: Db, userId: string) {
  const codes = newRecoveryCodes();
  await replaceRecoveryCodes(db, userId, codes.map(hashRecovery));
  return codes;
}

/** Step two: the first code from the app turns it on; the recovery codes are returned once. */
export async function confirmTotpEnrolment(db: Db, userId: string, code: string, ip: string | null) {
  const s = await stateOf(db, userId);
  if (s.totpEnabledAt) throw new AppError("conflict:two_factor", "Two-factor sign-in is already on.");
  if (!s.totpSecretEncrypted) throw new AppError("conflict:two_factor", "Start the set-up again: no secret is waiting for confirmation.");
  const check = checkTotp(openSecret(userId, s.totpSecretEncrypted), code, null);
  if (!check.ok) throw wrongCode();
  return db.transaction(async (tx) => {
    if (!(await enableTotp(tx, userId, check.step))) throw new AppError("conflict:two_factor", "Two-factor sign-in is already on.");
    const codes = await issueRecoveryCodes(tx, userId);
    await auditSecurityEvent(tx, { action: SECURITY_ACTIONS.twoFactorOn, userId, by: userId, ip, details: { method: "totp" } });
    return { recoveryCodes: codes };
  });
}

export type SecondFactor = { ok: true; method: "totp" | "recovery_code" } | { ok: false; reason: "malformed" | "wrong" | "reused" };

/**
 * Checks a code from the app or a recovery code for someone with two-factor sign-in on. A TOTP
 * step and a recovery code are each claimed in one statement, so a code works once even when
 * two requests race with it.
 */
export async function verifySecondFactor(db: Db, userId: string, code: string, ip: string | null): Promise<SecondFactor> {
  const s = await stateOf(db, userId);
  if (!s.totpEnabledAt || !s.totpSecretEncrypted) return { ok: false, reason: "wrong" };
  if (looksLikeRecoveryCode(code)) {
    if (!(await spendRecoveryCode(db, userId, hashRecovery(code)))) return { ok: false, reason: "wrong" };
    await auditSecurityEvent(db, {
      action: SECURITY_ACTIONS.recoveryCodeUsed,
      userId,
      by: userId,
      ip,
      details: { left: await countUnusedRecoveryCodes(db, userId) },
    });
    return { ok: true, method: "recovery_code" };
  }
  const check = checkTotp(openSecret(userId, s.totpSecretEncrypted), code, s.totpLastStep);
  if (!check.ok) return check;
  if (!(await claimTotpStep(db, userId, check.step))) return { ok: false, reason: "reused" };
  return { ok: true, method: "totp" };
}

/**
 * A code asked of someone already signed in: a borrowed session must not guess it freely, so
 * attempts count under the sign-in limit, per person, before the code is checked, and start
 * over once one is right.
 */
async function requireSecondFactor(db: Db, policy: ThrottlePolicy, userId: string, code: string, ip: string | null) {
  const s = await stateOf(db, userId);
  if (!s.totpEnabledAt) throw new AppError("conflict:two_factor", "Two-factor sign-in is not on.");
  const key = `2fa:${userId}`;
  const { failures, lockedUntil } = await countAttempt(db, key, policy.lockoutMinutes);
  if (lockedUntil && lockedUntil > new Date()) throw new ThrottledError(lockedUntil);
  if (failures > policy.maxFailures) throw new ThrottledError(await lockKey(db, key, policy.lockoutMinutes));
  const r = await verifySecondFactor(db, userId, code, ip);
  if (!r.ok) throw r.reason === "reused" ? new AppError("bad_request:code", "That code was used already. Wait for the next one.") : wrongCode();
  await clearAttempts(db, [key]);
}

/** Turning it off takes a current code or a recovery code. */
export async function turnOffTotp(db: Db, policy: ThrottlePolicy, userId: string, code: string, ip: string | null) {
  await requireSecondFactor(db, policy, userId, code, ip);
  await db.transaction(async (tx) => {
    await disableTotp(tx, userId);
    await auditSecurityEvent(tx, { action: SECURITY_ACTIONS.twoFactorOff, userId, by: userId, ip });
  });
}

/** New recovery codes (the old ones stop working), for a current code or a recovery code. */
export async function renewRecoveryCodes(db: Db, policy: ThrottlePolicy, userId: string, code: string, ip: string | null) {
  await requireSecondFactor(db, policy, userId, code, ip);
  return db.transaction(async (tx) => {
    const codes = await issueRecoveryCodes(tx, userId);
    await auditSecurityEvent(tx, { action: SECURITY_ACTIONS.recoveryCodesRenewed, userId, by: userId, ip });
    return { recoveryCodes: codes };
  });
}
