import { lt, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rateLimitWindows } from "../schema";

/**
 * Counts one request of `bucket` in the current window and returns the new count and the seconds
 * until the window ends. One statement (insert or increment, then return), so concurrent
 * requests from any number of processes on the database each see a distinct count. The window
 * is cut from the database's clock, which every process shares.
 */
export async function countRequest(db: Db, bucket: string, windowSeconds: number): Promise<{ count: number; resetSeconds: number }> {
  const start = sql`to_timestamp(floor(extract(epoch from clock_timestamp()) / ${windowSeconds}) * ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ bucket, windowStart: start as never, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitWindows.bucket, rateLimitWindows.windowStart],
      // Capped so a flood cannot overflow the integer.
      set: { count: sql`least(${rateLimitWindows.count} + 1, 2000000000)` },
    })
    .returning({
      count: rateLimitWindows.count,
      resetSeconds: sql<number>`ceil(extract(epoch from ${rateLimitWindows.windowStart}) + ${windowSeconds} - extract(epoch from clock_timestamp()))::int`,
    });
  return { count: row!.count, resetSeconds: Math.max(1, Number(row!.resetSeconds)) };
}

/** Drops windows that ended more than an hour ago (the hourly prune). */
export async function pruneRateLimitWindows(db: Db): Promise<number> {
  const gone = await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, sql`now() - interval '1 hour'`))
    .returning({ bucket: rateLimitWindows.bucket });
  return gone.length;
}
