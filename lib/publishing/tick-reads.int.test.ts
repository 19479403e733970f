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

/** Rows of `schedules` read by one tick's statements (sequentially or fetched through an index). */
async function tickReads(tx: Db): Promise<number> {
  const read = async () =>
    Number(
      rowsOf<{ n: number }>(
        await tx.execute(
          sql`SELECT (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'schedules'`,
        ),
      )[0]?.n ?? 0,
    );
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
      await db()
        .transaction(async (t) => {
          const tx = t as unknown as Db;
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
          throw new Rollback();
        })
        .catch((e) => {
          if (!(e instanceof Rollback)) throw e;
        });
    }
    // A tick over 20 times the history reads what it read before: only the rows it acts on.
    expect(reads[0]).toBeGreaterThan(0);
    expect(reads[1]).toBeLessThan(100);
    expect(reads[1]).toBeLessThanOrEqual(reads[0]! + 10);
  });
});
