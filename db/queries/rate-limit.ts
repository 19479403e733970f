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

export interface TokenRequest {
  accountId: string;
  /** How many publishes want a token from this account. */
  count: number;
  primary: BucketLevels;
  secondary: BucketLevels;
}

/**
 * Takes tokens for several accounts in one statement: for each, as many of `count` as both
 * buckets allow (a token is whole). Accounts are locked in id order, so runners taking tokens of
 * the same accounts at once cannot deadlock. Returns per account how many it took and the tokens
 * each bucket holds after; an account that is gone is absent (its publishes go on and report it).
 */
export async function takeTokens(db: Db, requests: TokenRequest[]): Promise<Map<string, { took: number; tokens: [number, number] }>> {
  const out = new Map<string, { took: number; tokens: [number, number] }>();
  if (!requests.length) return out;
  const input = requests.map((r) => ({
    id: r.accountId,
    n: r.count,
    c1: r.primary.capacity,
    r1: r.primary.refillPerSecond,
    c2: r.secondary.capacity,
    r2: r.secondary.refillPerSecond,
  }));
  const result = await db.execute(sql`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS r(id uuid, n int, c1 float8, r1 float8, c2 float8, r2 float8)
    ), cur AS MATERIALIZED (
      SELECT a.id, r.n,
        least(r.c1, coalesce(a.bucket_tokens, r.c1) + extract(epoch from (now() - coalesce(a.bucket_updated_at, now()))) * r.r1) AS t1,
        least(r.c2, coalesce(a.bucket2_tokens, r.c2) + extract(epoch from (now() - coalesce(a.bucket2_updated_at, now()))) * r.r2) AS t2
      FROM platform_accounts a JOIN r ON r.id = a.id
      ORDER BY a.id FOR UPDATE OF a
    ), g AS (
      SELECT id, t1, t2, greatest(0, least(n::float8, floor(t1), floor(t2)))::int AS took FROM cur
    ), upd AS (
      UPDATE platform_accounts a SET bucket_tokens = g.t1 - g.took, bucket_updated_at = now(),
        bucket2_tokens = g.t2 - g.took, bucket2_updated_at = now()
      FROM g WHERE a.id = g.id AND g.took > 0
      RETURNING a.id
    )
    SELECT g.id, g.took, g.t1 - g.took AS t1, g.t2 - g.took AS t2, (SELECT count(*) FROM upd)::int AS updated FROM g`);
  for (const r of (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: string; took: number; t1: number; t2: number }[]) {
    out.set(r.id, { took: Number(r.took), tokens: [Number(r.t1), Number(r.t2)] });
  }
  return out;
}
