/**
 * `npm run worker`: the embedded job runner as a process of its own, next to web servers started
 * with RUNNER_ENABLED=false. It needs a Postgres server: the embedded database allows one process.
 */
import { getConfigOrExit, servedAsProduction } from "../lib/config";
import { getDatabase } from "../lib/database";
import { LocalRunner } from "../jobs/runner/local";
import { appWork } from "../jobs/runner/ticks";

async function main() {
  servedAsProduction();
  const cfg = getConfigOrExit();
  if (!cfg.databaseUrl) {
    process.stderr.write("npm run worker needs DATABASE_URL: the embedded database allows one process, and `npm start` already runs the jobs.\n");
    process.exit(1);
  }
  const database = await getDatabase();
  const runner = new LocalRunner(database.db, { work: appWork(), intervalMs: cfg.jobs.intervalMs });
  await runner.start();
  process.stdout.write(`worker ${runner.runnerId} running against Postgres; Ctrl-C stops it\n`);
  const stop = async () => {
    await runner.stop();
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  // The runner's timer is unref'd so servers can exit; here it is the whole program.
  setInterval(() => {}, 1 << 30);
}

void main();
