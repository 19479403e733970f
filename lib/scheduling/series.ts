import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts } from "@/db/queries/accounts";
import { insertSchedules, listScheduleRows, PRIORITY_RANK, type ScheduleInsert } from "@/db/queries/schedules";
import {
  cancelOpenOccurrences,
  deleteSeriesRow,
  dropOpenOccurrences,
  getSeriesRow,
  lockSeries,
  occurrenceCounts,
  seriesOccurrences,
  seriesToExtend,
  updateSeriesRow,
  type SeriesRow,
} from "@/db/queries/series";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { log } from "../log";
import { getContentRow } from "@/db/queries/content";
import type { PlatformId } from "@/adapters/types";
import { expandOccurrences, parseRecurrence } from "../recurrence";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { validateItemFor } from "../content/draft";
import type { MissedPolicy, recurrenceSchema } from "../validation/schedules";
import type { z } from "zod";
import { parseLocal } from "../time";
import { MATERIALIZE_DAYS, platformIssuesError, toSpec } from "./create";
import { resolveTime } from "./resolve";
import { loadTargets, scheduleRows, syncContent } from "./schedules";
import { assertSchedulable } from "./targets";
import { emitScheduleCancelled, emitScheduleCreated } from "./events";
import { skipBlackedOut, type SkippedOccurrence } from "./blackout-skip";

type Recurrence = z.infer<typeof recurrenceSchema>;
interface Template {
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
const wallMs = (local: string) => Date.parse(`${local.slice(0, 16)}:00Z`);
const shiftWall = (local: string, ms: number) => new Date(wallMs(local) + ms).toISOString().slice(0, 16);

/**
 * Turns a series' occurrences in [from, to) into schedules on its accounts (or only `accounts`);
 * returns how many. Windows meet end to start (the last `to` is the next `from`), so nothing falls
 * between them. `existing` keeps what the series already has: no occurrence is made twice, a
 * cancelled one is not brought back, a paused one stays paused. `advance: false` fills a window
 * already materialised (an account joining) without moving the series' horizon.
 */
async function materialize(
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
async function existingOccurrences(
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

export async function requireSeries(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "schedules:read");
  const row = await getSeriesRow(db, actor.workspaceId, id);
  if (!row) throw notFound("series");
  return row;
}

export async function describeSeries(db: Db, actor: Actor, id: string) {
  const s = await requireSeries(db, actor, id);
  const [counts, next] = await Promise.all([
    occurrenceCounts(db, id),
    listScheduleRows(db, actor.workspaceId, { recurrenceSeriesId: id, statuses: ["pending", "paused"], sort: "scheduled_time", limit: 10, offset: 0 }).then(
      (r) => r.items,
    ),
  ]);
  return { series: s, counts, next };
}

/**
 * Changes the whole series (rule, start time, zone): its open future occurrences are replaced;
 * published and failed ones stay as history. One occurrence is changed through its schedule.
 * An occurrence keeps its state where the change takes it: a cancelled or skipped one is not
 * made again, a paused one stays paused, its own retry settings stay. `from` is the wall time
 * that the new `scheduled_time` replaces (the occurrence being moved; the series' start if not
 * given): every occurrence moves by as much.
 */
export async function updateSeries(
  db: Db,
  actor: Actor,
  id: string,
  patch: { recurrence?: Recurrence; scheduled_time?: string; timezone?: string },
  now = new Date(),
  opts: { from?: string } = {},
) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    await requireSeries(tx, actor, id);
    const s = (await lockSeries(tx, id, false))!;
    const t = s.template as Template;
    const recurrence = patch.recurrence ?? t.recurrence!;
    const rule = parseRecurrence(toSpec(recurrence));
    if (!rule.ok) throw new AppError("bad_request:recurrence", `recurrence: ${rule.message}`);
    const timezone = patch.timezone ?? s.timezone;
    const first = resolveTime(patch.scheduled_time ?? s.localTime, timezone, new Date(Math.min(now.getTime(), s.startsAt.getTime())));
    const item = await getContentRow(tx, actor.workspaceId, s.contentItemId);
    if (!item) throw notFound("content");
    const accounts = await getAccounts(tx, actor.workspaceId, s.platformAccountIds);
    const errors = (
      await validateItemFor(
        tx,
        actor.workspaceId,
        item,
        accounts.map((a) => a.platform as PlatformId),
      )
    ).filter((i) => i.severity === "error");
    if (errors.length) throw platformIssuesError(errors);
    const shiftMs = patch.scheduled_time !== undefined ? wallMs(first.local) - wallMs(opts.from ?? s.localTime) : 0;
    const existing = await existingOccurrences(
      tx,
      id,
      now,
      (r) => (r.timezone === s.timezone || r.timezone === timezone ? shiftWall(r.localTime, shiftMs) : null),
      { replacing: true },
    );
    const dropped = await dropOpenOccurrences(tx, id, now);
    await emitScheduleCancelled(tx, dropped);
    await updateSeriesRow(tx, id, {
      rrule: recurrence.rrule ?? null,
      cron: recurrence.cron ?? null,
      timezone,
      localTime: first.local,
      startsAt: first.instant,
      template: { ...t, recurrence },
      endedAt: null,
      materializedUntil: null,
    });
    const updated = (await getSeriesRow(tx, actor.workspaceId, id))!;
    const start = Math.max(now.getTime(), first.instant.getTime());
    const { made, skipped } = await materialize(tx, updated, new Date(start), new Date(start + MATERIALIZE_DAYS * 86_400_000), { existing });
    await writeAudit(tx, actor, {
      action: "series.update",
      entityType: "series",
      entityId: id,
      before: { rrule: s.rrule, cron: s.cron, local_time: s.localTime, timezone: s.timezone },
      after: {
        ...recurrence,
        local_time: first.local,
        timezone,
        replaced: dropped.length,
        created: made,
        ...(skipped.length ? { skipped_in_blackout: skipped.map((x) => x.local_time) } : {}),
      },
    });
    return { replaced: dropped.length, created: made, skippedOccurrences: skipped };
  });
}

