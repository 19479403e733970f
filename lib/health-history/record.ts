/**
 * Records the health checks once a minute (the "record-health" job, on every runner; the first
 * runner to write a minute wins) and forgets them after HEALTH_HISTORY_DAYS.
 *
 * What is recorded is what the Health page and /api/health show (lib/health.ts):
 * - instance-wide, with no workspace: the database (round-trip time), the job runners (live
 *   heartbeats in the last 30 s, from any process), the publishing queue (posts due and not
 *   claimed, how long the oldest has waited, posts being published);
 * - per workspace: each platform it has accounts on (or published to in the last day), from
 *   that workspace's attempts and accounts — another workspace's failures are not its business.
 * A minute in which the database or every runner was down has no row: the timeline shows a gap.
 */
import type { Db } from "@/db/client";
import { liveRunnerCount } from "@/db/queries/alert-measures";
import { pingDatabase } from "@/db/queries/database";
import {
  insertSamples,
  instanceQueue,
  platformHealth,
  pruneSamples,
  type HealthStatus,
  type PlatformHealthRow,
  type SampleInsert,
} from "@/db/queries/health-history";

/** Thresholds of each check's verdict, documented on the Health page. */
export const HEALTH_THRESHOLDS = {
  /** A database answering slower than this is "warn". */
  dbWarnMs: 1000,
  /** The oldest due post waiting longer than this is "warn", then "fail". */
  queueWarnSeconds: 120,
  queueFailSeconds: 600,
  /** Live runner: a heartbeat within this many seconds (as the Health page counts them). */
  runnerStaleSeconds: 30,
  /** A platform's verdict looks at the attempts of the last this many minutes. */
  platformWindowMinutes: 15,
} as const;

export const CHECK_ORDER = ["database", "runner", "queue", "platform"] as const;
export type CheckName = (typeof CHECK_ORDER)[number];

/** The minute a sample belongs to. */
export const minuteOf = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);

export function queueStatus(oldestSeconds: number): HealthStatus {
  if (oldestSeconds > HEALTH_THRESHOLDS.queueFailSeconds) return "fail";
  return oldestSeconds > HEALTH_THRESHOLDS.queueWarnSeconds ? "warn" : "ok";
}

/**
 * fail: every attempt of the recent window failed; warn: some failed, or an account on the
 * platform needs reconnecting (or is in error); ok otherwise, including when nothing was sent.
 */
export function platformStatus(p: Pick<PlatformHealthRow, "recentFailures" | "recentSuccesses" | "accountsInTrouble">): HealthStatus {
  if (p.recentFailures > 0 && p.recentSuccesses === 0) return "fail";
  return p.recentFailures > 0 || p.accountsInTrouble > 0 ? "warn" : "ok";
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The checks as of `now`, as rows for the minute `now` falls in. */
export async function measureHealth(db: Db, now: Date): Promise<SampleInsert[]> {
  const at = minuteOf(now);
  const started = performance.now();
  await pingDatabase(db);
  const latency = Math.round(performance.now() - started);
  const [runners, queue, platforms] = [
    await liveRunnerCount(db, HEALTH_THRESHOLDS.runnerStaleSeconds, now),
    await instanceQueue(db, now),
    await platformHealth(db, now, HEALTH_THRESHOLDS.platformWindowMinutes),
  ];
  const rows: SampleInsert[] = [
    {
      at,
      workspaceId: null,
      check: "database",
      subject: "",
      status: latency > HEALTH_THRESHOLDS.dbWarnMs ? "warn" : "ok",
      value: latency,
      details: { latency_ms: latency },
    },
    { at, workspaceId: null, check: "runner", subject: "", status: runners > 0 ? "ok" : "fail", value: runners, details: { live: runners } },
    {
      at,
      workspaceId: null,
      check: "queue",
      subject: "",
      status: queueStatus(queue.oldestSeconds),
      value: queue.oldestSeconds,
      details: { due: queue.due, oldest_due_seconds: queue.oldestSeconds, publishing: queue.publishing },
    },
  ];
  for (const p of platforms) {
    rows.push({
      at,
      workspaceId: p.workspaceId,
      check: "platform",
      subject: p.platform,
      status: platformStatus(p),
      value: p.recentFailures,
      details: {
        last_success_at: iso(p.lastSuccessAt),
        last_failure_at: iso(p.lastFailureAt),
        recent_successes: p.recentSuccesses,
        recent_failures: p.recentFailures,
        accounts: p.accounts,
        accounts_in_trouble: p.accountsInTrouble,
      },
    });
  }
  return rows;
}

/** One pass of the job: this minute's samples, and the ones past the retention pruned. Returns rows written. */
export async function recordHealth(db: Db, now: Date, retentionDays: number): Promise<number> {
  const written = await insertSamples(db, await measureHealth(db, now));
  await pruneSamples(db, new Date(now.getTime() - retentionDays * 86_400_000));
  return written;
}
