import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "@/db/client";
import pkg from "@/package.json";

/** What a job runner reports of itself (jobs/runner/local.ts). */
export interface RunnerStatus {
  driver: "local" | "trigger" | "off";
  runnerId: string | null;
  state: "running" | "stopped" | "off";
  startedAt: string | null;
  lastBeatAt: string | null;
  ticks: number;
}

export interface Health {
  status: "ok" | "error";
  db: { ok: boolean; driver: "pglite" | "postgres"; latency_ms?: number; error?: string };
  runner: { driver: string; state: string; runner_id: string | null; started_at: string | null; last_beat_at: string | null; lag_ms: number | null };
  /** Posts due and not yet claimed, and how long the oldest has waited. */
  queue?: { due: number; oldest_due_seconds: number; publishing: number };
  version: string;
  failing?: string[];
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

/** The innermost cause's message: drizzle wraps driver errors in "Failed query: …". */
function rootMessage(err: unknown): string {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  return e instanceof Error ? e.message : "unreachable";
}

/** What /api/health answers: the database round trip, the runner's heartbeat, the version. */
export async function checkHealth(open: () => Promise<Database>, driver: "pglite" | "postgres", runner: RunnerStatus): Promise<Health> {
  const failing: string[] = [];
  let db: Health["db"];
  let queue: Health["queue"];
  try {
    const started = Date.now();
    const database = await withTimeout(open(), 10_000, "database");
    await withTimeout(database.db.execute(sql`select 1`), 3_000, "database");
    db = { ok: true, driver: database.driver, latency_ms: Date.now() - started };
    const [q] = rowsOf<{ due: number; oldest: number | null; publishing: number }>(
      await withTimeout(
        database.db.execute(sql`SELECT
          (SELECT count(*)::int FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= now()) AS due,
          (SELECT extract(epoch from now() - min(scheduled_time))::float8 FROM schedules WHERE publish_status = 'pending' AND scheduled_time <= now()) AS oldest,
          (SELECT count(*)::int FROM schedules WHERE publish_status = 'publishing') AS publishing`),
        3_000,
        "database",
      ),
    );
    queue = { due: Number(q?.due ?? 0), oldest_due_seconds: Math.max(0, Math.round(Number(q?.oldest ?? 0))), publishing: Number(q?.publishing ?? 0) };
  } catch (err) {
    db = { ok: false, driver, error: rootMessage(err) };
    failing.push("db");
  }
  const lag = runner.lastBeatAt ? Date.now() - Date.parse(runner.lastBeatAt) : null;
  if (runner.state === "running" && runner.driver === "local" && lag !== null && lag > 30_000) failing.push("runner");
  return {
    status: failing.length ? "error" : "ok",
    db,
    runner: {
      driver: runner.driver,
      state: runner.state,
      runner_id: runner.runnerId,
      started_at: runner.startedAt,
      last_beat_at: runner.lastBeatAt,
      lag_ms: lag,
    },
    ...(queue ? { queue } : {}),
    version: pkg.version,
    ...(failing.length ? { failing } : {}),
  };
}

/**
 * What anyone may see without signing in: the failing part and a category, never the driver's
 * message (host names, user names) or the runner's host and process id.
 */
export function publicHealth(h: Health): Health {
  const category = !h.db.error
    ? undefined
    : /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|connect/i.test(h.db.error)
      ? "connection refused"
      : /did not answer|timeout|timed out/i.test(h.db.error)
        ? "timed out"
        : "query failed";
  return {
    ...h,
    db: {
      ok: h.db.ok,
      driver: h.db.driver,
      ...(h.db.latency_ms !== undefined ? { latency_ms: h.db.latency_ms } : {}),
      ...(category ? { error: category } : {}),
    },
    runner: { ...h.runner, runner_id: null },
  };
}
