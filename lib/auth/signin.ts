import type { Db } from "@/db/client";
import { findUserByEmail, touchLogin } from "@/db/queries/users";
import { clearAttempts, countAttempt, lockKey, uncountAttempt } from "@/db/queries/login-attempts";
import { AppError } from "../errors";
import { burnPasswordCheck, verifyPassword } from "./passwords";

export interface ThrottlePolicy {
  maxFailures: number;
  lockoutMinutes: number;
}

// One client address may try several accounts (a shared office), but not spray many.
const ADDRESS_FACTOR = 4;

export class ThrottledError extends AppError {
  constructor(until: Date) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    super("rate_limited:sign_in", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/**
 * Checks an email and password. Returns the user, or null for a wrong pair; throws
 * ThrottledError once the email (or the client address) has used up its attempts, even for the
 * right password. Every attempt is counted before the password is checked and forgotten on success.
 * `clientIp` is the client's address only when a trusted proxy vouches for it (client-address.ts).
 */
export async function authenticate(db: Db, policy: ThrottlePolicy, email: string, password: string, clientIp: string | null) {
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
  if (!ok || !user) return null;
  // The email starts over. The address only takes back this attempt: a success on one account
  // does not excuse guesses at others, and an office behind one address is not locked by its
  // own successful sign-ins.
  await clearAttempts(db, [emailKey]);
  if (addressKey) await uncountAttempt(db, addressKey);
  await touchLogin(db, user.id);
  return { id: user.id, email: user.email, name: user.name };
}