/**
 * Sets the accounts a series posts on, leaving its times as they are: an account that joins gets
 * the occurrences already planned (none twice, none in a blackout), one that leaves has its open
 * occurrences cancelled; nothing else is replaced. A joining account must be usable (not
 * disabled, not needing a reconnect, able to take the content). `fill: false` leaves the joining
 * accounts' occurrences to a change of the whole series that follows.
 */
export async function setSeriesAccounts(db: Db, actor: Actor, id: string, accountIds: string[], now = new Date(), opts: { fill?: boolean } = {}) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    await requireSeries(tx, actor, id);
    const s = (await lockSeries(tx, id, false))!;
    const wanted = [...new Set(accountIds)];
    const joining = wanted.filter((a) => !s.platformAccountIds.includes(a));
    const leaving = s.platformAccountIds.filter((a) => !wanted.includes(a));
    if (joining.length) {
      const { item, accounts } = await loadTargets(tx, actor, s.contentItemId, joining);
      assertSchedulable(accounts);
      const errors = (
        await validateItemFor(
          tx,
          actor.workspaceId,
          item,
          accounts.map((a) => a.platform as PlatformId),
        )
      ).filter((i) => i.severity === "error");
      if (errors.length) throw platformIssuesError(errors);
    }
    const cancelled = await cancelOpenOccurrences(tx, id, leaving, `cancelled by ${actor.tokenId ? "an API token" : "a member"}: the account left the series`);
    await emitScheduleCancelled(tx, cancelled);
    await updateSeriesRow(tx, id, { platformAccountIds: wanted, ...(wanted.length ? {} : { endedAt: now }) });
    let made = 0;
    let skipped: SkippedOccurrence[] = [];
    if (joining.length && wanted.length && opts.fill !== false && s.materializedUntil) {
      const from = new Date(Math.max(now.getTime(), s.startsAt.getTime()));
      if (from < s.materializedUntil) {
        const existing = await existingOccurrences(tx, id, now, (r) => (r.timezone === s.timezone ? r.localTime : null), {
          replacing: false,
          joining: new Set(joining),
        });
        const updated = (await getSeriesRow(tx, actor.workspaceId, id))!;
        ({ made, skipped } = await materialize(tx, updated, from, s.materializedUntil, { accounts: joining, existing, advance: false }));
      }
    }
    if (cancelled.length) await syncContent(tx, actor.workspaceId, s.contentItemId);
    if (joining.length || leaving.length) {
      await writeAudit(tx, actor, {
        action: "series.accounts",
        entityType: "series",
        entityId: id,
        before: { platform_account_ids: s.platformAccountIds },
        after: {
          platform_account_ids: wanted,
          created: made,
          cancelled: cancelled.length,
          ...(skipped.length ? { skipped_in_blackout: skipped.map((x) => x.local_time) } : {}),
        },
      });
    }
    return { joined: joining, left: leaving, created: made, cancelled: cancelled.length, skippedOccurrences: skipped };
  });
}

/** Ends a series: what has not gone out is removed; what was published stays, as history. */
export async function deleteSeries(db: Db, actor: Actor, id: string, now = new Date()) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    const s = await requireSeries(tx, actor, id);
    const dropped = await dropOpenOccurrences(tx, id, new Date(0));
    await emitScheduleCancelled(tx, dropped);
    await deleteSeriesRow(tx, id);
    await syncContent(tx, actor.workspaceId, s.contentItemId);
    await writeAudit(tx, actor, {
      action: "series.delete",
      entityType: "series",
      entityId: id,
      before: { rrule: s.rrule, cron: s.cron },
      after: { removed: dropped.length, at: now },
    });
    return { removed: dropped.length };
  });
}
