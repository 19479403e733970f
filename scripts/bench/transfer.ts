/**
 * `npm run bench:transfer`: the demo workspace plus 10,000 posts (each with a schedule; the past
 * half published, with its attempt and engagement figures), exported to an archive and imported
 * back as a new workspace. Prints the export time, the archive's size and the import time (unpack
 * and check, then the database writes).
 *
 * Embedded database (PGlite) by default; BENCH_DATABASE_URL runs it on a Postgres server instead
 * (database `bench_transfer`, made anew). BENCH_POSTS sets the number of posts.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";

const env = process.env as Record<string, string | undefined>;
env.NODE_ENV ??= "production";
env.LOG_LEVEL ??= "error";
env.DATA_DIR ??= path.join(os.tmpdir(), `bench-transfer-${process.pid}`);
env.ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const PG = process.env.BENCH_DATABASE_URL;

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const { sql } = await import("drizzle-orm");
  const { migrateDatabase, openDatabase, rowsOf } = await import("../../db/client");
  const { withDatabaseName } = await import("../../db/testing");
  const { seedDemo } = await import("../../lib/database/demo-seed");
  const { exportWorkspaceArchive, receiveWorkspaceArchive } = await import("../../lib/workspaces/transfer");

  let url: string | undefined;
  if (PG) {
    const admin = await openDatabase({ databaseUrl: PG, max: 1 });
    await admin.db.execute(sql.raw(`drop database if exists bench_transfer with (force)`));
    await admin.db.execute(sql.raw(`create database bench_transfer`));
    await admin.close();
    url = withDatabaseName(PG, "bench_transfer");
  }
  const database = await openDatabase(url ? { databaseUrl: url, max: 4 } : { dataDir: path.join(env.DATA_DIR!, "db") });
  await migrateDatabase(database);
  const db = database.db;
  await seedDemo(db, { adminEmail: "bench@example.com", adminPassword: "bench-password-123" });
  const [demo] = rowsOf<{ ws: string; admin: string; account: string }>(
    await db.execute(sql`select w.id as ws, m.user_id as admin, a.id as account
      from workspaces w join memberships m on m.workspace_id = w.id join platform_accounts a on a.workspace_id = w.id where w.slug = 'demo' limit 1`),
  );
  const t0 = performance.now();
  // Half in the past (published, attempted, measured), half to come (pending), one an hour apart.
  await db.execute(sql`
    insert into content_items (workspace_id, title, content, status, author_id, tags, scheduled_for, published_at, created_at)
    select ${demo!.ws}, 'Bench post ' || g, 'Body of bench post ' || g || ' about scheduling, with a link https://example.com/' || g,
      (case when g <= ${POSTS / 2} then 'published' else 'scheduled' end)::content_status, ${demo!.admin}, array['bench', 'tag' || (g % 20)],
      now() + (g - ${POSTS / 2}) * interval '1 hour', case when g <= ${POSTS / 2} then now() + (g - ${POSTS / 2}) * interval '1 hour' end, now()
    from generate_series(1, ${POSTS}) g`);
  await db.execute(sql`
    insert into schedules (workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, timezone, publish_status, published_at)
    select workspace_id, id, ${demo!.account}, 'sandbox', scheduled_for, scheduled_for, to_char(scheduled_for at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI'), 'UTC',
      (case when status = 'published' then 'published' else 'pending' end)::publish_status, published_at
    from content_items where workspace_id = ${demo!.ws} and title like 'Bench post %'`);
  await db.execute(sql`
    insert into publish_attempts (schedule_id, attempt_number, runner_id, idempotency_key, started_at, finished_at, duration_ms, outcome, http_status, response_excerpt)
    select id, 1, 'bench', id || ':v1', scheduled_time, scheduled_time + interval '200 ms', 200, 'success', 201, '{"id":"' || id || '"}'
    from schedules where workspace_id = ${demo!.ws} and publish_status = 'published'`);
  await db.execute(sql`
    insert into content_analytics (content_item_id, schedule_id, platform_id, likes_count, impressions, reach, engagement_rate, measured_at)
    select content_item_id, id, 'sandbox', 10, 500, 400, 0.02, scheduled_time + interval '1 day'
    from schedules where workspace_id = ${demo!.ws} and publish_status = 'published'`);
  console.log(`seeded the demo workspace + ${POSTS.toLocaleString("en")} posts on ${database.driver} in ${secs(performance.now() - t0)}`);

  const actor = { userId: demo!.admin, tokenId: null, workspaceId: demo!.ws, role: "admin" as const };
  fs.mkdirSync(env.DATA_DIR!, { recursive: true });
  const file = path.join(env.DATA_DIR!, "bench-archive.tar.gz");
  const e0 = performance.now();
  const archive = await exportWorkspaceArchive(db, actor, { includeSecrets: true, includeCredentials: true, passphrase: "bench passphrase 123" });
  await fs.promises.writeFile(file, Readable.fromWeb(archive.stream as never));
  const exportMs = performance.now() - e0;
  const size = fs.statSync(file).size;
  const rows = Object.values(archive.manifest.counts).reduce((a, b) => a + b, 0);

  const i0 = performance.now();
  const received = await receiveWorkspaceArchive(db, actor, fs.createReadStream(file), "bench passphrase 123");
  const checkMs = performance.now() - i0;
  const result = await received.run({});
  const importMs = performance.now() - i0;

  console.log(
    `rows in the archive: ${rows.toLocaleString("en")} (${Object.entries(archive.manifest.counts)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")})`,
  );
  console.log(`export:  ${secs(exportMs)}  archive ${mb(size)} (${archive.manifest.files.length} files)`);
  console.log(`import:  ${secs(importMs)}  (unpack and check ${secs(checkMs)}, write ${secs(importMs - checkMs)}) → workspace ${result.workspace.slug}`);
  await database.close();
  fs.rmSync(env.DATA_DIR!, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
