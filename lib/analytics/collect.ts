/**
 * `collect-analytics`: engagement of published posts at +1 h, +24 h and +7 d. A plain handler;
 * the embedded runner and the Trigger.dev schedule only decide when to call it
 * (docs/architecture.md, Jobs).
 *
 * One call:
 * 1. Claims up to `limit` schedules with a due checkpoint, oldest due first, at most
 *    `perAccount` per account (db/queries/analytics.ts: a lease in `metadata.analytics_claim`,
 *    taken with FOR UPDATE SKIP LOCKED, so concurrent runners never measure the same checkpoint).
 * 2. Per account, in order: builds the adapter context once and calls `fetchMetrics` for each
 *    row. Accounts run side by side (`concurrency`), rows of one account one after the other.
 * 3. Success: one content_analytics row per measurement, every due checkpoint of the row marked
 *    with it (a late run measures once and marks all it covers), and, when the measurement
 *    covers "24h", the post's observation for the best-time model (engagement_observations) —
 *    all in one transaction with the mark.
 * 4. Errors (adapters/errors.ts), never thrown out of the handler:
 *    - rate_limited → the account is done for this round; its rows stay due.
 *    - auth → the account's rows are skipped this round (not flagged: publishing decides that).
 *    - permanent (post deleted …) → the due checkpoints are closed with an error note.
 *    - retryable / unknown_outcome / anything else → that row stays due.
 *    Claims not recorded are handed back before returning.
 */
import crypto from "node:crypto";
import type { PlatformAdapter } from "@/adapters/adapter";
import { isAdapterError } from "@/adapters/errors";
import type { AdapterLookup } from "@/adapters/runtime";
import type { PlatformId } from "@/adapters/types";
import type { Db } from "@/db/client";
import { claimDueMeasurements, loadClaimedMeasurements, recordMeasurement, releaseMeasurementClaims, type ClaimedMeasurement } from "@/db/queries/analytics";
import { clicksOfSchedule } from "@/db/queries/links";
import { log } from "../log";
import { accountContext, type ContextDeps } from "../publishing/context";
import {
  BEST_TIME_CHECKPOINT,
  CHECKPOINTS,
  MEASURE_HORIZON_MS,
  checkpointEntries,
  doneCheckpoints,
  dueCheckpoints,
  engagementRate,
  observedRate,
  normalizeMetrics,
  publishSlot,
  toCount,
  type CheckpointLabel,
} from "./measurements";

/** What the handler needs; the engine's deps (`configuredEngine`) fit as they are. */
export interface CollectDeps extends ContextDeps {
  adapters: AdapterLookup;
  /** Shown in claims and logs; optional. */
  runnerId?: string;
}

export interface CollectOptions {
  /** The clock (tests simulate time with it). */
  now?: Date;
  /** Schedules claimed per call (default 200). */
  limit?: number;
  /** At most this many rows of one account per call (default 50). */
  perAccount?: number;
  /** Accounts measured side by side (default 4). */
  concurrency?: number;
  /** How long a claim keeps other runners off a row (default 10 min); only a crash ever waits for it. */
  leaseMs?: number;
}

export interface CollectResult {
  /** Schedules claimed with a due checkpoint. */
  checked: number;
  /** Measurements stored (one content_analytics row each). */
  collected: number;
  /** Platform calls that failed (rate limit, auth, deleted post, 5xx …) and rows that broke otherwise. */
  failed: number;
  /** Claimed rows not measured this round: their account was rate limited, refused or unusable, or another runner took the row over. */
  skipped: number;
}

export const DEFAULT_LIMIT = 200;
export const DEFAULT_PER_ACCOUNT = 50;
const DEFAULT_CONCURRENCY = 4;
const DEFAULT_LEASE_MS = 10 * 60_000;
const ERROR_NOTE_CHARS = 500;

const positive = (v: number | undefined, fallback: number) => (v !== undefined && Number.isFinite(v) && v >= 1 ? Math.floor(v) : fallback);
const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, ERROR_NOTE_CHARS);

