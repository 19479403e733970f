/** Recurring series as members handle them: read one, change its rule or time, set its accounts, end it. */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts } from "@/db/queries/accounts";
import { listScheduleRows } from "@/db/queries/schedules";
import { cancelOpenOccurrences, deleteSeriesRow, dropOpenOccurrences, getSeriesRow, lockSeries, occurrenceCounts, updateSeriesRow } from "@/db/queries/series";
import { getContentRow } from "@/db/queries/content";
import type { PlatformId } from "@/adapters/types";
import { parseRecurrence } from "../recurrence";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { validateItemFor } from "../content/draft";
import { MATERIALIZE_DAYS, platformIssuesError, toSpec } from "./create";
import { resolveTime } from "./resolve";
import { loadTargets, syncContent } from "./schedules";
import { assertSchedulable } from "./targets";
import { emitScheduleCancelled } from "./events";
import type { SkippedOccurrence } from "./blackout-skip";
import { existingOccurrences, materialize, shiftWall, wallMs, type Recurrence, type Template } from "./series-materialize";

export { extendSeries } from "./series-materialize";

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
