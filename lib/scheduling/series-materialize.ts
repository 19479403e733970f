/** Materialising recurring series: their occurrences made into schedules, window by window, and the hourly job that extends them. */
import type { Db } from "@/db/client";
import { getAccounts } from "@/db/queries/accounts";
import { insertSchedules, PRIORITY_RANK, type ScheduleInsert } from "@/db/queries/schedules";
import { countScheduled } from "../monitoring/counters";
import { lockSeries, seriesOccurrences, seriesToExtend, updateSeriesRow, type SeriesRow } from "@/db/queries/series";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { log } from "../log";
import { getContentRow } from "@/db/queries/content";
import { expandOccurrences, parseRecurrence } from "../recurrence";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import type { MissedPolicy, recurrenceSchema } from "../validation/schedules";
import type { z } from "zod";
import { parseLocal } from "../time";
import { MATERIALIZE_DAYS, toSpec } from "./create";
import { scheduleRows, syncContent } from "./schedules";
import { emitScheduleCreated } from "./events";
import { skipBlackedOut, type SkippedOccurrence } from "./blackout-skip";

export type Recurrence = z.infer<typeof recurrenceSchema>;
export interface Template {
  recurrence?: Recurrence;
  retry_strategy?: "exponential" | "linear" | "custom";
  retry_delays?: number[] | null;
  max_retries?: number;
  priority?: "low" | "normal" | "high";
  missed_policy?: MissedPolicy;
  metadata?: Record<string, unknown>;
}

function ruleOf(series: Pick<SeriesRow, "template" | "id">) {
  const rec = (series.template as Template).recurrence;
  const parsed = rec ? parseRecurrence(toSpec(rec)) : null;
  if (!parsed?.ok) throw new AppError("internal", `series ${series.id} has no readable rule`);
  return parsed.rule;
}

/** What a recreated occurrence keeps from the one it replaces: a person's pause, its retry settings. */
interface Carry {
  paused: boolean;
  retryStrategy: NonNullable<ScheduleInsert["retryStrategy"]>;
  retryDelays: number[] | null;
  maxRetries: number;
  priority: keyof typeof PRIORITY_RANK;
  missedPolicy: NonNullable<ScheduleInsert["missedPolicy"]>;
}
/**
 * What a series already has per (account, wall time): "taken" (a cancelled, skipped or remaining
 * occurrence: none is made there) or the state of an open one being replaced.
 */
type Existing = Map<string, Carry | "taken">;
const keyOf = (accountId: string, local: string) => `${accountId}|${local.slice(0, 16)}`;
export const wallMs = (local: string) => Date.parse(`${local.slice(0, 16)}:00Z`);
export const shiftWall = (local: string, ms: number) => new Date(wallMs(local) + ms).toISOString().slice(0, 16);

/**
 * Turns a series' occurrences in [from, to) into schedules on its accounts (or only `accounts`);
 * returns how many. Windows meet end to start (the last `to` is the next `from`), so nothing falls
 * between them. `existing` keeps what the series already has: no occurrence is made twice, a
 * cancelled one is not brought back, a paused one stays paused. `advance: false` fills a window
 * already materialised (an account joining) without moving the series' horizon.
 */
export async function materialize(
  db: Db,
  series: SeriesRow,
  from: Date,
  to: Date,
  opts: { accounts?: string[]; existing?: Existing; advance?: boolean } = {},
): Promise<{ made: number; skipped: SkippedOccurrence[] }> {
  const t = series.template as Template;
  const LIMIT = 1000;
  const occurrences = expandOccurrences(ruleOf(series), { start: parseLocal(series.localTime)!, timezone: series.timezone, from, to, limit: LIMIT });
  // A very frequent rule fills the limit before the horizon: stop right after the last one made.
  if (occurrences.length === LIMIT) to = new Date(occurrences[LIMIT - 1]!.instant.getTime() + 1);
  const accounts = (await getAccounts(db, series.workspaceId, opts.accounts ?? series.platformAccountIds)).filter((a) => a.status !== "disabled");
  const actor: Actor = { userId: series.createdBy, tokenId: null, workspaceId: series.workspaceId, role: "editor" };
  // Blackouts added after the series was made still hold: occurrences inside one are not made.
  const blackouts = await blackoutsOverlapping(
    db,
    series.workspaceId,
    from,
    to,
    accounts.map((a) => a.id),
  );
  const existing: Existing = opts.existing ?? new Map();
  const { kept: plans, skipped } = skipBlackedOut(
    occurrences
      .flatMap((o) =>
        accounts.map((a) => ({ accountId: a.id, platformId: a.platform, instant: o.instant, local: o.local, timezone: series.timezone, seriesId: series.id })),
      )
      .filter((p) => existing.get(keyOf(p.accountId, p.local)) !== "taken"),
    blackouts,
  );
  const values = scheduleRows(
    actor,
    series.contentItemId,
    {
      retry_strategy: t.retry_strategy ?? "exponential",
      retry_delays: t.retry_delays ?? undefined,
      max_retries: t.max_retries ?? 3,
      priority: t.priority ?? "normal",
      missed_policy: t.missed_policy ?? "publish_late",
      metadata: t.metadata,
    },
    plans,
  ).map((row, i) => {
    const carry = existing.get(keyOf(plans[i]!.accountId, plans[i]!.local));
    if (!carry || carry === "taken") return row;
    return {
      ...row,
      ...(carry.paused ? { publishStatus: "paused" as const } : {}),
      retryStrategy: carry.retryStrategy,
      retryDelays: carry.retryDelays,
      maxRetries: carry.maxRetries,
      priority: carry.priority,
      priorityRank: PRIORITY_RANK[carry.priority],
      missedPolicy: carry.missedPolicy,
    };
  });
  const rows = await insertSchedules(db, values);
  await emitScheduleCreated(db, rows);
  await countScheduled(db, rows);
  if (opts.advance !== false) {
    // A bounded rule with nothing left after the horizon is over.
    const more = expandOccurrences(ruleOf(series), {
      start: parseLocal(series.localTime)!,
      timezone: series.timezone,
      from: to,
      to: new Date(to.getTime() + 5 * 366 * 86_400_000),
      limit: 1,
    });
    await updateSeriesRow(db, series.id, { materializedUntil: to, ...(more.length ? {} : { endedAt: new Date() }) });
  }
  if (rows.length) await syncContent(db, series.workspaceId, series.contentItemId);
  return { made: rows.length, skipped };
}

