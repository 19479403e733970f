import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { withTestDatabase } from "@/scripts/test/fixtures";
import { executePrepared, rowsOf } from "@/db/client";
import { openSameDatabase, TEST_DRIVER } from "@/db/testing";

const ref = withTestDatabase();
const query = (n: number) => sql`select ${n}::int + 1 as next, 'prepared-probe' as tag`;

describe("executePrepared", () => {
  it("answers as db.execute does, in and out of a transaction", async () => {
    const db = ref.current.db;
    expect(await executePrepared(db, "probe", query(1))).toEqual([{ next: 2, tag: "prepared-probe" }]);
    expect(await executePrepared(db, "probe", query(41))).toEqual(rowsOf(await db.execute(query(41))));
    const inTx = await db.transaction(async (tx) => executePrepared<{ next: number }>(tx, "probe", query(9)));
    expect(inTx).toEqual([{ next: 10, tag: "prepared-probe" }]);
  });

  it.runIf(TEST_DRIVER === "postgres")("keeps the statement prepared on its connection: parsed once, however often it runs", async () => {
    const own = await openSameDatabase(ref.current.db, { max: 1 });
    try {
      for (let i = 0; i < 7; i++) expect(await executePrepared(own.db, "probe", query(i))).toEqual([{ next: i + 1, tag: "prepared-probe" }]);
      await own.db.execute(sql`select 'unnamed-probe' as tag where ${1} = 1`);
      const held = rowsOf<{ statement: string }>(await own.db.execute(sql`select statement from pg_prepared_statements`));
      expect(held.filter((s) => s.statement.includes("prepared-probe"))).toHaveLength(1);
      // db.execute stays unnamed: nothing is kept for it.
      expect(held.filter((s) => s.statement.includes("unnamed-probe"))).toHaveLength(0);
    } finally {
      await own.close();
    }
  });
});
