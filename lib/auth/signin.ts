import type { Db } from "@/db/client";
import { findUserByEmail, touchLogin } from "@/db/queries/users";
import { clearAttempts, countAttempt, lockKey, uncountAttempt } from "@/db/queries/login-attempts";
import { AppError } from "../errors";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { getSecurityState } from "@/db/queries/sign-in-security";
import { auditSecurityEvent, SECURITY_ACTIONS } from "./security-audit";
import { verifySecondFactor } from "./two-factor";
import { ThrottledError, type ThrottlePolicy } from "./throttle";

export { ThrottledError, type ThrottlePolicy };

// One client address may try several accounts (a shared office), but not spray many.
const ADDRESS_FACTOR = 4;

/**
 * The password was right and the account has two-factor sign-in: `missing` asks for the code,
 * `wrong` says the code given was not accepted. The sign-in page tells them apart by code.
 */
export class SecondFactorError extends AppError {
  constructor(readonly reason: "missing" | "wrong" | "reused") {
    super(
      reason === "missing" ? "unauthorized:two_factor_required" : "unauthorized:two_factor_invalid",
      reason === "missing"
        ? "Enter the code from your authenticator app."
        : reason === "reused"
          ? "That code was used already. Wait for the next one."
          : "That code is not right.",
    );
  }
}

/**
 * Checks an email and password (and, for an account with two-factor sign-in, the `code`). Returns the user, or null for a wrong pair; throws
 * ThrottledError once the email (or the client address) has used up its attempts, even for the
 * right password. Every attempt is counted before the password is checked and forgotten on success.
 * `clientIp` is the client's address only when a trusted proxy vouches for it (client-address.ts).
 */
export async function authenticate(db: Db, policy: ThrottlePolicy, email: string, password: string, clientIp: string | null, code?: string) {
  const emailKey = `email:${email.toLowerCase()}`;
  const addressKey = clientIp ? `ip:${clientIp}` : null;
  // The address is checked first, so a person behind a locked address does not also use up
  // their email's attempts while they wait.
  const limits: [string, number][] = [
    ...(addressKey ? ([[addressKey, policy.maxFailures * ADDRESS_FACTOR]] as [string, number][]) : []),
    [emailKey, policy.maxFailures],
  ];
  for (const [key, max] of limits) {
    const { failures, lockedUntil } = await countAttempt(db, key, policy.lockoutMinutes);
    if (lockedUntil && lockedUntil > new Date()) throw new ThrottledError(lockedUntil);
    if (failures > max) throw new ThrottledError(await lockKey(db, key, policy.lockoutMinutes));
  }
  const user = await findUserByEmail(db, email);
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!ok || !user) {
    // An unknown address is kept as typed (it passed as an email, so it is not a password pasted
    // in the wrong field); it has no workspace, so only operators see it.
    await auditSecurityEvent(db, {
      action: SECURITY_ACTIONS.signInFailed,
      userId: user?.id ?? null,
      by: null,
      ip: clientIp,
      details: user ? { reason: "wrong_password" } : { reason: "unknown_email", email: email.toLowerCase() },
    });
    return null;
  }
  const state = await getSecurityState(db, user.id);
  let method: string = "password";
  if (state?.totpEnabledAt) {
    if (!code || !code.trim()) {
      // Not a failure yet, just the first of two steps: the attempt is taken back, but the
      // email's count is not cleared, so guessing codes cannot reset it.
      await uncountAttempt(db, emailKey);
      if (addressKey) await uncountAttempt(db, addressKey);
      throw new SecondFactorError("missing");
    }
    const second = await verifySecondFactor(db, user.id, code, clientIp);
    if (!second.ok) {
      await auditSecurityEvent(db, {
        action: SECURITY_ACTIONS.signInFailed,
        userId: user.id,
        by: null,
        ip: clientIp,
        details: { reason: second.reason === "reused" ? "reused_code" : "wrong_code" },
      });
      throw new SecondFactorError(second.reason === "reused" ? "reused" : "wrong");
    }
    method = second.method === "totp" ? "password+totp" : "password+recovery_code";
  }
  // The email starts over. The address only takes back this attempt: a success on one account
  // does not excuse guesses at others, and an office behind one address is not locked by its
  // own successful sign-ins.
  await clearAttempts(db, [emailKey]);
  if (addressKey) await uncountAttempt(db, addressKey);
  await touchLogin(db, user.id);
  await auditSecurityEvent(db, { action: SECURITY_ACTIONS.signIn, userId: user.id, by: user.id, ip: clientIp, details: { method } });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: state?.sessionVersion ?? 0 };
}