/**
 * What a series has before its open occurrences are replaced, keyed by where each one lands in
 * the new series: rows at wall time `shift(local)`. Cancelled and skipped occurrences, and those
 * that stay (published, failed, under way, already due), take their place; open ones about to be
 * replaced (`replacing`) pass on a person's pause and their retry settings. Accounts in `joining`
 * come back after leaving the series: their old cancellations do not hold.
 */
export async function existingOccurrences(
  db: Db,
  seriesId: string,
  now: Date,
  shift: (row: { localTime: string; timezone: string }) => string | null,
  opts: { replacing: boolean; joining?: Set<string> },
): Promise<Existing> {
  const rows = await seriesOccurrences(db, seriesId);
  const joining = opts.joining ?? new Set<string>();
  const out: Existing = new Map();
  for (const r of rows) {
    const replaced = opts.replacing && (r.publishStatus === "pending" || r.publishStatus === "paused") && r.scheduledTime > now;
    if (r.publishStatus === "cancelled" && joining.has(r.platformAccountId)) continue;
    if (replaced || r.publishStatus === "cancelled" || r.publishStatus === "skipped") {
      const at = shift(r);
      if (at === null) continue;
      const key = keyOf(r.platformAccountId, at);
      if (out.get(key) === "taken") continue;
      out.set(
        key,
        replaced
          ? {
              paused: r.publishStatus === "paused" && r.errorCode === null,
              retryStrategy: r.retryStrategy,
              retryDelays: r.retryDelays,
              maxRetries: r.maxRetries,
              priority: r.priority,
              missedPolicy: r.missedPolicy,
            }
          : "taken",
      );
    } else {
      // Never a second post at a wall time the account already has.
      out.set(keyOf(r.platformAccountId, r.localTime), "taken");
    }
  }
  return out;
}

/**
 * The job that keeps every live series materialised 60 days ahead (the embedded runner calls it
 * hourly). Each series in its own transaction, so one bad series does not hold up the rest.
 */
export async function extendSeries(db: Db, now = new Date()): Promise<number> {
  const horizon = new Date(now.getTime() + MATERIALIZE_DAYS * 86_400_000);
  let made = 0;
  for (const candidate of await seriesToExtend(db, horizon)) {
    try {
      made += await db.transaction(async (tx) => {
        // Several runners (server, workers) may run this at once, and an edit may be under way:
        // the row lock makes each series extended once, from what it is now.
        const series = await lockSeries(tx, candidate.id, true);
        if (!series || series.endedAt || (series.materializedUntil && series.materializedUntil >= horizon)) return 0;
        const item = await getContentRow(tx, series.workspaceId, series.contentItemId);
        if (!item || item.status === "archived") {
          await updateSeriesRow(tx, series.id, { endedAt: now });
          return 0;
        }
        const r = await materialize(tx, series, series.materializedUntil ?? series.startsAt, horizon);
        if (r.skipped.length)
          log.info("series occurrences skipped: they fall in a blackout", { seriesId: series.id, skipped: r.skipped.map((x) => x.local_time) });
        return r.made;
      });
    } catch (err) {
      // One broken series must not stop the others; it is logged and tried again next time.
      log.error("extending a recurring series failed", { seriesId: candidate.id, err });
    }
  }
  return made;
}
