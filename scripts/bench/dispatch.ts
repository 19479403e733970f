/**
 * `npm run bench:dispatch`: N schedules (default 10,000) published to a no-op platform on
 * loopback through a real Postgres, by our dispatcher and by graphile-worker doing the same
 * engine work per job. Prints due→adapter-call latency (p50/p99) with the N spread over one
 * minute, and burst throughput (all N due at once) for both, with the ratio.
 *
 * BENCH_DATABASE_URL (default: the local server) names the server; database `bench_dispatch` is
 * made anew. BENCH_N, BENCH_ACCOUNTS, BENCH_CONCURRENCY tune the run.
 */
import http from "node:http";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import type { AddressInfo } from "node:net";

const env = process.env as Record<string, string | undefined>;
env.NODE_ENV ??= "production";
env.LOG_LEVEL ??= "error";
process.env.DATA_DIR ??= path.join(os.tmpdir(), `bench-dispatch-${process.pid}`);
process.env.ENCRYPTION_KEY ??= crypto.randomBytes(32).toString("base64");
process.env.NEXTAUTH_SECRET ??= crypto.randomBytes(32).toString("base64url");

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const N = Number(process.env.BENCH_N ?? 10_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const POOL = 16;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** The no-op platform: answers every POST at once and notes when each key arrived. */
async function noopPlatform() {
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
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    arrivals,
    calls: () => calls,
    close: () => new Promise((r) => server.close(r)),
  };
}

