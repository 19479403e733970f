/**
 * `npm run bench:api`: a Postgres database with 1,000,000 schedules over two years across eight
 * workspaces (~5,200 a month each), the app served by `npm start` on it, then p50/p95 over 200+
 * real HTTP requests of GET /api/v1/schedules/calendar (one month) and GET /api/v1/content?limit=100.
 * BENCH_DATABASE_URL (default: the local server) names the server; a database `bench_api` is made anew.
 */
import crypto from "node:crypto";
import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, rowsOf } from "../../db/client";
import { withDatabaseName } from "../../db/testing";
import { hashToken, newToken } from "../../lib/crypto";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB = "bench_api";
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const WORKSPACES = 8;
const TOTAL = Number(process.env.BENCH_SCHEDULES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

async function seed(url: string) {
  const database = await openDatabase({ databaseUrl: url, max: 2 });
  await migrateDatabase(database);
  const db = database.db;
  const t0 = Date.now();
  const per = Math.floor(TOTAL / WORKSPACES);
  await db.execute(sql`insert into users (id, email, name, password_hash) values (gen_random_uuid(), 'bench@example.com', 'Bench', 'x')`);
  await db.execute(
    sql.raw(`
    insert into workspaces (id, name, slug) select gen_random_uuid(), 'Bench ' || i, 'bench-' || i from generate_series(1, ${WORKSPACES}) i;
    insert into memberships (workspace_id, user_id, role) select w.id, u.id, 'admin' from workspaces w, users u;
    insert into platform_accounts (workspace_id, platform, name) select w.id, p, p || ' account' from workspaces w, unnest(array['sandbox','x','linkedin','bluesky']) p;
    insert into content_items (workspace_id, title, content, status, author_id, tags)
      select w.id, 'Post ' || i, 'Body of post ' || i || ' about scheduling', 'scheduled', u.id, array['tag' || (i % 20)]
      from workspaces w, users u, generate_series(1, 5000) i;
  `),
  );
  // Schedules: each workspace's share spread evenly over two years from 2030-01-01, on its accounts and items.
  await db.execute(
    sql.raw(`
    with w as (select id, row_number() over (order by slug) - 1 as n from workspaces),
         a as (select workspace_id, array_agg(id order by platform) ids, array_agg(platform order by platform) ps from platform_accounts group by workspace_id),
         c as (select workspace_id, array_agg(id) ids from content_items group by workspace_id)
    insert into schedules (workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, timezone, publish_status, idempotency_key)
    select w.id, c.ids[1 + (g % 5000)], a.ids[1 + (g % 4)], a.ps[1 + (g % 4)], t, t, to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI'), 'UTC',
           (case when t < '2031-01-01' then 'published' else 'pending' end)::publish_status, g::text
    from w join a on a.workspace_id = w.id join c on c.workspace_id = w.id,
         generate_series(1, ${per}) g,
         lateral (select timestamptz '2030-01-01' + (g::float / ${per}) * interval '730 days' + ((g * 7919) % 3600) * interval '1 second' as t) tt;
    analyze;
  `),
  );
  const n = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from schedules`))[0]!.n;
  const [ws] = rowsOf<{ id: string }>(await db.execute(sql`select id from workspaces order by slug limit 1`));
  const token = newToken("sch");
  await db.execute(
    sql`insert into api_tokens (workspace_id, name, role, token_hash, prefix, created_by) select ${ws!.id}, 'bench', 'admin', ${hashToken(token)}, ${token.slice(0, 8)}, id from users limit 1`,
  );
  console.log(`seeded ${n.toLocaleString("en")} schedules in ${WORKSPACES} workspaces in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { database, token, workspaceId: ws!.id };
}

async function databaseExists() {
  const admin = await openDatabase({ databaseUrl: ADMIN_URL, max: 1 });
  const found = rowsOf(await admin.db.execute(sql`select 1 from pg_database where datname = ${DB}`)).length > 0;
  await admin.close();
  return found;
}

async function reuseSeed(url: string) {
  const database = await openDatabase({ databaseUrl: url, max: 2 });
  await migrateDatabase(database);
  const [ws] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from workspaces order by slug limit 1`));
  const token = newToken("sch");
  await database.db.execute(
    sql`insert into api_tokens (workspace_id, name, role, token_hash, prefix, created_by) select ${ws!.id}, 'bench', 'admin', ${hashToken(token)}, ${token.slice(0, 8)}, id from users limit 1`,
  );
  console.log("reusing the seeded database");
  return { database, token, workspaceId: ws!.id };
}

async function explain(database: Awaited<ReturnType<typeof openDatabase>>, workspaceId: string) {
  const plan = rowsOf<{ "QUERY PLAN": string }>(
    await database.db.execute(
      sql`explain analyze select s.id, s.scheduled_time, s.publish_status, c.title from schedules s join content_items c on c.id = s.content_item_id and c.workspace_id = s.workspace_id where s.workspace_id = ${workspaceId} and s.scheduled_time >= '2030-06-01' and s.scheduled_time < '2030-07-01' order by s.scheduled_time`,
    ),
  );
  console.log("\nEXPLAIN ANALYZE of the calendar's query (one month, one workspace):\n" + plan.map((r) => "  " + r["QUERY PLAN"]).join("\n"));
}

async function waitFor(url: string) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the app did not start");
}

async function measure(url: string, token: string, n: number) {
  const times: number[] = [];
  const app: number[] = [];
  let bytes = 0;
  for (let i = 0; i < n + 20; i++) {
    const t = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (!res.ok) throw new Error(`${res.status} ${body.slice(0, 200)}`);
    if (i >= 20) {
      times.push(performance.now() - t); // the first 20 warm up caches and JIT
      app.push(Number(/app;dur=([\d.]+)/.exec(res.headers.get("server-timing") ?? "")?.[1] ?? NaN));
    }
    bytes = body.length;
  }
  return { times, app, bytes };
}

async function main() {
  const url = withDatabaseName(ADMIN_URL, DB);
  // BENCH_REUSE=1 keeps the seeded database of the last run (seeding takes half a minute).
  const reuse = process.env.BENCH_REUSE === "1" && (await databaseExists());
  if (!reuse) {
    const admin = await openDatabase({ databaseUrl: ADMIN_URL, max: 1 });
    await admin.db.execute(sql.raw(`drop database if exists ${DB} with (force)`));
    await admin.db.execute(sql.raw(`create database ${DB}`));
    await admin.close();
  }
  const { database, token, workspaceId } = reuse ? await reuseSeed(url) : await seed(url);
  await explain(database, workspaceId);
  await database.close();

  const app = spawn("npm", ["start"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(PORT),
      ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      SEED_DEMO: "false",
      RUNNER_ENABLED: "false",
      RATE_LIMIT_PER_MINUTE: "1000000",
      LOG_LEVEL: "warn",
      DATA_DIR: `/tmp/bench-api-${process.pid}`,
    },
    stdio: "ignore",
    detached: true,
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/api/health`);
    const cal = await measure(`${base}/api/v1/schedules/calendar?start_date=2030-06-01&end_date=2030-06-30&timezone=Europe/Berlin`, token, REQUESTS);
    const events = JSON.parse(
      await (
        await fetch(`${base}/api/v1/schedules/calendar?start_date=2030-06-01&end_date=2030-06-30&timezone=Europe/Berlin`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).text(),
    ).events.length;
    const content = await measure(`${base}/api/v1/content?limit=100`, token, REQUESTS);
    console.log(`\nGET /api/v1/schedules/calendar (one month, ${events.toLocaleString("en")} events, ${(cal.bytes / 1024).toFixed(0)} KiB): ${fmt(cal.times)}`);
    console.log(`  of which in the app (Server-Timing): ${fmt(cal.app)}`);
    console.log(`GET /api/v1/content?limit=100 (${(content.bytes / 1024).toFixed(0)} KiB): ${fmt(content.times)}`);
    console.log(`  of which in the app (Server-Timing): ${fmt(content.app)}`);
  } finally {
    process.kill(-app.pid!, "SIGTERM");
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
