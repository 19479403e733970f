import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { loginAttempts } from "@/db/schema";
import { findUserByEmail, touchLogin } from "@/db/queries/users";
import { AppError } from "../errors";
import { burnPasswordCheck, verifyPassword } from "./passwords";

export interface ThrottlePolicy {
  maxFailures: number;
  lockoutMinutes: number;
}

/** Key per email and client address, plus one per email alone so rotating addresses does not help. */
function keysFor(email: string, clientIp: string | null): string[] {
  const e = email.toLowerCase();
  return [`email:${e}`, ...(clientIp ? [`ip:${clientIp}|${e}`] : [])];
}

async function lockedUntil(db: Db, keys: string[]): Promise<Date | null> {
  let until: Date | null = null;
  for (const key of keys) {
    const [row] = await db.select({ lockedUntil: loginAttempts.lockedUntil }).from(loginAttempts).where(eq(loginAttempts.key, key));
    if (row?.lockedUntil && row.lockedUntil > new Date() && (!until || row.lockedUntil > until)) until = row.lockedUntil;
  }
  return until;
}

async function recordFailure(db: Db, keys: string[], policy: ThrottlePolicy) {
  const now = new Date();
  const windowMs = policy.lockoutMinutes * 60_000;
  for (const key of keys) {
    const [row] = await db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
    const fresh = !row || now.getTime() - row.windowStart.getTime() > windowMs;
    const failures = fresh ? 1 : row.failures + 1;
    const locked = failures >= policy.maxFailures ? new Date(now.getTime() + windowMs) : null;
    await db
      .insert(loginAttempts)
      .values({ key, failures, windowStart: fresh ? now : row.windowStart, lockedUntil: locked })
      .onConflictDoUpdate({
        target: loginAttempts.key,
        set: { failures, windowStart: fresh ? now : row.windowStart, lockedUntil: locked },
      });
  }
}

async function clearFailures(db: Db, keys: string[]) {
  for (const key of keys) await db.delete(loginAttempts).where(eq(loginAttempts.key, key));
}

export class ThrottledError extends AppError {
  constructor(until: Date) {
    const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
    super("rate_limited:sign_in", `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
}

/**
 * Checks an email and password. Returns the user, or null for a wrong pair; throws
 * ThrottledError while the email is locked out after repeated failures (even for the right password).
 */
export async function authenticate(db: Db, policy: ThrottlePolicy, email: string, password: string, clientIp: string | null) {
  const keys = keysFor(email, clientIp);
  const until = await lockedUntil(db, keys);
  if (until) throw new ThrottledError(until);
  const user = await findUserByEmail(db, email);
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!ok || !user) {
    await recordFailure(db, keys, policy);
    return null;
  }
  await clearFailures(db, keys);
  await touchLogin(db, user.id);
  return { id: user.id, email: user.email, name: user.name };
}
