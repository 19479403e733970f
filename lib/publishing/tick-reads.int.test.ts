/**
 * A dispatcher tick runs every second whatever the table holds, so what it reads of `schedules`
 * must not grow with published history: each of its statements goes through an index of the rows
 * it can act on (due, leased, held for approval, waiting out a pause). Measured by the rows the
 * tick's statements read (sequential plus fetched through indexes) in one transaction, with
 * statistics fresh, at two sizes of history.
 */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { claimDue, nextDueAt, reclaimExpired, renewLeases } from "@/db/queries/publishing";
import { sweepMissed } from "./missed";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

class Rollback extends Error {}

/** Published history: `n` rows on the account, over the past year. */
async function addHistory(tx: Db, workspaceId: string, accountId: string, n: number) {
  await tx.execute(sql`
    WITH c AS (
      INSERT INTO content_items (workspace_id, title, content, status)
      SELECT ${workspaceId}, 'History', 'history ' || g, 'published' FROM generate_series(1, ${n}) g RETURNING id
    )
    INSERT INTO schedules (workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, timezone,
      publish_status, published_at)
    SELECT ${workspaceId}, c.id, ${accountId}, 'sandbox', t, t, 'hist', 'UTC', 'published', t
    FROM c, LATERAL (SELECT now() - random() * interval '365 days' AS t) x`);
  await tx.execute(sql`ANALYZE schedules`);
}

/** Rows of `schedules` read so far in this transaction (sequentially or fetched through an index). */
const readSoFar = async (tx: Db) =>
  Number(
    rowsOf<{ n: number }>(
      await tx.execute(
        sql`SELECT (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'schedules'`,
      ),
    )[0]?.n ?? 0,
  );

/** Runs `fn` in a transaction that is rolled back, so each measurement starts from the same rows. */
async function inRollback(fn: (tx: Db) => Promise<void>) {
  await db()
    .transaction(async (t) => {
      await fn(t as unknown as Db);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
}

/** Rows of `schedules` read by one tick's statements. */
async function tickReads(tx: Db): Promise<number> {
  const read = () => readSoFar(tx);
  const before = await read();
  const runnerId = "tick-reads";
  const claimed = await claimDue(tx, { runnerId, limit: 50, leaseSeconds: 60 });
  await renewLeases(
    tx,
    runnerId,
    claimed.map((c) => c.id),
    60,
  );
  await reclaimExpired(tx, { runnerId, limit: 50, leaseSeconds: 60 });
  await sweepMissed(tx, { graceSeconds: 3600, windowMinutes: 1440 });
  await nextDueAt(tx);
  return (await read()) - before;
}

describe("a dispatcher tick reads no more of schedules as history grows", () => {
  it("reads the same rows over 200 and over 4,000 published posts", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const accountId = await makeAccount(db(), ws.workspace.id, "sandbox");
    const reads: number[] = [];
    for (const history of [200, 4000]) {
      await inRollback(async (tx) => {
        await addHistory(tx, ws.workspace.id, accountId, history);
        // What a tick acts on: two posts due, one held for approval long past its time, one with a lost lease.
        await makeDue(tx, ws.workspace.id, accountId, "sandbox", { dueIn: -5 });
        await makeDue(tx, ws.workspace.id, accountId, "sandbox", { dueIn: -5 });
        const held = await makeDue(tx, ws.workspace.id, accountId, "sandbox", { dueIn: -3 * 86400 });
        await tx.execute(sql`UPDATE schedules SET publish_status = 'paused', error_code = 'awaiting_approval' WHERE id = ${held.scheduleId}`);
        const lost = await makeDue(tx, ws.workspace.id, accountId, "sandbox", { dueIn: -5 });
        await tx.execute(
          sql`UPDATE schedules SET publish_status = 'publishing', lease_owner = 'gone', lease_expires_at = now() - interval '1 minute' WHERE id = ${lost.scheduleId}`,
        );
        reads.push(await tickReads(tx));
        // The held post expired: the sweep found it.
        const [row] = rowsOf<{ s: string }>(await tx.execute(sql`SELECT publish_status::text AS s FROM schedules WHERE id = ${held.scheduleId}`));
        expect(row?.s).toBe("expired");
      });
    }
    // A tick over 20 times the history reads what it read before: only the rows it acts on.
    expect(reads[0]).toBeGreaterThan(0);
    expect(reads[1]).toBeLessThan(100);
    expect(reads[1]).toBeLessThanOrEqual(reads[0]! + 10);
  });
});

describe("a claim reads the rows it takes, not every due row", () => {
  it("takes 10 of 3,000 due posts in the due index's order, reading about 10 rows", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const accountId = await makeAccount(db(), ws.workspace.id, "sandbox");
    await inRollback(async (tx) => {
      // 3,000 posts due over the last hour; every hundredth of high priority.
      await tx.execute(sql`
        WITH c AS (
          INSERT INTO content_items (workspace_id, title, content, status)
          SELECT ${ws.workspace.id}, 'Due', 'due ' || g, 'scheduled' FROM generate_series(1, 3000) g RETURNING id
        ), n AS (SELECT id, row_number() OVER () AS i FROM c)
        INSERT INTO schedules (workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, priority, priority_rank)
        SELECT ${ws.workspace.id}, n.id, ${accountId}, 'sandbox', now() - n.i * interval '1 second', now() - n.i * interval '1 second', 'due',
          CASE WHEN n.i % 100 = 0 THEN 'high'::priority ELSE 'normal'::priority END, CASE WHEN n.i % 100 = 0 THEN 2 ELSE 1 END
        FROM n`);
      await tx.execute(sql`ANALYZE schedules`);
      const before = await readSoFar(tx);
      const claimed = await claimDue(tx, { runnerId: "claim-reads", limit: 10, leaseSeconds: 60 });
      const read = (await readSoFar(tx)) - before;
      expect(claimed).toHaveLength(10);
      // Highest priority first, then the earliest: the ten oldest of the 30 high-priority posts.
      const [order] = rowsOf<{ ok: boolean }>(
        await tx.execute(sql`SELECT bool_and(priority_rank = 2) AND count(*) = 10 AND max(scheduled_time) < (
            SELECT min(scheduled_time) FROM schedules WHERE priority_rank = 2 AND publish_status = 'pending') AS ok
          FROM schedules WHERE lease_owner = 'claim-reads'`),
      );
      expect(order?.ok).toBe(true);
      expect(read).toBeLessThan(100);
    });
  });
});
