import { sql } from "drizzle-orm";
import type { Db } from "../client";

/** A token bucket's size and refill rate (lib/publishing/bucket.ts derives them per account). */
export interface BucketLevels {
  capacity: number;
  refillPerSecond: number;
}

function level(col: "bucket" | "bucket2", capacity: number, rate: number) {
  const tokens = sql.raw(`${col}_tokens`);
  const updated = sql.raw(`${col}_updated_at`);
  return sql`least(${capacity}::float8, coalesce(${tokens}, ${capacity}::float8) + extract(epoch from (now() - coalesce(${updated}, now()))) * ${rate}::float8)`;
}

/**
 * Takes one token from the account's bucket(s) in one statement, or none when either is empty.
 * Returns whether it took one, and otherwise the tokens each bucket holds now.
 */
export async function takeToken(
  db: Db,
  accountId: string,
  primary: BucketLevels,
  secondary: BucketLevels,
): Promise<{ took: true } | { took: false; tokens: [number, number] }> {
  const l1 = level("bucket", primary.capacity, primary.refillPerSecond);
  const l2 = level("bucket2", secondary.capacity, secondary.refillPerSecond);
  const result = await db.execute(sql`
    WITH cur AS (SELECT id, ${l1} AS t1, ${l2} AS t2 FROM platform_accounts WHERE id = ${accountId} FOR UPDATE),
    took AS (
      UPDATE platform_accounts a SET bucket_tokens = cur.t1 - 1, bucket_updated_at = now(),
        bucket2_tokens = cur.t2 - 1, bucket2_updated_at = now()
      FROM cur WHERE a.id = cur.id AND cur.t1 >= 1 AND cur.t2 >= 1
      RETURNING a.id
    )
    SELECT cur.t1, cur.t2, (SELECT count(*) FROM took)::int AS took FROM cur`);
  const r = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows)[0] as { t1: number; t2: number; took: number } | undefined;
  if (!r) return { took: true }; // account gone: the publish step reports it
  if (r.took) return { took: true };
  return { took: false, tokens: [Number(r.t1), Number(r.t2)] };
}
