import { getConfigOrExit } from "@/lib/config";
import { setLogLevel, log } from "@/lib/log";
import { getDatabase } from "@/lib/database";
import { DataDirLockedError } from "@/db/client";
import { startProcessRunner } from "./runner/process";

/** Fatal start-up problems are one readable line and exit code 1, never a stack trace. */
function die(message: string): never {
  process.stderr.write(message + "\n");
  process.exit(1);
}

/**
 * Brings the server process up: settings, database (migrated, demo seeded), embedded runner.
 * Called from instrumentation.ts so it runs once, before the first request.
 */
export async function bootServer() {
  const cfg = getConfigOrExit();
  setLogLevel(cfg.logLevel);
  process.env.NEXTAUTH_URL ??= cfg.nextauthUrl;
  try {
    const database = await getDatabase();
    const runner = await startProcessRunner();
    const shutdown = async (signal: string) => {
      log.info("shutting down", { signal });
      await runner?.stop().catch(() => {});
      await database.close().catch(() => {});
      process.exit(0);
    };
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    process.once("SIGINT", () => void shutdown("SIGINT"));
  } catch (err) {
    if (err instanceof DataDirLockedError) die(err.message);
    die(`Could not open the database (${cfg.dbDriver}): ${err instanceof Error ? err.message : String(err)}`);
  }
}
