import { inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { loginAttempts } from "../schema";

/**
 * Counts one attempt against a key in a single statement, before the password is checked, so
 * parallel guesses cannot all slip in under the limit. A window that has passed (and is not
 * locked) starts over. Returns the count including this attempt and any lock in force.
 */
export async function countAttempt(db: Db, key: string, windowMinutes: number) {
  const stale = sql`${loginAttempts.windowStart} < now() - make_interval(mins => ${windowMinutes}) and (${loginAttempts.lockedUntil} is null or ${loginAttempts.lockedUntil} < now())`;
  const [row] = await db
    .insert(loginAttempts)
    .values({ key, failures: 1 })
    .onConflictDoUpdate({
      target: loginAttempts.key,
      set: {
        failures: sql`case when ${stale} then 1 else ${loginAttempts.failures} + 1 end`,
        windowStart: sql`case when ${stale} then now() else ${loginAttempts.windowStart} end`,
        lockedUntil: sql`case when ${stale} then null else ${loginAttempts.lockedUntil} end`,
      },
    })
    .returning({ failures: loginAttempts.failures, lockedUntil: loginAttempts.lockedUntil });
  return row!;
}

export async function lockKey(db: Db, key: string, minutes: number): Promise<Date> {
  const [row] = await db
    .update(loginAttempts)
    .set({ lockedUntil: sql`greatest(coalesce(${loginAttempts.lockedUntil}, now()), now() + make_interval(mins => ${minutes}))` })
    .where(sql`${loginAttempts.key} = ${key}`)
    .returning({ lockedUntil: loginAttempts.lockedUntil });
  return row!.lockedUntil!;
}

export async function clearAttempts(db: Db, keys: string[]) {
  if (keys.length) await db.delete(loginAttempts).where(inArray(loginAttempts.key, keys));
}

/** Takes back one counted attempt (it turned out to be a success). */
export async function uncountAttempt(db: Db, key: string) {
  await db
    .update(loginAttempts)
    .set({ failures: sql`greatest(${loginAttempts.failures} - 1, 0)` })
    .where(sql`${loginAttempts.key} = ${key}`);
}
