/**
 * What the dispatch benchmarks share (bench:dispatch, scale-dispatch): a bench database on a real
 * Postgres, a no-op platform on loopback, due posts (and history) seeded in a few set-based
 * statements, statements counted per published post and the process's peak RSS. The measured runs
 * (our dispatcher, graphile-worker) are in dispatch-runs.ts.
 *
 * Import after the environment is set (DATA_DIR, ENCRYPTION_KEY …): see `benchEnvironment`.
 */
import http from "node:http";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import fs from "node:fs";
import { fork } from "node:child_process";
import type { AddressInfo } from "node:net";

/** Sets what the app's config needs before it is first read. */
export function benchEnvironment(name: string) {
  const env = process.env as Record<string, string | undefined>;
  env.NODE_ENV ??= "production";
  env.LOG_LEVEL ??= "error";
  env.DATA_DIR ??= path.join(os.tmpdir(), `${name}-${process.pid}`);
  env.ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
  env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");
}

export const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** A uuid list as one Postgres array literal (drizzle would spread a JS array into a tuple). */
const pgArray = (ids: string[]) => `{${ids.join(",")}}`;

export const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** The process's peak resident set so far (VmHWM where /proc has it, else the sampled peak). */
export class RssPeak {
  private peak = process.memoryUsage().rss;
  private readonly timer = setInterval(() => this.sample(), 100);
  constructor() {
    this.timer.unref();
  }
  sample() {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
  get mib(): number {
    this.sample();
    try {
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync("/proc/self/status", "utf8"));
      if (hwm) return Math.max(this.peak, Number(hwm[1]) * 1024) / 2 ** 20;
    } catch {
      /* no /proc: the sampled peak */
    }
    return this.peak / 2 ** 20;
  }
  stop() {
    clearInterval(this.timer);
  }
}

/**
 * The no-op platform: answers every POST at once and notes when each key arrived. It runs in a
 * child process (noop-platform.ts), as a real platform runs elsewhere; BENCH_PLATFORM=inprocess
 * runs it in this process instead.
 */
export async function noopPlatform() {
  if (process.env.BENCH_PLATFORM === "inprocess") return inProcessPlatform();
  const arrivals = new Map<string, number>();
  let calls = 0;
  const child = fork(path.join(__dirname, "noop-platform.ts"), [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (m: { port?: number; arrivals?: [string, number][]; calls?: number }) => {
      if (m.port) resolve(m.port);
      if (m.arrivals) for (const [k, at] of m.arrivals) if (!arrivals.has(k)) arrivals.set(k, at);
      if (m.calls !== undefined) calls = m.calls;
    });
  });
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    calls: () => calls,
    clear: () => {
      arrivals.clear();
      child.send({ clear: true });
    },
    close: async () => {
      child.disconnect();
      await new Promise((r) => child.once("exit", r));
    },
  };
}

async function inProcessPlatform() {
  const arrivals = new Map<string, number>();
  let calls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      calls++;
      const key = String(req.headers["idempotency-key"] ?? "");
      if (!arrivals.has(key)) arrivals.set(key, Date.now());
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: key }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    calls: () => calls,
    clear: () => arrivals.clear(),
    close: () => new Promise((r) => server.close(r)),
  };
}

export type NoopPlatform = Awaited<ReturnType<typeof noopPlatform>>;

