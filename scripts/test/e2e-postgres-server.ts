/**
 * The app for the Postgres end-to-end project: a fresh database on the server named by
 * TEST_DATABASE_URL, then `npm start` against it (the build is already current).
 */
import crypto from "node:crypto";
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf } from "../../db/client";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
import { withDatabaseName } from "../../db/testing";

async function main() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required");
  const name = `e2e_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: adminUrl, max: 1 });
  // Playwright ends its servers with SIGKILL, so earlier runs' databases are swept here.
  const stale = rowsOf<{ datname: string }>(await admin.db.execute(sql`select datname from pg_database where datname like 'e2e\_%'`));
  for (const { datname } of stale) {
    const pid = Number(datname.slice(4));
    if (pid !== process.pid && !alive(pid)) await admin.db.execute(sql.raw(`drop database if exists "${datname}" with (force)`));
  }
  await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
  await admin.db.execute(sql.raw(`create database "${name}"`));
  await admin.close();
  // A server on Postgres takes its secrets from the environment, as in production.
  const env = {
    ...process.env,
    DATABASE_URL: withDatabaseName(adminUrl, name),
    ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  };
  const child = spawn("npm", ["start"], { stdio: "inherit", env });
  const drop = async () => {
    const again = await openDatabase({ databaseUrl: adminUrl, max: 1 });
    await again.db.execute(sql.raw(`drop database if exists "${name}" with (force)`)).catch(() => {});
    await again.close();
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", async (code) => {
    await drop();
    process.exit(code ?? 0);
  });
}

void main();