type RowOutcome = "collected" | "closed" | "left" | "lost";

/** One call's shared state. */
interface Run {
  db: Db;
  deps: CollectDeps;
  token: string;
  /** The moment checkpoints are judged at (the claim's). */
  now: Date;
  /** When a reading is taken: `opts.now` when given, else the real time after the platform answered. */
  clock: () => Date;
  result: CollectResult;
}

export async function collectAnalytics(db: Db, deps: CollectDeps, opts: CollectOptions = {}): Promise<CollectResult> {
  const now = opts.now ?? new Date();
  const token = `${deps.runnerId ?? "analytics"}:${crypto.randomUUID()}`;
  const result: CollectResult = { checked: 0, collected: 0, failed: 0, skipped: 0 };
  const run: Run = { db, deps, token, now, clock: () => opts.now ?? new Date(), result };

  const ids = await claimDueMeasurements(db, {
    token,
    now,
    leaseUntil: new Date(now.getTime() + positive(opts.leaseMs, DEFAULT_LEASE_MS)),
    limit: positive(opts.limit, DEFAULT_LIMIT),
    perAccount: positive(opts.perAccount, DEFAULT_PER_ACCOUNT),
    checkpoints: CHECKPOINTS,
    publishedAfter: new Date(now.getTime() - MEASURE_HORIZON_MS),
  });
  result.checked = ids.length;
  if (!ids.length) return result;

  try {
    const rows = await loadClaimedMeasurements(db, ids);
    const byAccount = new Map<string, ClaimedMeasurement[]>();
    for (const row of rows) {
      const list = byAccount.get(row.platformAccountId);
      if (list) list.push(row);
      else byAccount.set(row.platformAccountId, [row]);
    }
    // A claimed id that vanished (deleted meanwhile) is neither measured nor failed.
    result.skipped += ids.length - rows.length;
    const groups = [...byAccount.values()];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const group = groups[next++] as ClaimedMeasurement[];
        await measureAccount(run, group);
      }
    };
    await Promise.all(Array.from({ length: Math.min(positive(opts.concurrency, DEFAULT_CONCURRENCY), groups.length) }, worker));
  } finally {
    // Whatever was not recorded goes back (guarded by the token: recorded rows no longer carry it).
    await releaseMeasurementClaims(db, token, ids).catch((err: unknown) => log.warn("analytics: could not hand claims back", { error: err }));
  }
  return result;
}

/** One account's claimed rows, in order, until the platform says stop. */
async function measureAccount(run: Run, rows: ClaimedMeasurement[]) {
  const { db, deps, result } = run;
  const first = rows[0];
  if (!first) return;
  const account = first.account;
  const adapter = deps.adapters(account.platform as PlatformId);
  if (!adapter) {
    log.warn("analytics: no adapter for the account's platform", { account_id: account.id, platform: account.platform });
    result.skipped += rows.length;
    return;
  }
  let ctx;
  try {
    ctx = accountContext(db, deps, account);
  } catch (err) {
    log.warn("analytics: the account cannot be used this round", { account_id: account.id, error: err });
    result.skipped += rows.length;
    return;
  }
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as ClaimedMeasurement;
    const { outcome, stop } = await measureRow(run, adapter, ctx, row);
    if (outcome === "collected") result.collected++;
    else if (outcome === "lost") result.skipped++;
    else result.failed++;
    if (stop) {
      result.skipped += rows.length - i - 1;
      return;
    }
  }
}

