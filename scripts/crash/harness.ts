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
import { spawn, type ChildProcess } from "node:child_process";
import { sql } from "drizzle-orm";
import { migrateDatabase, openDatabase, rowsOf, type Database, type Db } from "../../db/client";
import { withDatabaseName } from "../../db/testing";
import { contentItems, platformAccounts, schedules } from "../../db/schema";
import { insertWorkspace } from "../../db/queries/workspaces";
import { sealJson, type Keyring } from "../../lib/crypto";
import { createMastodonFake } from "../../adapters/fakes/mastodon";
import { createXFake } from "../../adapters/fakes/x";
import { faults, type FakeRequest } from "../../adapters/fakes/server";

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
   * The X account's rate limit (posts per second; default: high enough never to wait). X's
   * recovery reads the newest 100 posts of the timeline, so a run that must not trip over that
   * window keeps fewer than 100 X posts between a lost answer and its recovery.
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

export interface KillRecord {
  n: number;
  /** Since the burst was inserted. */
  atMs: number;
  workerUpMs: number;
  deliveredSoFar: number;
  /** Rows the killed worker held in `publishing` (taken over later through lease expiry). */
  rowsInFlight: number;
  /** Its attempts still `in_progress`: requests that may or may not have reached the platform. */
  attemptsOpen: number;
}

export interface PlatformCount {
  schedules: number;
  /** Schedules with their post on the platform. */
  delivered: number;
  /** Posts created on the platform (all, including any duplicates). */
  posts: number;
  /** Posts beyond one per schedule. */
  duplicatePosts: number;
  /** Create requests that reached the fake. */
  sends: number;
}

export interface CrashReport {
  ok: boolean;
  posts: number;
  plannedKills: number;
  seed: number;
  database: string;
  delivered: number;
  duplicates: number;
  stuck: number;
  /** Published rows whose platform_post_id is not the id of their post on the platform. */
  wrongIds: number;
  /** Posts on the fakes that belong to no schedule of the burst. */
  foreign: number;
  mastodon: PlatformCount & { replayedByKey: number };
  x: PlatformCount & { refusedDuplicates: number };
  /** Per second send to X: how deep its post was in the nearest timeline read before it, and how many that read asked for. */
  xSecondSends: { depth: number | null; read: number | null }[];
  kills: KillRecord[];
  attempts: Record<string, number>;
  /** Rows recovered after a dead lease: rows in flight at the kills. */
  takeovers: number;
  stuckRows: { status: string; platform: string; error: string | null; count: number }[];
  settled: boolean;
  /** A worker delivered nothing for stallTimeoutMs, so fewer kills than asked happened. */
  stalled: boolean;
  /** When rows did not settle: the last worker's heartbeat and where the open rows stand. */
  diagnosis: string | null;
  wallMs: number;
  workerErrors: string[];
}

/** What reached the X fake, in arrival order, with how many posts it held at that moment. */
type XEvent = { kind: "read"; posts: number; max: number } | { kind: "send"; posts: number; text: string };

/**
 * For every send to X beyond the first for a schedule: the timeline read just before it, and how
 * deep in that timeline (1 = newest) the schedule's post already was. Shows why recovery did
 * not find it. Reads and sends of concurrent recoveries interleave, so the read is the nearest one.
 */
