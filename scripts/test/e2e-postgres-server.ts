/**
 * The app for the Postgres end-to-end project: a fresh database on the server named by
 * TEST_DATABASE_URL, then `npm start` against it (the build is already current).
 */
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { withDatabaseName } from "../../db/testing";

async function main() {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required");
  const name = `e2e_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: adminUrl, max: 1 });
  await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
  await admin.db.execute(sql.raw(`create database "${name}"`));
  await admin.close();
  const child = spawn("npm", ["start"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: withDatabaseName(adminUrl, name) } });
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