async function main() {
  const { sql } = await import("drizzle-orm");
  const { migrateDatabase, openDatabase, rowsOf } = await import("../../db/client");
  const { withDatabaseName } = await import("../../db/testing");
  const { makeAccount } = await import("../test/publishing");
  const { Dispatcher } = await import("../../lib/publishing/dispatcher");
  const { configuredEngine } = await import("../../lib/publishing/deps");
  const { processClaim } = await import("../../lib/publishing/engine");
  const { claimOne } = await import("../../db/queries/publishing");

  const admin = await openDatabase({ databaseUrl: ADMIN_URL, max: 1 });
  await admin.db.execute(sql.raw(`drop database if exists bench_dispatch with (force)`));
  await admin.db.execute(sql.raw(`create database bench_dispatch`));
  await admin.close();
  const url = withDatabaseName(ADMIN_URL, "bench_dispatch");
  const database = await openDatabase({ databaseUrl: url, max: POOL });
  await migrateDatabase(database);
  const db = database.db;
  const platform = await noopPlatform();

  const [ws] = rowsOf<{ id: string }>(await db.execute(sql`insert into workspaces (name, slug) values ('Bench', 'bench') returning id`));
  const accounts: string[] = [];
  for (let i = 0; i < ACCOUNTS; i++) {
    accounts.push(
      await makeAccount(db, ws!.id, "webhook", {
        config: { api_base_url: platform.url },
        credentials: { secret: "bench" },
        rateLimit: { capacity: 1_000_000, per_seconds: 1 },
      }),
    );
  }

  /** N due posts: at `start`, spread evenly over `spreadMs`. Returns schedule id → due ms. */
  async function seed(start: number, spreadMs: number) {
    await db.execute(sql`truncate publish_attempts, publishing_events, schedules, content_items cascade`);
    await db.execute(sql`update platform_accounts set bucket_tokens = null, bucket_updated_at = null, paused_until = null`);
    const due = new Map<string, number>();
    for (let off = 0; off < N; off += 2000) {
      const n = Math.min(2000, N - off);
      const items = Array.from({ length: n }, (_, i) => ({ id: crypto.randomUUID(), sid: crypto.randomUUID(), i: off + i }));
      await db.execute(sql`insert into content_items (id, workspace_id, title, content, status)
        select (x->>'id')::uuid, ${ws!.id}, 'Bench', 'bench post ' || (x->>'i'), 'scheduled' from jsonb_array_elements(${JSON.stringify(items)}::jsonb) x`);
      const rows = items.map((it) => {
        const at = start + Math.floor((it.i / N) * spreadMs);
        due.set(it.sid, at);
        return { id: it.sid, c: it.id, a: accounts[it.i % ACCOUNTS], t: new Date(at).toISOString() };
      });
      await db.execute(sql`insert into schedules (id, workspace_id, content_item_id, platform_account_id, platform_id, scheduled_time, original_time, local_time, timezone, idempotency_key)
        select (x->>'id')::uuid, ${ws!.id}, (x->>'c')::uuid, (x->>'a')::uuid, 'webhook', (x->>'t')::timestamptz, (x->>'t')::timestamptz, 'x', 'UTC', (x->>'id') || ':v1'
        from jsonb_array_elements(${JSON.stringify(rows)}::jsonb) x`);
    }
    await db.execute(sql`analyze`);
    platform.arrivals.clear();
    return due;
  }

  async function waitAll(label: string) {
    const t0 = Date.now();
    let last = -1;
    while (platform.arrivals.size < N) {
      await new Promise((r) => setTimeout(r, 200));
      if (Date.now() - t0 > 10 * 60_000) throw new Error(`${label}: only ${platform.arrivals.size} of ${N} arrived`);
      if (platform.arrivals.size !== last && (Date.now() - t0) % 5000 < 200) process.stdout.write(`  ${label}: ${platform.arrivals.size}/${N}\n`);
      last = platform.arrivals.size;
    }
  }

  function report(label: string, due: Map<string, number>, startedAt: number) {
    const lat: number[] = [];
    let lastArrival = 0;
    for (const [id, at] of due) {
      const arrived = platform.arrivals.get(`${id}:v1`);
      if (arrived === undefined) continue;
      lat.push(arrived - at);
      lastArrival = Math.max(lastArrival, arrived);
    }
    const seconds = (lastArrival - startedAt) / 1000;
    return { label, n: lat.length, p50: pct(lat, 50), p99: pct(lat, 99), max: Math.max(...lat), throughput: lat.length / seconds, seconds };
  }

  async function runOurs(spreadMs: number, label: string) {
    const start = Date.now() + 3000;
    const due = await seed(start, spreadMs);
    const deps = configuredEngine(db, `bench-${label}`, { publishTimeoutMs: 10_000 });
    const dispatcher = new Dispatcher(db, deps, {
      concurrency: CONCURRENCY,
      perAccount: Math.max(2, Math.ceil(CONCURRENCY / ACCOUNTS) * 2),
      leaseSeconds: 60,
      missedGraceSeconds: 3600,
      missedWindowMinutes: 1440,
      intervalMs: 1000,
    });
    const timer = setInterval(() => void dispatcher.tick().catch((e) => console.error(e)), 1000);
    await waitAll(label);
    clearInterval(timer);
    await dispatcher.stop();
    return report(label, due, start);
  }

  async function runGraphile(spreadMs: number, label: string) {
    const { run, makeWorkerUtils } = await import("graphile-worker");
    const start = Date.now() + 3000;
    const due = await seed(start, spreadMs);
    const utils = await makeWorkerUtils({ connectionString: url });
    await utils.migrate();
    const deps = configuredEngine(db, `graphile-${label}`, { publishTimeoutMs: 10_000 });
    const ids = [...due.keys()];
    for (let off = 0; off < ids.length; off += 1000) {
      await utils.addJobs(ids.slice(off, off + 1000).map((id) => ({ identifier: "publish", payload: { id }, runAt: new Date(due.get(id)!) })));
    }
    const { Logger } = await import("graphile-worker");
    const runner = await run({
      connectionString: url,
      logger: new Logger(() => () => {}),
      concurrency: CONCURRENCY,
      noHandleSignals: true,
      pollInterval: 1000,
      taskList: {
        publish: async (payload) => {
          const claim = await claimOne(db, { runnerId: deps.runnerId, id: (payload as { id: string }).id, leaseSeconds: 60 });
          if (claim) await processClaim(db, deps, claim);
        },
      },
    });
    await waitAll(label);
    await runner.stop();
    await utils.release();
    return report(label, due, start);
  }

  const results = [];
  console.log(
    `bench:dispatch — ${N.toLocaleString("en")} posts, ${ACCOUNTS} accounts, concurrency ${CONCURRENCY}, Postgres pool ${POOL}, ${os.cpus().length} cores`,
  );
  if (process.env.BENCH_ONLY === "burst") {
    const r = await runOurs(0, "ours, burst");
    console.log(`${r.label}: ${r.throughput.toFixed(0)} publishes/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
    await platform.close();
    await database.close();
    return;
  }
  results.push(await runOurs(60_000, "ours, spread over 1 min"));
  results.push(await runOurs(0, "ours, burst"));
  results.push(await runGraphile(60_000, "graphile-worker, spread over 1 min"));
  results.push(await runGraphile(0, "graphile-worker, burst"));
  console.log("");
  for (const r of results) {
    console.log(
      `${r.label.padEnd(36)} n=${r.n}  due→call p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  throughput ${r.throughput.toFixed(0)} publishes/s (${r.seconds.toFixed(1)} s)`,
    );
  }
  const ours = results[1]!.throughput;
  const theirs = results[3]!.throughput;
  console.log(
    `\nburst throughput ratio ours / graphile-worker: ${(ours / theirs).toFixed(2)}× (target ≥ 2×); spread p99 ${results[0]!.p99} ms (target < 1000 ms)`,
  );
  console.log(`platform calls: ${platform.calls()} for ${4 * N} publishes (duplicates would show here)`);
  await platform.close();
  await database.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
