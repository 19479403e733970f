/**
 * What the API benches share: a Postgres database of schedules seeded set-based (generate_series),
 * the app served on it by `npm start`, the RSS of that whole process tree, and timed requests.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, rowsOf, type Database } from "../../db/client";
import { withDatabaseName } from "../../db/testing";
import { hashToken, newToken } from "../../lib/crypto";

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** Schedules per workspace: two years of ~5,200 a month, on four accounts. */
export const PER_WORKSPACE = 125_000;
/** One schedule in this many is placed 5 minutes after the previous one on its account (a min-gap conflict). */
export const CONFLICT_EVERY = 50;

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
export const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

export async function databaseExists(name: string): Promise<boolean> {
  const admin = await openDatabase({ databaseUrl: ADMIN_URL, max: 1 });
  const found = rowsOf(await admin.db.execute(sql`select 1 from pg_database where datname = ${name}`)).length > 0;
  await admin.close();
  return found;
}

export async function recreateDatabase(name: string) {
  const admin = await openDatabase({ databaseUrl: ADMIN_URL, max: 1 });
  await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
  await admin.db.execute(sql.raw(`create database ${name}`));
  await admin.close();
}

/** The instant of schedule g (1-based) of a workspace: spread evenly over two years from 2030-01-01, with up to an hour of jitter. */
const at = (g: string) =>
  `timestamptz '2030-01-01' + ((${g})::float8 / ${PER_WORKSPACE}) * interval '730 days' + (((${g})::bigint * 7919) % 3600) * interval '1 second'`;

/**
 * `workspaces` workspaces (slugs bench-0001 …) of PER_WORKSPACE schedules each, on four accounts
 * and 5,000 content items per workspace; published before 2031, pending after. Every
 * CONFLICT_EVERY-th schedule comes 5 minutes after the one before it on the same account, under
 * the 15-minute minimum gap: about 2 % of the schedules are in a conflict. Adds workspaces to a
 * database seeded with fewer, so a bigger table can grow from a smaller one.
 */
export async function seedSchedules(database: Database, workspaces: number) {
  const db = database.db;
  const t0 = Date.now();
  await db.execute(
    sql.raw(`insert into users (id, email, name, password_hash) select gen_random_uuid(), 'bench@example.com', 'Bench', 'x'
      where not exists (select 1 from users where email = 'bench@example.com')`),
  );
  const have = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from workspaces where slug like 'bench-%'`))[0]!.n;
  for (let from = have + 1; from <= workspaces; from += 8) {
    const to = Math.min(workspaces, from + 7);
    await db.execute(
      sql.raw(`
      drop table if exists new_ws;
      create temporary table new_ws as select gen_random_uuid() as id, n from generate_series(${from}, ${to}) n;
      insert into workspaces (id, name, slug) select id, 'Bench ' || n, 'bench-' || lpad(n::text, 4, '0') from new_ws;
      insert into memberships (workspace_id, user_id, role) select w.id, u.id, 'admin' from new_ws w, users u where u.email = 'bench@example.com';
      insert into platform_accounts (workspace_id, platform, name) select w.id, p, p || ' account' from new_ws w, unnest(array['sandbox','x','linkedin','bluesky']) p;
      insert into content_items (workspace_id, title, content, status, author_id, tags)
        select w.id, 'Post ' || i, 'Body of post ' || i || ' about scheduling', 'scheduled', u.id, array['tag' || (i % 20)]
        from new_ws w, users u, generate_series(1, 5000) i where u.email = 'bench@example.com';
      with a as (select workspace_id, array_agg(id order by platform) ids, array_agg(platform order by platform) ps from platform_accounts where workspace_id in (select id from new_ws) group by workspace_id),
           c as (select workspace_id, array_agg(id) ids from content_items where workspace_id in (select id from new_ws) group by workspace_id)
      insert into schedules (workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, timezone, publish_status, idempotency_key)
      select w.id, c.ids[1 + (g % 5000)], a.ids[1 + (g % 4)], a.ps[1 + (g % 4)], t, t, to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI'), 'UTC',
             (case when t < '2031-01-01' then 'published' else 'pending' end)::publish_status, g::text
      from new_ws w join a on a.workspace_id = w.id join c on c.workspace_id = w.id,
           generate_series(1, ${PER_WORKSPACE}) g,
           lateral (select case when g % ${CONFLICT_EVERY} = 0 then ${at("g - 4")} + interval '5 minutes' else ${at("g")} end as t) tt;
      drop table new_ws;
    `),
    );
  }
  // As autovacuum would on a live server (the one these benches share may run without it): without
  // a visibility map no count can be answered from an index alone, and every one reads the table.
  await db.execute(sql.raw("vacuum (analyze)"));
  const n = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from schedules`))[0]!.n;
  console.log(`seeded ${n.toLocaleString("en")} schedules in ${workspaces} workspaces in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** A fresh admin API token on the first bench workspace. */
export async function benchToken(database: Database) {
  const [ws] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from workspaces order by slug limit 1`));
  const token = newToken("sch");
  await database.db.execute(
    sql`insert into api_tokens (workspace_id, name, role, token_hash, prefix, created_by) select ${ws!.id}, 'bench', 'admin', ${hashToken(token)}, ${token.slice(0, 8)}, id from users limit 1`,
  );
  return { token, workspaceId: ws!.id };
}