async function measureRow(
  run: Run,
  adapter: PlatformAdapter,
  ctx: Parameters<PlatformAdapter["fetchMetrics"]>[0],
  row: ClaimedMeasurement,
): Promise<{ outcome: RowOutcome; stop: boolean }> {
  const { db, token } = run;
  const labels = row.publishedAt ? dueCheckpoints(row.publishedAt, doneCheckpoints(row.metadata), run.now) : [];
  // Claimed but nothing due any more (the claim query and this code read the same checkpoints, so
  // only a concurrent edit gets here): nothing to measure, hand it back.
  if (!labels.length || !row.platformPostId || !row.publishedAt) return { outcome: "lost", stop: false };
  const where = { schedule_id: row.id, account_id: row.platformAccountId, checkpoints: labels };
  try {
    const metrics = await adapter.fetchMetrics(ctx, row.platformPostId);
    const recorded = await store(run, row, row.publishedAt, labels, metrics);
    return { outcome: recorded ? "collected" : "lost", stop: false };
  } catch (err) {
    if (!isAdapterError(err)) {
      log.error("analytics: measuring a post failed", { ...where, error: err });
      return { outcome: "left", stop: false };
    }
    switch (err.kind) {
      case "rate_limited":
        log.info("analytics: the platform is rate limiting the account; trying again next round", { ...where, retry_after_ms: err.retryAfterMs });
        return { outcome: "left", stop: true };
      case "auth":
        log.warn("analytics: the platform refused the account's credentials; skipping it this round", { ...where, error: err.message });
        return { outcome: "left", stop: true };
      case "permanent": {
        log.info("analytics: the platform will not report on the post; closing its checkpoints", { ...where, error: err.message });
        const entries = checkpointEntries(labels, run.clock(), null, `permanent: ${messageOf(err)}`);
        const recorded = await recordMeasurement(db, { scheduleId: row.id, token, entries }).catch((e: unknown) => {
          log.error("analytics: could not close the checkpoints", { ...where, error: e });
          return false;
        });
        return { outcome: recorded ? "closed" : "left", stop: false };
      }
      default:
        log.info("analytics: reading the post's metrics failed; trying again next round", { ...where, kind: err.kind, error: err.message });
        return { outcome: "left", stop: false };
    }
  }
}

/** The reading, the checkpoint marks and the best-time observation, in one transaction. */
async function store(
  run: Run,
  row: ClaimedMeasurement,
  publishedAt: Date,
  labels: CheckpointLabel[],
  metrics: Parameters<typeof normalizeMetrics>[0],
): Promise<boolean> {
  const id = crypto.randomUUID();
  const measuredAt = run.clock();
  const c = normalizeMetrics(metrics);
  // Clicks on our short links are the same clicks a platform counts on the post's links (they all
  // pass through the redirect): the platform's figure wins, ours fills in where it reports none.
  if (!c.clicks) c.clicks = await clicksOfSchedule(run.db, row.id);
  const rate = engagementRate(c);
  return recordMeasurement(run.db, {
    scheduleId: row.id,
    token: run.token,
    entries: checkpointEntries(labels, measuredAt, id),
    analytics: {
      id,
      contentItemId: row.contentItemId,
      scheduleId: row.id,
      platformId: row.platformId,
      engagementRate: rate,
      likesCount: c.likes,
      sharesCount: c.shares,
      commentsCount: c.comments,
      clicksCount: c.clicks,
      impressions: c.impressions,
      reach: c.reach,
      measuredAt,
    },
    observation: labels.includes(BEST_TIME_CHECKPOINT) ? observationOf(row, publishedAt, c, toCount(metrics.followers) || null, measuredAt) : undefined,
  });
}

/** A measured post as the best-time model sees it: its local slot, its counts and its rate. */
function observationOf(row: ClaimedMeasurement, publishedAt: Date, c: ReturnType<typeof normalizeMetrics>, followers: number | null, at: Date) {
  const slot = publishSlot(publishedAt, row.timezone);
  const { rate, basis } = observedRate({ ...c, followers });
  return {
    workspaceId: row.workspaceId,
    platformAccountId: row.platformAccountId,
    source: "measured",
    scheduleId: row.id,
    postedAt: publishedAt,
    timezone: slot.timezone,
    weekday: slot.weekday,
    minuteOfDay: slot.minuteOfDay,
    contentType: row.contentType,
    impressions: c.impressions,
    reach: c.reach,
    likes: c.likes,
    comments: c.comments,
    shares: c.shares,
    clicks: c.clicks,
    followers,
    engagementRate: rate,
    rateBasis: basis,
    createdAt: at,
    updatedAt: at,
  };
}