export function explainSecondSends(events: XEvent[], tweets: { text: string }[]): { depth: number | null; read: number | null }[] {
  const sent = new Map<string, number>();
  const out: { depth: number | null; read: number | null }[] = [];
  let lastRead: Extract<XEvent, { kind: "read" }> | null = null;
  for (const e of events) {
    if (e.kind === "read") {
      lastRead = e;
      continue;
    }
    const n = (sent.get(e.text) ?? 0) + 1;
    sent.set(e.text, n);
    if (n < 2) continue;
    const index = tweets.findIndex((t) => t.text === e.text);
    const depth = lastRead && index >= 0 && index < lastRead.posts ? lastRead.posts - index : null;
    out.push({ depth, read: lastRead?.max ?? null });
  }
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** mulberry32: a small seeded PRNG, so a seed replays the same kill marks and delays. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which deliveries (counted on the fakes) trigger the kills: sorted, within the burst. */
export function killMarks(rand: () => number, posts: number, kills: number): number[] {
  return Array.from({ length: kills }, () => Math.max(1, Math.floor((0.02 + 0.88 * rand()) * posts))).sort((a, b) => a - b);
}

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
// The worker child

/** One `scripts/worker.ts` process in a process group of its own (tsx's esbuild helper included). */
class WorkerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly startedAt = Date.now();
  readonly exited: Promise<void>;
  alive = true;
  /** Its runner's id, from its heartbeat row once it runs (leases and attempts carry it). */
  runnerId: string | null = null;

  constructor(root: string, env: NodeJS.ProcessEnv, onLine: (line: string, stream: "out" | "err") => void) {
    this.child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", "worker.ts")], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    if (this.child.pid === undefined) throw new Error("could not start the worker");
    this.pid = this.child.pid;
    this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    void this.exited.then(() => (this.alive = false));
    const split = (stream: "out" | "err") => {
      let rest = "";
      return (chunk: Buffer) => {
        rest += chunk.toString("utf8");
        const lines = rest.split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) onLine(line, stream);
      };
    };
    this.child.stdout?.on("data", split("out"));
    this.child.stderr?.on("data", split("err"));
  }

  /** kill -9 of the whole group; resolves once the worker is gone. */
  async kill(): Promise<void> {
    if (this.alive) {
      try {
        process.kill(-this.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await this.exited;
  }

  /** SIGTERM (the worker's own clean stop), SIGKILL if it takes longer than `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.alive) return;
    try {
      process.kill(this.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
    const timer = setTimeout(() => void this.kill(), graceMs);
    await this.exited;
    clearTimeout(timer);
    // Whatever else the group held (esbuild's service) goes with it.
    try {
      process.kill(-this.pid, "SIGKILL");
    } catch {
      /* none left */
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Setup

interface Burst {
  workspaceId: string;
  /** schedule id → its unique text and platform. */
  byId: Map<string, { text: string; platform: "mastodon" | "x" }>;
  /** text → schedule id. */
  byText: Map<string, string>;
}

async function insertBurst(
  db: Db,
  keyring: Keyring,
  tag: string,
  posts: number,
  fakes: { mastodon: string; x: string; xUserId: string; token: string; xPostsPerSecond?: number },
): Promise<Burst> {
  const ws = await insertWorkspace(db, { name: `Crash ${tag}` });
  const rateLimit = { capacity: 1_000_000, per_seconds: 1 };
  const xRate = fakes.xPostsPerSecond ? { capacity: fakes.xPostsPerSecond, per_seconds: 1 } : rateLimit;
  const accounts = {
    mastodon: crypto.randomUUID(),
    x: crypto.randomUUID(),
  };
  await db.insert(platformAccounts).values([
    {
      id: accounts.mastodon,
      workspaceId: ws.id,
      platform: "mastodon",
      name: "Crash Mastodon",
      config: { api_base_url: fakes.mastodon, max_characters: 500 },
      credentialsEncrypted: sealJson(keyring, { access_token: fakes.token }, accounts.mastodon),
      rateLimit,
    },
    {
      id: accounts.x,
      workspaceId: ws.id,
      platform: "x",
      name: "Crash X",
      config: { api_base_url: fakes.x, user_id: fakes.xUserId, username: "crashtest" },
      credentialsEncrypted: sealJson(keyring, { access_token: fakes.token }, accounts.x),
      rateLimit: xRate,
    },
  ]);
  const byId: Burst["byId"] = new Map();
  const byText: Burst["byText"] = new Map();
  const due = new Date(Date.now() - 1000);
  const CHUNK = 1000;
  for (let start = 0; start < posts; start += CHUNK) {
    const items: (typeof contentItems.$inferInsert)[] = [];
    const rows: (typeof schedules.$inferInsert)[] = [];
    for (let i = start; i < Math.min(posts, start + CHUNK); i++) {
      const platform = i % 2 === 0 ? "mastodon" : "x";
      const itemId = crypto.randomUUID();
      const id = crypto.randomUUID();
      // Unique per schedule: a post seen twice on a platform is a duplicate of exactly one schedule.
      const text = `Crash test ${tag} post ${i + 1} of ${posts} (${platform}) ${id.slice(0, 8)}`;
      items.push({ id: itemId, workspaceId: ws.id, title: `Crash ${i + 1}`, content: text, contentType: "post", status: "scheduled" });
      rows.push({
        id,
        workspaceId: ws.id,
        contentItemId: itemId,
        platformAccountId: accounts[platform],
        platformId: platform,
        scheduledTime: due,
        originalTime: due,
        localTime: due.toISOString().slice(0, 16),
        timezone: "UTC",
        idempotencyKey: `${id}:v1`,
        maxRetries: 3,
      });
      byId.set(id, { text, platform });
      byText.set(text, id);
    }
    await db.insert(contentItems).values(items);
    await db.insert(schedules).values(rows);
  }
  return { workspaceId: ws.id, byId, byText };
}

// ---------------------------------------------------------------------------------------------
// Counting

const textOf = (req: FakeRequest): string | null => {
  const b = req.body as { text?: unknown; status?: unknown } | null;
  const t = b && typeof b === "object" ? (b.text ?? b.status) : null;
  return typeof t === "string" ? t : null;
};

function tally<T>(items: Iterable<T>, keyOf: (t: T) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) {
    const k = keyOf(it);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
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
      if (req.method === "GET" && /^\/2\/users\/[^/]+\/tweets$/.test(req.path)) xLog.push({ kind: "read", posts: x.tweets.length, max: Number(req.query.get("max_results") ?? 10) });
      if (req.method === "POST" && req.path === "/2/tweets") xLog.push({ kind: "send", posts: x.tweets.length, text: textOf(req) ?? "" });
      return writes(req);
    };
    await mastodon.start();
    await x.start();
    mastodon.inject(faults.slow(delay), { times: Number.POSITIVE_INFINITY, match: writes });
    x.inject(faults.slow(delay), { times: Number.POSITIVE_INFINITY, match: xWrites });
    const burst = await insertBurst(db, keyring, tag, opts.posts, { mastodon: mastodon.url, x: x.url, xUserId: x.userId, token, xPostsPerSecond: opts.xPostsPerSecond });

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
          await db.execute(sql`SELECT runner_id FROM runner_heartbeats WHERE pid = ${w.pid} AND started_at >= ${new Date(w.startedAt - 2000).toISOString()}::timestamptz LIMIT 1`),
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
      const rec: KillRecord = { n: k + 1, atMs, workerUpMs: upMs, deliveredSoFar: deliveredNow(), rowsInFlight: held?.rows ?? 0, attemptsOpen: held?.attempts ?? 0 };
      kills.push(rec);
      log(`kill ${rec.n}/${opts.kills} at ${secs(atMs)} s (worker up ${secs(upMs)} s), delivered so far ${rec.deliveredSoFar}, in flight ${rec.rowsInFlight} rows / ${rec.attemptsOpen} open attempts`);
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
      const [r] = rowsOf<{ open: number }>(await db.execute(sql`SELECT count(*)::int AS open FROM schedules WHERE publish_status IN ('pending', 'publishing')`));
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
    log(settled ? `every row settled at ${secs(Date.now() - t0)} s` : `rows still pending or publishing after ${secs(opts.settleTimeoutMs ?? 180_000)} s: counted as stuck`);
    await final.stop();
    const wallMs = Date.now() - t0;

    // ----- the verdict
    const rows = rowsOf<{ id: string; status: string; platform: string; post_id: string | null; error: string | null }>(
      await db.execute(sql`SELECT id, publish_status::text AS status, platform_id AS platform, platform_post_id AS post_id, error_message AS error FROM schedules WHERE workspace_id = ${burst.workspaceId}`),
    );
    const mByText = new Map<string, string[]>();
    for (const s of mastodon.statuses) mByText.set(s.text, [...(mByText.get(s.text) ?? []), s.id]);
    const xByText = new Map<string, string[]>();
    for (const t of x.tweets) xByText.set(t.text, [...(xByText.get(t.text) ?? []), t.id]);
    const xSends = tally(x.requests.filter((r) => r.method === "POST" && r.path === "/2/tweets"), textOf);
    const mSends = mastodon.requests.filter((r) => r.method === "POST" && r.path === "/api/v1/statuses").length;

    const count = (platform: "mastodon" | "x", byText: Map<string, string[]>, totalPosts: number, sends: number): PlatformCount => {
      const mine = [...burst.byId.values()].filter((b) => b.platform === platform);
      const delivered = mine.filter((b) => (byText.get(b.text)?.length ?? 0) > 0).length;
      const duplicatePosts = mine.reduce((n, b) => n + Math.max(0, (byText.get(b.text)?.length ?? 0) - 1), 0);
      return { schedules: mine.length, delivered, posts: totalPosts, duplicatePosts, sends };
    };
    const m = { ...count("mastodon", mByText, mastodon.statuses.length, mSends), replayedByKey: 0 };
    m.replayedByKey = m.sends - m.posts;
    const xc = { ...count("x", xByText, x.tweets.length, [...xSends.values()].reduce((a, b) => a + b, 0)), refusedDuplicates: 0 };
    // Every send to X beyond the first for a text is a second send: created (a duplicate post) or refused.
    const xExtraSends = [...burst.byId.values()].filter((b) => b.platform === "x").reduce((n, b) => n + Math.max(0, (xSends.get(b.text) ?? 0) - 1), 0);
    xc.refusedDuplicates = Math.max(0, xExtraSends - xc.duplicatePosts);
    const foreign = [...mByText.keys(), ...xByText.keys()].filter((t) => !burst.byText.has(t)).length;

    let wrongIds = 0;
    const stuckGroups = new Map<string, { status: string; platform: string; error: string | null; count: number }>();
    for (const r of rows) {
      const b = burst.byId.get(r.id);
      if (r.status === "published") {
        const ids = (b?.platform === "mastodon" ? mByText : xByText).get(b?.text ?? "") ?? [];
        if (!r.post_id || !ids.includes(r.post_id)) wrongIds++;
        continue;
      }
      const key = `${r.status}|${r.platform}|${r.error ?? ""}`;
      const g = stuckGroups.get(key) ?? { status: r.status, platform: r.platform, error: r.error, count: 0 };
      g.count++;
      stuckGroups.set(key, g);
    }
    const stuck = rows.length - rows.filter((r) => r.status === "published").length + (opts.posts - rows.length);
    const attempts = Object.fromEntries(
      rowsOf<{ outcome: string; n: number }>(await db.execute(sql`SELECT outcome::text AS outcome, count(*)::int AS n FROM publish_attempts GROUP BY 1 ORDER BY 2 DESC`)).map((r) => [r.outcome, r.n]),
    );
    const delivered = m.delivered + xc.delivered;
    const duplicates = m.duplicatePosts + xc.duplicatePosts + xc.refusedDuplicates;
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

/** The report as printed by `npm run test:crash`; the last line is the verdict. */
export function formatReport(r: CrashReport): string[] {
  const lines: string[] = [];
  const k = r.kills;
  if (r.stalled) lines.push(`a worker stopped delivering before kill ${k.length + 1}/${r.plannedKills}: only ${k.length} kills happened`);
  lines.push(
    `kills: ${k.length}/${r.plannedKills}; rows in flight at the kills (lease takeovers): ${r.takeovers}; attempts open at the kills: ${k.reduce((n, x) => n + x.attemptsOpen, 0)}`,
  );
  const a = r.attempts;
  lines.push(
    `attempts: ${Object.entries(a)
      .map(([o, n]) => `${o} ${n}`)
      .join(", ")} (recovered: unknown_outcome ${a.unknown_outcome ?? 0}, found_existing ${a.found_existing ?? 0})`,
  );
  lines.push(
    `mastodon (Idempotency-Key): ${r.mastodon.delivered}/${r.mastodon.schedules} delivered, ${r.mastodon.posts} statuses from ${r.mastodon.sends} create calls ` +
      `(${r.mastodon.replayedByKey} answered from the key), ${r.mastodon.duplicatePosts} duplicate statuses`,
  );
  lines.push(
    `x (no idempotency): ${r.x.delivered}/${r.x.schedules} delivered, ${r.x.posts} posts from ${r.x.sends} create calls, ` +
      `${r.x.duplicatePosts} duplicate posts, ${r.x.refusedDuplicates} second sends refused as duplicate content`,
  );
  if (r.xSecondSends.length) {
    const seen = r.xSecondSends.map((d) => (d.depth === null ? "not there yet" : `${d.depth}${d.read !== null && d.depth > d.read ? ` (> ${d.read} read)` : ""}`));
    lines.push(`x second sends: the nearest timeline read before each had their post at depth ${seen.slice(0, 20).join(", ")}${seen.length > 20 ? " …" : ""} (1 = newest)`);
  }
  if (r.wrongIds) lines.push(`published rows whose platform_post_id is not their post: ${r.wrongIds}`);
  if (r.foreign) lines.push(`posts on the fakes that belong to no schedule: ${r.foreign}`);
  if (r.diagnosis) lines.push(r.diagnosis);
  for (const s of r.stuckRows.slice(0, 10)) lines.push(`stuck: ${s.count} × ${s.status} on ${s.platform}${s.error ? `: ${s.error.slice(0, 200)}` : ""}`);
  if (r.workerErrors.length) {
    lines.push(`worker warnings/errors (${r.workerErrors.length}${r.workerErrors.length >= 50 ? "+" : ""}), first ones:`);
    for (const e of r.workerErrors.slice(0, 5)) lines.push(`  ${e}`);
  }
  lines.push(`wall time: ${(r.wallMs / 1000).toFixed(1)} s${r.settled ? "" : " (did not settle)"}; seed ${r.seed}`);
  lines.push(`delivered / duplicates / stuck: ${r.delivered} / ${r.duplicates} / ${r.stuck}`);
  return lines;
}
