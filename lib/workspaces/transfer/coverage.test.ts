import { describe, expect, it } from "vitest";
import { is } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";
import { NOT_TRANSFERRED, TRANSFER_TABLES } from "@/db/queries/workspace-transfer";

describe("workspace archive coverage", () => {
  it("names every table of the schema: exported as a kind, or left out with a reason", () => {
    const tables = Object.values(schema)
      .filter((v) => is(v, PgTable))
      .map((t) => getTableConfig(t as PgTable).name)
      .sort();
    const kinds = TRANSFER_TABLES.map((t) => getTableConfig(t.table).name);
    expect(kinds).toEqual(TRANSFER_TABLES.map((t) => t.kind));
    const unnamed = tables.filter((t) => !kinds.includes(t) && !(t in NOT_TRANSFERRED));
    expect(unnamed, "add each to TRANSFER_TABLES or NOT_TRANSFERRED in db/queries/workspace-transfer.ts").toEqual([]);
    expect(Object.keys(NOT_TRANSFERRED).filter((t) => !tables.includes(t))).toEqual([]);
  });
});
