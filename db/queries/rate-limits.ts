import { lt, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { rateLimitWindows } from "../schema";

/** What counting a request returns: the window's count so far and the seconds until it ends. */
export interface Counted {
  count: number;
  resetSeconds: number;
}

/**
 * An INSERT that counts one request of the bucket each row of `buckets` names (a query of one text
 * column, `bucket`), in the window cut from the database's clock (which every process shares), and
 * returns `count` and `reset_seconds`. Insert or increment in one statement, so concurrent requests
 * from any number of processes each see a distinct count.
 */
export function countInto(buckets: SQL, windowSeconds: number): SQL {
  const start = sql`to_timestamp(floor(extract(epoch from clock_timestamp()) / ${windowSeconds}) * ${windowSeconds})`;
  return sql`insert into ${rateLimitWindows} (bucket, window_start, count)
      select b.bucket, ${start}, 1 from (${buckets}) b
      on conflict (bucket, window_start) do update set count = least(${rateLimitWindows.count} + 1, 2000000000)
      returning count, ceil(extract(epoch from window_start) + ${windowSeconds} - extract(epoch from clock_timestamp()))::int as reset_seconds`;
}

/**
 * The count commits without waiting for the disk (synchronous_commit off, for its statement's own
 * transaction only): every API request counts, and waiting for a flush doubled a small read's time.
 * A crash can lose the last fraction of a second of counts, which no limit depends on. A statement
 * that selects from `quick` must never run inside a transaction: the setting would hold for all of it.
 */
export const QUICK_COMMIT = sql`quick as (select set_config('synchronous_commit', 'off', true))`;

export function countedOf(row: { count: number | string; reset_seconds: number | string }): Counted {
  return { count: Number(row.count), resetSeconds: Math.max(1, Number(row.reset_seconds)) };
}

/** Counts one request of `bucket` in the current window (see countInto). */
export async function countRequest(db: Db, bucket: string, windowSeconds: number): Promise<Counted> {
  const [row] = rowsOf<{ count: number; reset_seconds: number }>(
    await db.execute(sql`with ${QUICK_COMMIT} ${countInto(sql`select ${bucket}::text as bucket from quick`, windowSeconds)}`),
  );
  return countedOf(row!);
}

/** Drops windows that ended more than an hour ago (the hourly prune). */
export async function pruneRateLimitWindows(db: Db): Promise<number> {
  const gone = await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, sql`now() - interval '1 hour'`))
    .returning({ bucket: rateLimitWindows.bucket });
  return gone.length;
}
