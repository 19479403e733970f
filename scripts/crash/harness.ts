/**
 * The crash test (`npm run test:crash`, and a small run inside `npm test`): the real worker
 * (`scripts/worker.ts`) as a child process, killed with SIGKILL at seeded random moments of a
 * burst and restarted each time, publishing to two loopback fakes in this process — Mastodon,
 * which honours `Idempotency-Key`, and X, which has no idempotency (recovery reads the timeline).
 *
 * The engine is driven only through the worker process and the database: the burst goes in as
 * rows, the verdict comes from what the fakes hold at the end and the rows' final states.
 *
 * - delivered: schedules whose post exists on their platform (at least once);
 * - duplicates: posts beyond one per schedule, plus sends to X beyond the first for a schedule
 *   (X's duplicate-content rule refuses those, but they are second sends all the same);
 * - stuck: schedules that are not `published` when the run ends.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, rowsOf, type Database, type Db } from "../../db/client";
import { withDatabaseName } from "../../db/testing";
import type { Keyring } from "../../lib/crypto";
import { createMastodonFake } from "../../adapters/fakes/mastodon";
import { createXFake } from "../../adapters/fakes/x";
import { faults, type FakeRequest } from "../../adapters/fakes/server";
import { explainSecondSends, killMarks, prng, type CrashReport, type KillRecord, type XEvent } from "./report";
import { WorkerProcess } from "./worker-process";
import { insertBurst } from "./setup";
import { textOf, verdict } from "./verdict";

export { formatReport, type CrashReport } from "./report";

export interface CrashOptions {
  /** A Postgres URL with the right to create databases; a fresh database is made beside it. */
  adminUrl: string;
  /** Posts in the burst, half per platform. */
  posts: number;
  /** SIGKILLs during the burst; the worker is restarted after each. */
  kills: number;
  /** Seeds the kill moments. */
  seed: number;
  /** JOBS_LEASE_SECONDS of the worker (2 is the smallest the config allows). */
  leaseSeconds?: number;
  /** JOBS_INTERVAL_MS of the worker. */
  intervalMs?: number;
  concurrency?: number;
  perAccount?: number;
  /**
   * The X account's rate limit (posts per second; default: high enough never to wait). Slower
   * pacing keeps the timeline that recovery reads short, for a quicker small run.
   */
  xPostsPerSecond?: number;
  /** Delay the fakes add to every write, so kills find requests in flight. */
  fakeDelayMs?: number;
  /** Longest random wait between reaching a kill's delivery mark and the kill. */
  killJitterMs?: number;
  /** How long the last worker may take to settle every row before the rest counts as stuck. */
  settleTimeoutMs?: number;
  /** A worker that delivers nothing for this long gets no more kills (the run goes on to settle). */
  stallTimeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  signal?: AbortSignal;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class CrashInterrupted extends Error {
  constructor() {
    super("crash test interrupted");
    this.name = "CrashInterrupted";
  }
}

function aborted(signal: AbortSignal | undefined) {
  if (signal?.aborted) throw new CrashInterrupted();
}

// ---------------------------------------------------------------------------------------------
// The run

