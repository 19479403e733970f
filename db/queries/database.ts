/** Statements about the database itself rather than any table of the app. */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";

/** The cheapest round trip: how long it takes is the database check's latency. */
export async function pingDatabase(db: Db) {
  await db.execute(sql`select 1`);
}

/** How many migrations the database has applied (what a backup's manifest records and a restore checks). */
export async function countAppliedMigrations(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`));
  return Number(row?.n ?? 0);
}
