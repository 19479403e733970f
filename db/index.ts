import { getConfig } from "@/lib/config";
import { log } from "@/lib/log";
import { migrateDatabase, openDatabase, type Database } from "./client";
import { isEmpty, seedDemo } from "./seed";

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

async function boot(): Promise<Database> {
  const cfg = getConfig();
  const started = Date.now();
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  await migrateDatabase(database);
  if (cfg.seedDemo) {
    await database.exclusive(async () => {
      if (!(await isEmpty(database.db))) return;
      const seeded = await seedDemo(database.db, { adminEmail: cfg.demoAdminEmail, adminPassword: cfg.demoAdminPassword });
      log.info("seeded demo workspace", { workspace: "demo", admin: seeded.email });
      if (seeded.generatedPassword) {
        // Printed once, on purpose, outside the redacting logger: this is how the owner learns it.
        process.stdout.write(
          `\n  Demo workspace ready. Sign in as ${seeded.email} with password: ${seeded.generatedPassword}\n` +
            `  (shown only now; set DEMO_ADMIN_PASSWORD to choose it)\n\n`,
        );
      }
    });
  }
  log.info("database ready", { driver: database.driver, ms: Date.now() - started });
  return database;
}

/** Shorthand for callers that only need the query builder. */
export async function getDb() {
  return (await getDatabase()).db;
}
