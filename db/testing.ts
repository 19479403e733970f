import fs from "node:fs";
import crypto from "node:crypto";
import { openDatabase, migrateDatabase, rowsOf, type Database } from "./client";

/** Which database the integration suite runs on: PGlite in memory, or a real Postgres server. */
export const TEST_DRIVER: "pglite" | "postgres" = process.env.TEST_DRIVER === "postgres" ? "postgres" : "pglite";

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * A second handle on the database `db` is connected to (Postgres): another pool, as another
 * process would have, with its own options.
 */
export async function openSameDatabase(db: Database["db"], opts: { max?: number; onQuery?: (query: string) => void } = {}): Promise<Database> {
  const { sql } = await import("drizzle-orm");
  const [{ name }] = rowsOf<{ name: string }>(await db.execute(sql`select current_database() as name`)) as [{ name: string }];
  return openDatabase({ databaseUrl: withDatabaseName(process.env.TEST_DATABASE_URL!, name), ...opts });
}

export interface TestDatabase extends Database {
  /** Closes the connection and drops the database (Postgres). */
  dispose(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file. On Postgres each file gets its own database,
 * copied from a template the global setup migrated once; on PGlite, an in-memory instance
 * loaded from a migrated snapshot.
 */
export async function createTestDatabase(opts: { template?: string; driver?: "pglite" | "postgres" } = {}): Promise<TestDatabase> {
  if ((opts.driver ?? TEST_DRIVER) === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error("TEST_DATABASE_URL is required when TEST_DRIVER=postgres");
    const name = `t_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
    const admin = await openDatabase({ databaseUrl: adminUrl, max: 1 });
    const { sql } = await import("drizzle-orm");
    await admin.db.execute(sql.raw(`create database "${name}"${opts.template ? ` template "${opts.template}"` : ""}`));
    await admin.close();
    const database = await openDatabase({ databaseUrl: withDatabaseName(adminUrl, name), max: 4 });
    if (!opts.template) await migrateDatabase(database);
    return {
      ...database,
      async dispose() {
        await database.close();
        const again = await openDatabase({ databaseUrl: adminUrl, max: 1 });
        await again.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
        await again.close();
      },
    };
  }
  const database = await openDatabase({ snapshot: opts.template ? fs.readFileSync(opts.template) : undefined });
  if (!opts.template) await migrateDatabase(database);
  return { ...database, dispose: () => database.close() };
}