export async function runCrash(opts: CrashOptions): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const rand = prng(opts.seed);
  const marks = killMarks(rand, opts.posts, opts.kills);
  const jitters = marks.map(() => Math.floor(rand() * (opts.killJitterMs ?? 60)));
  const lease = opts.leaseSeconds ?? 2;
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, "scripts", "worker.ts"))) throw new Error(`run the crash test from the project folder (no scripts/worker.ts in ${root})`);

  const tag = `${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  const dbName = `crash_${tag}`;
  const dataDir = path.join(os.tmpdir(), `scheduler-crash-${tag}`);
  const encryptionKey = crypto.randomBytes(32);
  const keyring: Keyring = { current: encryptionKey, old: [] };
  const token = `crash-token-${crypto.randomBytes(8).toString("hex")}`;
  const mastodon = createMastodonFake({ token });
  const x = createXFake({ token });
  const workers = new Set<WorkerProcess>();
  const workerErrors: string[] = [];
  let database: Database | null = null;
  let created = false;

  const admin = async <T>(fn: (db: Db) => Promise<T>): Promise<T> => {
    const a = await openDatabase({ databaseUrl: opts.adminUrl, max: 1 });
    try {
      return await fn(a.db);
    } finally {
      await a.close();
    }
  };

  // Should this process end abruptly, its workers must not outlive it.
  const killAll = () => {
    for (const w of workers) {
      try {
        process.kill(-w.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
  };
  process.on("exit", killAll);

  try {
    await admin((db) => db.execute(sql.raw(`create database "${dbName}"`)));
    created = true;
    const url = withDatabaseName(opts.adminUrl, dbName);
    database = await openDatabase({ databaseUrl: url, max: 4 });
    await migrateDatabase(database);
    const db = database.db;

    // Every write waits a little before it is handled, so kills land while requests are in flight;
    // the fake handles a request whose client died all the same (the post exists, nobody knows).
    // The match sees each request as it arrives: X's timeline reads and sends are noted in order.
    const delay = opts.fakeDelayMs ?? 20;
    const xLog: XEvent[] = [];
    const writes = (req: FakeRequest) => req.method === "POST";
    const xWrites = (req: FakeRequest) => {
      if (req.method === "GET" && /^\/2\/users\/[^/]+\/tweets$/.test(req.path))
        xLog.push({ kind: "read", posts: x.tweets.length, max: Number(req.query.get("max_results") ?? 10) });
      if (req.method === "POST" && req.path === "/2/tweets") xLog.push({ kind: "send", posts: x.tweets.length, text: textOf(req) ?? "" });
      return writes(req);
    };
    await mastodon.start();
    await x.start();
    mastodon.inject(faults.slow(delay), { times: Number.POSITIVE_INFINITY, match: writes });
    x.inject(faults.slow(delay), { times: Number.POSITIVE_INFINITY, match: xWrites });
    const burst = await insertBurst(db, keyring, tag, opts.posts, {
      mastodon: mastodon.url,
      x: x.url,
      xUserId: x.userId,
      token,
      xPostsPerSecond: opts.xPostsPerSecond,
    });

    // Only what a shell needs from this process: nothing of a test runner's own settings leaks in.
    const inherited: Record<string, string> = {};
    for (const k of ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "LANG", "LC_ALL", "TZ", "SYSTEMROOT"]) {
      const v = process.env[k];
      if (v !== undefined) inherited[k] = v;
    }
    const env: NodeJS.ProcessEnv = {
      ...inherited,
      NODE_ENV: "production",
      DATABASE_URL: url,
      ENCRYPTION_KEY: encryptionKey.toString("base64"),
      NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
      DATA_DIR: dataDir,
      SEED_DEMO: "false",
      LOG_LEVEL: "warn",
      JOBS_DRIVER: "local",
      JOBS_LEASE_SECONDS: String(lease),
      JOBS_INTERVAL_MS: String(opts.intervalMs ?? 100),
      JOBS_CONCURRENCY: String(opts.concurrency ?? 16),
      JOBS_CONCURRENCY_PER_ACCOUNT: String(opts.perAccount ?? 4),
      PUBLISH_TIMEOUT_MS: "10000",
      // The burst is all due at once; a long run must not turn the tail into "missed" rows.
      MISSED_GRACE_SECONDS: "3600",
    };
    const start = () => {
      const w = new WorkerProcess(root, env, (line, stream) => {
        if (stream === "err" && line.trim() && workerErrors.length < 50) workerErrors.push(`[pid ${w.pid}] ${line.slice(0, 400)}`);
      });
      workers.add(w);
      void w.exited.then(() => workers.delete(w));
      return w;
    };
    // Running once its runner has a heartbeat row: the runner id names its leases and attempts.
    // (Started after the spawn: a pid can come back after many restarts.)
    const ready = async (w: WorkerProcess) => {
      const by = Date.now() + 60_000;
      for (;;) {
        aborted(opts.signal);
        if (!w.alive) throw new Error(`the worker (pid ${w.pid}) exited before it was running:\n${workerErrors.slice(-5).join("\n")}`);
        const [hb] = rowsOf<{ runner_id: string }>(
          await db.execute(
            sql`SELECT runner_id FROM runner_heartbeats WHERE pid = ${w.pid} AND started_at >= ${new Date(w.startedAt - 2000).toISOString()}::timestamptz LIMIT 1`,
          ),
        );
        if (hb) {
          w.runnerId = hb.runner_id;
          return;
        }
        if (Date.now() > by) throw new Error(`the worker (pid ${w.pid}) did not start within 60 s:\n${workerErrors.slice(-5).join("\n")}`);
        await sleep(20);
      }
    };

    // Live count of schedules delivered, straight from the fakes.
    const seen = new Set<string>();
    let mSeen = 0;
    let xSeen = 0;
    const deliveredNow = () => {
      for (; mSeen < mastodon.statuses.length; mSeen++) {
        const id = burst.byText.get(mastodon.statuses[mSeen]!.text);
        if (id) seen.add(id);
      }
      for (; xSeen < x.tweets.length; xSeen++) {
        const id = burst.byText.get(x.tweets[xSeen]!.text);
        if (id) seen.add(id);
      }
      return seen.size;
    };

    const t0 = Date.now();
    const secs = (ms: number) => (ms / 1000).toFixed(1);
    const kills: KillRecord[] = [];
    const stallMs = opts.stallTimeoutMs ?? 30_000;
    let stalledAt: number | null = null;
    log(
      `burst of ${opts.posts} posts inserted (${burst.byId.size - Math.floor(opts.posts / 2)} Mastodon with Idempotency-Key, ${Math.floor(opts.posts / 2)} X without); ` +
        `${opts.kills} kills, seed ${opts.seed}; lease ${lease} s, fakes delay writes ${delay} ms${opts.xPostsPerSecond ? `, X limited to ${opts.xPostsPerSecond} posts/s` : ""}`,
    );

    for (let k = 0; k < marks.length; k++) {
      aborted(opts.signal);
      const w = start();
      await ready(w);
      const base = deliveredNow();
      const mark = marks[k]!;
      let last = base;
      let lastProgress = Date.now();
      let stalled = false;
      // Until the burst reaches this kill's mark, and this worker has delivered something itself.
      for (;;) {
        aborted(opts.signal);
        const d = deliveredNow();
        if (d !== last) {
          last = d;
          lastProgress = Date.now();
        }
        if (d >= mark && (d > base || d >= opts.posts)) break;
        if (!w.alive) throw new Error(`the worker (pid ${w.pid}) exited on its own:\n${workerErrors.slice(-5).join("\n")}`);
        if (Date.now() - lastProgress > stallMs) {
          stalled = true;
          break;
        }
        await sleep(5);
      }
      if (stalled) {
        stalledAt = last;
        log(`the worker delivered nothing for ${secs(stallMs)} s at ${last} delivered; no more kills`);
        await w.kill();
        break;
      }
      await sleep(jitters[k]!);
      const upMs = Date.now() - w.startedAt;
      await w.kill();
      const atMs = Date.now() - t0;
      const [held] = rowsOf<{ rows: number; attempts: number }>(
        await db.execute(sql`SELECT
          (SELECT count(*)::int FROM schedules WHERE publish_status = 'publishing' AND lease_owner = ${w.runnerId}) AS rows,
          (SELECT count(*)::int FROM publish_attempts WHERE outcome = 'in_progress' AND runner_id = ${w.runnerId}) AS attempts`),
      );
      const rec: KillRecord = {
        n: k + 1,
        atMs,
        workerUpMs: upMs,
        deliveredSoFar: deliveredNow(),
        rowsInFlight: held?.rows ?? 0,
        attemptsOpen: held?.attempts ?? 0,
      };
      kills.push(rec);
      log(
        `kill ${rec.n}/${opts.kills} at ${secs(atMs)} s (worker up ${secs(upMs)} s), delivered so far ${rec.deliveredSoFar}, in flight ${rec.rowsInFlight} rows / ${rec.attemptsOpen} open attempts`,
      );
    }

    // The last worker finishes the burst, recovering whatever the kills left behind.
    const final = start();
    await ready(final);
    const settleBy = Date.now() + (opts.settleTimeoutMs ?? 180_000);
    let settled = false;
    let lastLog = Date.now();
    let lastOpen = -1;
    let diagnosis: string | null = null;
    while (Date.now() < settleBy) {
      aborted(opts.signal);
      const [r] = rowsOf<{ open: number }>(
        await db.execute(sql`SELECT count(*)::int AS open FROM schedules WHERE publish_status IN ('pending', 'publishing')`),
      );
      const open = r?.open ?? 0;
      if (open === 0) {
        settled = true;
        break;
      }
      if (!final.alive) throw new Error(`the last worker (pid ${final.pid}) exited on its own:\n${workerErrors.slice(-5).join("\n")}`);
      // A line when something moved, or every 30 s while nothing does.
      if ((open !== lastOpen && Date.now() - lastLog > 5000) || Date.now() - lastLog > 30_000) {
        lastLog = Date.now();
        lastOpen = open;
        log(`settling: ${open} rows pending or publishing, delivered so far ${deliveredNow()}`);
      }
      await sleep(100);
    }
    if (!settled) {
      // Alive but idle, or busy? What the database says about the last worker and the open rows.
      const [d] = rowsOf<{ due: number; later: number; publishing: number; beat: number | null }>(
        await db.execute(sql`SELECT
          (SELECT count(*)::int FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= now()) AS due,
          (SELECT count(*)::int FROM schedules WHERE publish_status = 'pending' AND scheduled_time > now()) AS later,
          (SELECT count(*)::int FROM schedules WHERE publish_status = 'publishing') AS publishing,
          (SELECT extract(epoch from now() - max(last_beat_at))::float8 FROM runner_heartbeats WHERE runner_id = ${final.runnerId}) AS beat`),
      );
      const beat = d?.beat === null || d?.beat === undefined ? "no heartbeat" : `heartbeat ${Number(d.beat).toFixed(1)} s old`;
      diagnosis = `last worker (pid ${final.pid}): ${beat}; ${d?.due ?? 0} rows pending and due, ${d?.later ?? 0} pending for later, ${d?.publishing ?? 0} publishing`;
    }
    log(
      settled
        ? `every row settled at ${secs(Date.now() - t0)} s`
        : `rows still pending or publishing after ${secs(opts.settleTimeoutMs ?? 180_000)} s: counted as stuck`,
    );
    await final.stop();
    const wallMs = Date.now() - t0;

    const { m, xc, foreign, wrongIds, stuckGroups, stuck, attempts, delivered, duplicates } = await verdict(db, burst, mastodon, x, opts.posts);
    return {
      ok: delivered === opts.posts && duplicates === 0 && stuck === 0 && wrongIds === 0 && foreign === 0 && kills.length === opts.kills,
      posts: opts.posts,
      plannedKills: opts.kills,
      seed: opts.seed,
      database: dbName,
      delivered,
      duplicates,
      stuck,
      wrongIds,
      foreign,
      mastodon: m,
      x: xc,
      xSecondSends: explainSecondSends(xLog, x.tweets),
      kills,
      attempts,
      takeovers: kills.reduce((n, k) => n + k.rowsInFlight, 0),
      stuckRows: [...stuckGroups.values()].sort((a, b) => b.count - a.count),
      settled,
      stalled: stalledAt !== null,
      diagnosis,
      wallMs,
      workerErrors,
    };
  } finally {
    await Promise.all([...workers].map((w) => w.kill()));
    process.off("exit", killAll);
    await Promise.all([mastodon.close(), x.close()]);
    await database?.close().catch(() => {});
    if (created) await admin((db) => db.execute(sql.raw(`drop database if exists "${dbName}" with (force)`))).catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
