import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { waitForToken, type AccountLimits } from "@/lib/publishing/bucket";

function level(col: "bucket" | "bucket2", capacity: number, rate: number) {
  const tokens = sql.raw(`${col}_tokens`);
  const updated = sql.raw(`${col}_updated_at`);
  return sql`least(${capacity}::float8, coalesce(${tokens}, ${capacity}::float8) + extract(epoch from (now() - coalesce(${updated}, now()))) * ${rate}::float8)`;
}

/**
 * Takes one token from the account's bucket(s) in one statement, or none when either is empty.
 * Returns the tokens left, or the wait in ms until one is available.
 */
export async function takeToken(db: Db, accountId: string, limits: AccountLimits): Promise<{ ok: true } | { ok: false; waitMs: number }> {
  const p = limits.primary;
  const s = limits.secondary ?? { capacity: 1e9, refillPerSecond: 1e9 };
  const l1 = level("bucket", p.capacity, p.refillPerSecond);
  const l2 = level("bucket2", s.capacity, s.refillPerSecond);
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
  if (!r) return { ok: true }; // account gone: the publish step reports it
  if (r.took) return { ok: true };
  return { ok: false, waitMs: Math.max(waitForToken(p, Number(r.t1)), waitForToken(s, Number(r.t2)), 1) };
}
