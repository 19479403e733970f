import { byInstant, describeBlackout, idsOf, label } from "./messages";
import { wallFinder } from "../time";
import { DAY_MS, MINUTE_MS, describeDuration, formatDay, formatWhen, localDays, lowerBound } from "./time";
import { isLive, type Conflict, type ConflictContext, type ConflictType, type Slot } from "./types";

const RANK: Record<ConflictType, number> = { blackout: 0, min_gap: 1, daily_cap: 2, duplicate: 3 };

/**
 * Index ranges [start, end) of at least two ascending values where each is less than `within`
 * after the previous one. Chaining through neighbours (rather than listing every pair) turns a burst
 * of posts or a daily series into one group instead of dozens of overlapping pairs.
 */
function runs(values: readonly number[], within: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && values[i]! - values[i - 1]! < within) continue;
    if (i - start >= 2) out.push([start, i]);
    start = i;
  }
  return out;
}

/**
 * Every conflict among existing schedules, for a calendar view: one per slot in a blackout, one per
 * run of too-close posts, one per over-full local day, one per run of repeats. Each account is
 * sorted once; every rule is then a linear walk or a binary search, never a pairwise scan.
 * Ordered by the first instant involved, then blackout, min_gap, daily_cap, duplicate.
 */
export function findConflicts(slots: Slot[], ctx: ConflictContext): Conflict[] {
  const tz = ctx.timezone;
  const dayOf = localDays(tz);
  const wallOf = wallFinder(tz);
  const found: { at: number; conflict: Conflict }[] = [];
  const add = (at: number, conflict: Conflict) => found.push({ at, conflict });
  const when = (s: Slot) => formatWhen(s.instant.getTime(), tz);

  const byAccount = new Map<string, Slot[]>();
  for (const s of slots) {
    if (!isLive(s)) continue;
    const list = byAccount.get(s.accountId);
    if (list) list.push(s);
    else byAccount.set(s.accountId, [s]);
  }

  for (const [accountId, list] of byAccount) {
    list.sort(byInstant);
    const times = list.map((s) => s.instant.getTime());
    const rules = ctx.rules(accountId);

    for (const b of ctx.blackouts) {
      if (b.accountId !== null && b.accountId !== accountId) continue;
      for (let i = lowerBound(times, b.startsAt.getTime()); i < list.length && times[i]! < b.endsAt.getTime(); i++) {
        const s = list[i]!;
        add(times[i]!, {
          type: "blackout",
          severity: "error",
          message: `${label(s, "A post")} at ${when(s)} falls in ${describeBlackout(b, tz)}`,
          scheduleIds: idsOf([s]),
          blackoutId: b.id,
        });
      }
    }

    const gapMs = rules.minGapMinutes * MINUTE_MS;
    const gap = `minimum gap ${describeDuration(gapMs)}`;
    for (const [from, to] of gapMs > 0 ? runs(times, gapMs) : []) {
      const group = list.slice(from, to);
      const first = group[0]!;
      const last = group[group.length - 1]!;
      const message =
        group.length === 2
          ? `${label(first, "A post")} at ${when(first)} and ${label(last, "another post")} at ${when(last)} are only ${describeDuration(times[from + 1]! - times[from]!)} apart on this account (${gap})`
          : `${group.length} posts between ${when(first)} and ${when(last)} on this account follow each other less than ${describeDuration(gapMs)} apart (${gap})`;
      add(times[from]!, { type: "min_gap", severity: "warning", message, scheduleIds: idsOf(group) });
    }

    const cap = rules.dailyCap;
    for (let i = 0; cap !== null && i < list.length; ) {
      const day = dayOf(times[i]!);
      const end = lowerBound(times, day.end);
      if (end - i > cap) {
        const message = `${end - i} posts on ${formatDay(day.dayNumber)} (${tz}) for this account, over the daily cap of ${cap}`;
        add(times[i]!, { type: "daily_cap", severity: "warning", message, scheduleIds: idsOf(list.slice(i, end)) });
      }
      i = end;
    }

    if (rules.duplicateDays <= 0) continue;
    const byContent = new Map<string, Slot[]>();
    for (const s of list) {
      const same = byContent.get(s.contentItemId);
      if (same) same.push(s);
      else byContent.set(s.contentItemId, [s]);
    }
    for (const same of byContent.values()) {
      if (same.length < 2) continue;
      // Wall-clock distance, as in checkSlot: a weekly series stays 7 days apart across DST.
      const entries = same.map((slot) => ({ slot, wall: wallOf(slot.instant.getTime()) })).sort((a, b) => a.wall - b.wall);
      for (const [from, to] of runs(
        entries.map((e) => e.wall),
        rules.duplicateDays * DAY_MS,
      )) {
        const group = entries.slice(from, to).map((e) => e.slot);
        const first = group[0]!;
        const last = group[group.length - 1]!;
        const what = label(first, "The same content");
        const keep = `keep repeats at least ${rules.duplicateDays} days apart`;
        const message =
          group.length === 2
            ? `${what} is scheduled twice on this account, ${describeDuration(entries[from + 1]!.wall - entries[from]!.wall)} apart (${when(first)} and ${when(last)}); ${keep}`
            : `${what} is scheduled ${group.length} times on this account, each within ${rules.duplicateDays} days of the previous one (${when(first)} to ${when(last)}); ${keep}`;
        add(first.instant.getTime(), { type: "duplicate", severity: "warning", message, scheduleIds: idsOf(group) });
      }
    }
  }

  found.sort(
    (a, b) => a.at - b.at || RANK[a.conflict.type] - RANK[b.conflict.type] || (a.conflict.scheduleIds[0] ?? "").localeCompare(b.conflict.scheduleIds[0] ?? ""),
  );
  return found.map((f) => f.conflict);
}
