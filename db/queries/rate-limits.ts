import { lt, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { rateLimitWindows } from "../schema";

/**
 * Counts one request of `bucket` in the current window and returns the new count and the seconds
 * until the window ends. One statement (insert or increment, then return), so concurrent
 * requests from any number of processes on the database each see a distinct count. The window
 * is cut from the database's clock, which every process shares.
 */
export async function countRequest(db: Db, bucket: string, windowSeconds: number): Promise<{ count: number; resetSeconds: number }> {
  const start = sql`to_timestamp(floor(extract(epoch from clock_timestamp()) / ${windowSeconds}) * ${windowSeconds})`;
  // The count commits without waiting for the disk (synchronous_commit off, for this statement's
  // own transaction only): every API request counts, and waiting for a flush doubled a small read's
  // time. A crash can lose the last fraction of a second of counts, which no limit depends on.
  // Never call it inside a transaction: the setting would hold for all of it.
  const [row] = rowsOf<{ count: number; reset_seconds: number }>(
    await db.execute(sql`
      with quick as (select set_config('synchronous_commit', 'off', true))
      insert into ${rateLimitWindows} (bucket, window_start, count)
      select ${bucket}, ${start}, 1 from quick
      on conflict (bucket, window_start) do update set count = least(${rateLimitWindows.count} + 1, 2000000000)
      returning count, ceil(extract(epoch from window_start) + ${windowSeconds} - extract(epoch from clock_timestamp()))::int as reset_seconds`),
  );
  return { count: Number(row!.count), resetSeconds: Math.max(1, Number(row!.reset_seconds)) };
}

/** Drops windows that ended more than an hour ago (the hourly prune). */
export async function pruneRateLimitWindows(db: Db): Promise<number> {
  const gone = await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, sql`now() - interval '1 hour'`))
    .returning({ bucket: rateLimitWindows.bucket });
  return gone.length;
}