/**
 * The database `name` with at least `workspaces` bench workspaces: made anew, or (BENCH_REUSE=1)
 * the one a previous run left, grown if it has fewer.
 */
export async function preparedDatabase(name: string, workspaces: number) {
  const url = withDatabaseName(ADMIN_URL, name);
  const reuse = process.env.BENCH_REUSE === "1" && (await databaseExists(name));
  if (!reuse) await recreateDatabase(name);
  else console.log(`reusing the seeded database ${name}`);
  const database = await openDatabase({ databaseUrl: url, max: 2 });
  await migrateDatabase(database);
  await seedSchedules(database, workspaces);
  return { url, database, ...(await benchToken(database)) };
}

/** Resident memory (bytes) of a process group, read from /proc: all of it, and its largest process. */
export function groupRss(pgid: number): { total: number; largest: number } {
  let total = 0;
  let largest = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The fields after the command (which may hold spaces) start after its closing parenthesis.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = Number(fs.readFileSync(`/proc/${entry}/statm`, "utf8").split(" ")[1]) * 4096;
      total += rss;
      largest = Math.max(largest, rss);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return { total, largest };
}

export interface App {
  base: string;
  /**
   * Highest RSS seen since it served (sampled every 100 ms): of the whole `npm start` process tree
   * (npm, the launcher and the server), and of the web server process alone (the largest).
   */
  peakRss(): { total: number; server: number };
  stop(): void;
}

/** `npm start` on the database, in its own process group, once /api/health answers. */
export async function startApp(url: string, port: number): Promise<App> {
  const child: ChildProcess = spawn("npm", ["start"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      SEED_DEMO: "false",
      RUNNER_ENABLED: "false",
      RATE_LIMIT_PER_MINUTE: "1000000",
      LOG_LEVEL: "warn",
      DATA_DIR: `/tmp/bench-api-${process.pid}-${port}`,
    },
    stdio: "ignore",
    detached: true,
  });
  // Sampled once it serves: a first start also builds the app, and the build is not the server.
  const peak = { total: 0, server: 0 };
  const sample = () => {
    const now = groupRss(child.pid!);
    peak.total = Math.max(peak.total, now.total);
    peak.server = Math.max(peak.server, now.largest);
    return peak;
  };
  let sampler: NodeJS.Timeout | undefined;
  const app = {
    base: `http://127.0.0.1:${port}`,
    peakRss: () => ({ ...sample() }),
    stop: () => {
      if (sampler) clearInterval(sampler);
      process.kill(-child.pid!, "SIGTERM");
    },
  };
  try {
    await waitFor(`${app.base}/api/health`);
    sampler = setInterval(sample, 100);
  } catch (err) {
    app.stop();
    throw err;
  }
  return app;
}

async function waitFor(url: string) {
  // A first start builds the app, which takes minutes on a busy machine.
  for (let i = 0; i < 3000; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the app did not start");
}

/** What a browser sends; the answer is decoded (br or gzip) before it is read. */
export const BROWSER_ACCEPT_ENCODING = "gzip, deflate, br, zstd";

export type BenchClient = "http" | "fetch";

/** One kept-alive connection, as a browser keeps one to the app. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/**
 * A GET with node:http, its answer decoded here. fetch's web streams cost this process 2–4 ms of CPU
 * a request (more for a calendar month), on the same two cores the app and Postgres run on; a
 * browser spends that on its own machine. `measure` can still use fetch, to compare in one run.
 * Not the engine's light fetch (adapters/transport.ts): it is light on the way out, but reading a
 * body still goes through a Response, within 20 % of fetch's cost for a 58 KB answer.
 */
function httpGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string; serverTiming: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        const coding = res.headers["content-encoding"];
        const body = coding === "br" ? zlib.brotliDecompressSync(raw) : coding === "gzip" ? zlib.gunzipSync(raw) : raw;
        resolve({ status: res.statusCode ?? 0, body: body.toString(), serverTiming: String(res.headers["server-timing"] ?? "") });
      });
    });
    req.on("error", reject);
  });
}

async function get(client: BenchClient, url: string, headers: Record<string, string>) {
  if (client === "http") return httpGet(url, headers);
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.text(), serverTiming: res.headers.get("server-timing") ?? "" };
}

/**
 * Times `n` requests (after 20 to warm up), each answer read and decoded; `url` may differ per
 * request (`i` counts from 0). Also the app's own share (Server-Timing), the last answer and its size.
 */
export async function measure(url: string | ((i: number) => string), token: string, n: number, client: BenchClient = "http") {
  const times: number[] = [];
  const app: number[] = [];
  let bytes = 0;
  let last = "";
  const headers = { authorization: `Bearer ${token}`, "accept-encoding": BROWSER_ACCEPT_ENCODING };
  for (let i = 0; i < n + 20; i++) {
    const t = performance.now();
    const res = await get(client, typeof url === "string" ? url : url(i), headers);
    if (res.status < 200 || res.status > 299) throw new Error(`${res.status} ${res.body.slice(0, 200)}`);
    if (i >= 20) {
      times.push(performance.now() - t);
      app.push(Number(/app;dur=([\d.]+)/.exec(res.serverTiming)?.[1] ?? NaN));
    }
    bytes = Buffer.byteLength(res.body);
    last = res.body;
  }
  return { times, app, bytes, last };
}
