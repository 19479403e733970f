/**
 * The retention pruning: every workspace's history older than its settings goes, kind by kind, in
 * short batches (one statement each, so no run holds a lock for long and the publishing runs on
 * between batches). Workspaces with the same setting for a kind share each statement.
 *
 * Kept whatever their age, because something still reads them:
 * - publish attempts of schedules that are pending, paused or publishing, and attempts still in
 *   progress: the engine numbers the next attempt after them and, after an unknown outcome, looks
 *   on the platform before sending again;
 * - the last attempt of a failed, dead-lettered or skipped schedule, for the same reason: a retry
 *   by hand reads its number and outcome. Published, cancelled and expired schedules are done:
 *   their outcome stays on the schedule itself (status, post link, error), so all their old
 *   attempts go and the job monitor lists what is kept;
 * - events not yet handled by every consumer (notifications, webhooks), up to the longest event
 *   retention (30 days): a runner that was down for a while still sends what happened meanwhile;
 * - webhook deliveries waiting to be sent or retried.
 * Audit rows and notifications that belong to no workspace follow the defaults.
 */
import type { Db } from "@/db/client";
import { countPrunable, pruneBatch, storedRetentionOfAll, type KeepRules, type Scope } from "@/db/queries/retention";
import { log } from "../log";
import { DURATION_BUCKETS } from "../monitoring/prometheus";
import { CONSUMER as NOTIFICATIONS_CONSUMER } from "../notifications/fanout";
import { RETRYABLE_STATUSES } from "../publishing/manual";
import { DAY_MS } from "../time";
import { WEBHOOKS_CONSUMER } from "../webhooks/fanout";
import { DEFAULT_RETENTION, RETENTION_KINDS, RETENTION_RULES, readRetention, type RetentionKind, type RetentionSettings } from "./settings";

export const UNFINISHED_STATUSES = ["pending", "paused", "publishing"] as const;
export const EVENT_CONSUMERS = [NOTIFICATIONS_CONSUMER, WEBHOOKS_CONSUMER] as const;
export const OPEN_DELIVERIES = ["pending", "delivering", "retrying"] as const;

export function keepRules(now: Date): KeepRules {
  return {
    unfinished: UNFINISHED_STATUSES,
    retryable: RETRYABLE_STATUSES,
    consumers: EVENT_CONSUMERS,
    eventsKeptUntil: new Date(now.getTime() - RETENTION_RULES.events.maxDays * DAY_MS),
    openDeliveries: OPEN_DELIVERIES,
  };
}

export const cutoffOf = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Rows of each kind these settings would remove from the workspace now. */
export async function countWouldRemove(db: Db, workspaceId: string, settings: RetentionSettings, now: Date): Promise<Record<RetentionKind, number>> {
  const keep = keepRules(now);
  const out = {} as Record<RetentionKind, number>;
  for (const kind of RETENTION_KINDS) {
    const days = settings[kind];
    out[kind] = days === null ? 0 : await countPrunable(db, kind, [workspaceId], cutoffOf(now, days), keep);
  }
  return out;
}

export interface PruneOptions {
  /** Rows per statement (default 1000). */
  batch?: number;
  /** Statements per kind and setting in one pass (default 100); the rest waits for the next pass. */
  maxBatches?: number;
}

/** One pass of the retention pruning over every workspace. Returns the rows removed, by kind. */
export async function pruneRetention(db: Db, now: Date, opts: PruneOptions = {}): Promise<Record<RetentionKind, number>> {
  const batch = opts.batch ?? 1000;
  const maxBatches = opts.maxBatches ?? 100;
  const keep = keepRules(now);
  const stored = await storedRetentionOfAll(db);
  const removed = Object.fromEntries(RETENTION_KINDS.map((k) => [k, 0])) as Record<RetentionKind, number>;
  for (const kind of RETENTION_KINDS) {
    // Workspaces grouped by their days for this kind; "keep forever" is no group at all.
    const groups = new Map<number, string[]>();
    for (const w of stored) {
      const days = readRetention(w.retention)[kind];
      if (days !== null) groups.set(days, [...(groups.get(days) ?? []), w.id]);
    }
    const scopes: [Scope, number][] = [...groups].map(([days, ids]) => [ids, days]);
    const fallback = DEFAULT_RETENTION[kind];
    if (fallback !== null) scopes.push([null, fallback]);
    for (const [scope, days] of scopes) {
      const cutoff = cutoffOf(now, days);
      for (let i = 0; i < maxBatches; i++) {
        const n = await pruneBatch(db, kind, scope, cutoff, keep, batch, DURATION_BUCKETS);
        removed[kind] += n;
        if (n < batch) break;
      }
    }
  }
  const total = Object.values(removed).reduce((a, b) => a + b, 0);
  if (total) log.info("retention pruned", { removed });
  return removed;
}
