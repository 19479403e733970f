import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db/client";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { timeOrderedId } from "@/lib/ids";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** The Unix time in milliseconds in a version 7 id's first 48 bits. */
const msOf = (id: string) => parseInt(id.replace(/-/g, "").slice(0, 12), 16);

describe("uuid_v7(): time-ordered ids made by the database", () => {
  it("is a version 7 UUID carrying the time it was made", async () => {
    const before = Date.now();
    const ids = rowsOf<{ id: string }>(await db().execute(sql`SELECT uuid_v7()::text AS id FROM generate_series(1, 500)`)).map((r) => r.id);
    const after = Date.now();
    expect(new Set(ids).size).toBe(500);
    for (const id of ids) {
      expect(id).toMatch(V7);
      expect(msOf(id)).toBeGreaterThanOrEqual(before - 5);
      expect(msOf(id)).toBeLessThanOrEqual(after + 5);
    }
  });

  it("sorts later ids after earlier ones, in Postgres's own uuid order", async () => {
    const first = rowsOf<{ id: string }>(await db().execute(sql`SELECT uuid_v7()::text AS id`))[0]!.id;
    await new Promise((r) => setTimeout(r, 3));
    const second = rowsOf<{ id: string }>(await db().execute(sql`SELECT uuid_v7()::text AS id`))[0]!.id;
    const [cmp] = rowsOf<{ lt: boolean }>(await db().execute(sql`SELECT ${first}::uuid < ${second}::uuid AS lt`));
    expect(msOf(second)).toBeGreaterThan(msOf(first));
    expect(cmp?.lt).toBe(true);
  });

  it("is the default id of content items, schedules and attempts; the app's ids are version 7 too", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const accountId = await makeAccount(db(), ws.workspace.id, "sandbox");
    const due = await makeDue(db(), ws.workspace.id, accountId, "sandbox");
    const [row] = rowsOf<{ schedule: string; attempt: string }>(
      await db().execute(sql`
        WITH s AS (
          INSERT INTO schedules (workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time)
          VALUES (${ws.workspace.id}, ${due.contentId}, ${accountId}, 'sandbox', now(), now(), 'x') RETURNING id
        ), a AS (INSERT INTO publish_attempts (schedule_id, attempt_number) SELECT id, 1 FROM s RETURNING id)
        SELECT (SELECT id::text FROM s) AS schedule, (SELECT id::text FROM a) AS attempt`),
    );
    expect(due.contentId).toMatch(V7);
    expect(row?.schedule).toMatch(V7);
    expect(row?.attempt).toMatch(V7);
    const mine = Array.from({ length: 1000 }, () => timeOrderedId());
    for (const id of mine) expect(id).toMatch(V7);
    // Increasing even within one millisecond.
    expect([...mine].sort()).toEqual(mine);
  });
});
