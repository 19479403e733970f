import { getConfig } from "../config";
import { log } from "../log";
import { migrateDatabase, openDatabase, type Database } from "@/db/client";

/** The query builder's type, for screens that hand the request's database to lib/ functions. */
export type { Db } from "@/db/client";
import { isEmpty, seedDemo } from "./demo-seed";

const KEY = Symbol.for("scheduler.database");
type G = typeof globalThis & { [KEY]?: Promise<Database> };

/**
 * The process's database, opened once, migrated, and seeded on first start. PGlite allows one
 * process per data folder, so everything that needs the database in this process shares this.
 */
export function getDatabase(): Promise<Database> {
  const g = globalThis as G;
  g[KEY] ??= boot().catch((err) => {
    delete g[KEY];
    throw err;
  });
  return g[KEY];
}

/** Brings a database up to date: migrations, then the demo workspace if it is empty and wanted. */
export async function prepareDatabase(
  database: Database,
  opts: { seedDemo: boolean; demoAdminEmail: string; demoAdminPassword?: string },
): Promise<{ seeded: boolean; generatedPassword: string | null }> {
  await migrateDatabase(database);
  if (!opts.seedDemo) return { seeded: false, generatedPassword: null };
  return database.exclusive(async () => {
    if (!(await isEmpty(database.db))) return { seeded: false, generatedPassword: null };
    const seeded = await seedDemo(database.db, { adminEmail: opts.demoAdminEmail, adminPassword: opts.demoAdminPassword });
    return { seeded: true, generatedPassword: seeded.generatedPassword };
  });
}

async function boot(): Promise<Database> {
  const cfg = getConfig();
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  const { seeded, generatedPassword } = await prepareDatabase(database, cfg);
  if (seeded) log.info("seeded demo workspace", { workspace: "demo", admin: cfg.demoAdminEmail });
  if (generatedPassword) {
    // Printed once, on purpose, outside the redacting logger: this is how the owner learns it.
    process.stdout.write(
      `\n  Demo workspace ready. Sign in as ${cfg.demoAdminEmail} with password: ${generatedPassword}\n` +
        `  (shown only now; set DEMO_ADMIN_PASSWORD to choose it)\n\n`,
    );
  }
  log.info("database ready", { driver: database.driver, ms: Date.now() - started });
  return database;
}

/** Tests hand the process a database of their own instead of the configured one. */
export function setDatabaseForTests(database: Database) {
  (globalThis as G)[KEY] = Promise.resolve(database);
}

/** Shorthand for callers that only need the query builder. */
export async function getDb() {
  return (await getDatabase()).db;
}