/** Statements sent to the server, by their first words (to see where the round trips go). */
export class StatementCount {
  total = 0;
  readonly byKind = new Map<string, number>();
  add(query: string) {
    this.total++;
    const kind = query.replace(/\s+/g, " ").trim().slice(0, 70);
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + 1);
  }
  reset() {
    this.total = 0;
    this.byKind.clear();
  }
  top(n: number, per: number) {
    return [...this.byKind]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${(v / per).toFixed(3).padStart(7)}  ${k}`);
  }
}

export interface BenchDb {
  db: import("../../db/client").Db;
  url: string;
  workspaceId: string;
  accounts: string[];
  platform: NoopPlatform;
  statements: StatementCount;
  close(): Promise<void>;
}

/**
 * A fresh database `name` with one workspace and `accounts` webhook accounts on the no-op platform.
 * With `reuse`, a database this function made before with as many accounts is kept (migrated, its
 * accounts pointed at this run's platform), so history seeded into it earlier stays.
 */
export async function openBenchDb(opts: { name: string; accounts: number; pool: number; platform?: NoopPlatform; reuse?: boolean }): Promise<BenchDb> {
  const { sql } = await import("drizzle-orm");
  const { migrateDatabase, openDatabase, rowsOf } = await import("../../db/client");
  const { withDatabaseName } = await import("../../db/testing");
  const { sealJson } = await import("../../lib/crypto");
  const { appKeyring } = await import("../../lib/crypto/keyring");
  const admin = await openDatabase({ databaseUrl: ADMIN_URL, max: 1 });
  const exists = rowsOf(await admin.db.execute(sql`select 1 from pg_database where datname = ${opts.name}`)).length > 0;
  if (!opts.reuse || !exists) {
    await admin.db.execute(sql.raw(`drop database if exists ${opts.name} with (force)`));
    await admin.db.execute(sql.raw(`create database ${opts.name}`));
  }
  await admin.close();
  const url = withDatabaseName(ADMIN_URL, opts.name);
  const statements = new StatementCount();
  const database = await openDatabase({ databaseUrl: url, max: opts.pool, onQuery: (q) => statements.add(q) });
  await migrateDatabase(database);
  const db = database.db;
  const platform = opts.platform ?? (await noopPlatform());
  const close = async () => {
    if (!opts.platform) await platform.close();
    await database.close();
  };
  if (opts.reuse && exists) {
    const kept = rowsOf<{ ws: string; ids: string[] | string }>(
      await db.execute(sql`select w.id as ws, coalesce(array_agg(a.id order by a.name), '{}') as ids
        from workspaces w left join platform_accounts a on a.workspace_id = w.id where w.slug = 'bench' group by w.id`),
    )[0];
    const ids = typeof kept?.ids === "string" ? kept.ids.replace(/[{}]/g, "").split(",").filter(Boolean) : (kept?.ids ?? []);
    if (kept && ids.length === opts.accounts) {
      // This run's platform, and credentials sealed with this run's key.
      for (const id of ids)
        await db.execute(sql`update platform_accounts set config = jsonb_set(config, '{api_base_url}', to_jsonb(${platform.url}::text)),
          credentials_encrypted = ${sealJson(appKeyring(), { secret: "bench" }, id)}, status = 'active', status_reason = null where id = ${id}`);
      return { db, url, workspaceId: kept.ws, accounts: ids, platform, statements, close };
    }
    await close();
    return openBenchDb({ ...opts, reuse: false });
  }
  const [ws] = rowsOf<{ id: string }>(await db.execute(sql`insert into workspaces (name, slug) values ('Bench', 'bench') returning id`));
  const accounts = Array.from({ length: opts.accounts }, () => crypto.randomUUID());
  for (let off = 0; off < accounts.length; off += 500) {
    const rows = accounts.slice(off, off + 500).map((id, i) => ({
      id,
      name: `webhook ${off + i}`,
      creds: sealJson(appKeyring(), { secret: "bench" }, id),
    }));
    await db.execute(sql`insert into platform_accounts (id, workspace_id, platform, name, config, credentials_encrypted, rate_limit)
      select (x->>'id')::uuid, ${ws!.id}, 'webhook', x->>'name', ${JSON.stringify({ api_base_url: platform.url })}::jsonb, x->>'creds',
        '{"capacity": 1000000, "per_seconds": 1}'::jsonb
      from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) x`);
  }
  return { db, url, workspaceId: ws!.id, accounts, platform, statements, close };
}

/** Drops a bench database (its ~10 GB of history with it). */
export async function dropBenchDb(name: string) {
  const { sql } = await import("drizzle-orm");
  const { openDatabase } = await import("../../db/client");
  const admin = await openDatabase({ databaseUrl: ADMIN_URL, max: 1 });
  await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
  await admin.close();
}

/** How many rows of seeded history (seedHistory) the bench database holds. */
export async function historyRows(b: BenchDb): Promise<number> {
  const { sql } = await import("drizzle-orm");
  const { rowsOf } = await import("../../db/client");
  return Number(rowsOf<{ n: number }>(await b.db.execute(sql`select count(*)::int as n from schedules where local_time = 'hist'`))[0]?.n ?? 0);
}

/**
 * `rows` schedules already published (history), spread over the accounts and the past year, in
 * set-based inserts of `chunk` rows (each content item carries one schedule).
 */
export async function seedHistory(b: BenchDb, rows: number, opts: { chunk?: number; onProgress?: (done: number) => void } = {}) {
  const { sql } = await import("drizzle-orm");
  const chunk = opts.chunk ?? 500_000;
  for (let off = 0; off < rows; off += chunk) {
    const n = Math.min(chunk, rows - off);
    await b.db.execute(sql`
      WITH c AS (
        INSERT INTO content_items (workspace_id, title, content, status, published_at)
        SELECT ${b.workspaceId}, 'History', 'history post ' || g, 'published', now() - (g % 525600) * interval '1 minute'
        FROM generate_series(${off + 1}::int, ${off + n}::int) g
        RETURNING id, published_at
      ), n AS (SELECT id, published_at, row_number() OVER () AS i FROM c)
      INSERT INTO schedules (workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, timezone,
        publish_status, published_at, platform_post_id, idempotency_key)
      SELECT ${b.workspaceId}, n.id, (${pgArray(b.accounts)}::uuid[])[1 + (n.i % ${b.accounts.length})], 'webhook', n.published_at, n.published_at, 'hist', 'UTC',
        'published', n.published_at, 'p' || n.i, n.id::text || ':v1'
      FROM n`);
    opts.onProgress?.(off + n);
  }
  await b.db.execute(sql`vacuum analyze schedules`);
  await b.db.execute(sql`vacuum analyze content_items`);
  // Write the seed's pages out now: a checkpoint still flushing gigabytes of them would stall the
  // run measured next (seen as a 1.4 s spread p99 right after seeding 9M rows, 19 ms p50).
  await b.db.execute(sql`checkpoint`).catch(() => undefined);
}

/**
 * `n` due posts from a start a few seconds ahead, spread evenly over `spreadMs`; the previous run's
 * due posts, attempts and events are removed first (history stays). The start is fixed after that
 * clean-up, with a second more per 10,000 posts for their insert: over 10M rows of history the
 * clean-up alone takes ~3 s, and a start already past when the rows land counted the first
 * seconds' posts as late (spread p99 ~1.4 s, all of it in the first two seconds). Returns the
 * start and schedule id → due ms.
 */
export async function seedDue(b: BenchDb, n: number, spreadMs: number): Promise<{ start: number; due: Map<string, number> }> {
  const { sql } = await import("drizzle-orm");
  const { rowsOf } = await import("../../db/client");
  const db = b.db;
  await db.execute(sql`truncate publish_attempts, publishing_events cascade`);
  await db.execute(sql`delete from schedules where local_time = 'bench-due'`);
  await db.execute(sql`delete from content_items where title = 'Bench'`);
  await db.execute(
    sql`update platform_accounts set bucket_tokens = null, bucket_updated_at = null, bucket2_tokens = null, bucket2_updated_at = null, paused_until = null`,
  );
  const start = Date.now() + 3000 + Math.ceil(n / 10_000) * 1000;
  const due = new Map<string, number>();
  const chunk = 50_000;
  for (let off = 0; off < n; off += chunk) {
    const m = Math.min(chunk, n - off);
    const result = await db.execute(sql`
      WITH c AS (
        INSERT INTO content_items (workspace_id, title, content, status)
        SELECT ${b.workspaceId}, 'Bench', 'bench post ' || g, 'scheduled' FROM generate_series(${off}::int, ${off + m - 1}::int) g
        RETURNING id, content
      ), n AS (SELECT id, substr(content, 12)::int AS i FROM c),
      t AS (SELECT id, i, uuid_v7() AS sid, to_timestamp((${start}::float8 + floor((i::float8 / ${n}) * ${spreadMs})) / 1000) AS at FROM n),
      s AS (
        INSERT INTO schedules (id, workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, timezone, idempotency_key)
        SELECT sid, ${b.workspaceId}, t.id, (${pgArray(b.accounts)}::uuid[])[1 + (t.i % ${b.accounts.length})], 'webhook', t.at, t.at, 'bench-due', 'UTC', sid::text || ':v1'
        FROM t
        RETURNING id, scheduled_time
      )
      SELECT id, (extract(epoch from scheduled_time) * 1000)::float8 AS at FROM s`);
    for (const r of rowsOf<{ id: string; at: number }>(result)) due.set(r.id, Math.round(Number(r.at)));
  }
  await db.execute(sql`analyze`);
  b.platform.clear();
  if (Date.now() > start) console.warn(`  seeding ended ${Date.now() - start} ms after the first post was due: its latency counts that`);
  return { start, due };
}
