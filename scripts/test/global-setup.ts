import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrateDatabase, openDatabase } from "../../db/client";
import { createTestDatabase } from "../../db/testing";

declare module "vitest" {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}

/** Migrates once per run; every test file then starts from a copy of that migrated database. */
export default async function setup(project: TestProject) {
  const dataDir = project.config.env?.DATA_DIR;
  const cleanup = () => {
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  // Global setup runs in the main process: the project's env names the driver.
  if (project.config.env?.TEST_DRIVER === "postgres") {
    const tmpl = await createTestDatabase({ driver: "postgres" });
    const dbName = await currentDbName(tmpl);
    await tmpl.close();
    project.provide("dbTemplate", dbName);
    return async () => {
      cleanup();
      const admin = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL!, max: 1 });
      const { sql } = await import("drizzle-orm");
      await admin.db.execute(sql.raw(`drop database if exists "${dbName}" with (force)`));
      await admin.close();
    };
  }
  const db = await openDatabase({});
  await migrateDatabase(db);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const client = (db.db as any).$client as { dumpDataDir(c: "none"): Promise<Blob> };
  const blob = await client.dumpDataDir("none");
  const file = path.join(os.tmpdir(), `pglite-template-${process.pid}-${project.name}.tar`);
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  project.provide("dbTemplate", file);
  return () => {
    fs.rmSync(file, { force: true });
    cleanup();
  };
}

async function currentDbName(database: { db: import("../../db/client").Db }): Promise<string> {
  const { sql } = await import("drizzle-orm");
  const { rowsOf } = await import("../../db/client");
  const rows = rowsOf<{ name: string }>(await database.db.execute(sql`select current_database() as name`));
  return rows[0]!.name;
}
