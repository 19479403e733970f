import { describeBlackout, byInstant, idsOf, label } from "./messages";
import { DAY_MS, MINUTE_MS, describeDuration, formatDay, formatWhen, localDays, lowerBound, wallOf, type LocalDay } from "./time";
import { isLive, type Blackout, type CheckContext, type Conflict, type Slot } from "./types";

interface Probe {
  blackouts: Blackout[];
  near: Slot[];
  /** Set only when the day would go over the cap. */
  crowdedDay: { day: LocalDay; slots: Slot[] } | null;
  duplicates: { slot: Slot; wallDiff: number }[];
}

/**
 * Sorts and filters the context once for one candidate's account and content, so moving the
 * candidate around (suggestFreeTime) costs a few binary searches per instant instead of a scan.
 */
function prepare(candidate: Slot, ctx: CheckContext) {
  const { accountId, contentItemId } = candidate;
  const tz = ctx.timezone;
  const rules = ctx.rules(accountId);
  const gapMs = rules.minGapMinutes * MINUTE_MS;
  const repeatMs = rules.duplicateDays * DAY_MS;
  const live = isLive(candidate);
  const others = ctx.existing.filter((s) => s.accountId === accountId && isLive(s) && (candidate.id === undefined || s.id !== candidate.id)).sort(byInstant);
  const times = others.map((s) => s.instant.getTime());
  // Repeats are measured on the wall clock, so a weekly 09:00 across a DST change is still 7 days apart.
  const repeats = others
    .filter((s) => s.contentItemId === contentItemId)
    .map((slot) => ({ slot, wall: wallOf(slot.instant.getTime(), tz) }))
    .sort((a, b) => a.wall - b.wall);
  const repeatWalls = repeats.map((r) => r.wall);
  const blackouts = ctx.blackouts.filter((b) => b.accountId === null || b.accountId === accountId).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const dayOf = localDays(tz);

  function probe(t: number): Probe {
    const p: Probe = { blackouts: [], near: [], crowdedDay: null, duplicates: [] };
    if (!live) return p;
    p.blackouts = blackouts.filter((b) => b.startsAt.getTime() <= t && t < b.endsAt.getTime());
    if (gapMs > 0) {
      for (let i = lowerBound(times, t - gapMs + 1); i < times.length && times[i]! < t + gapMs; i++) p.near.push(others[i]!);
    }
    if (rules.dailyCap !== null) {
      const day = dayOf(t);
      const from = lowerBound(times, day.start);
      const to = lowerBound(times, day.end);
      if (to - from + 1 > rules.dailyCap) p.crowdedDay = { day, slots: others.slice(from, to) };
    }
    if (repeatMs > 0 && repeats.length > 0) {
      const wall = wallOf(t, tz);
      for (let i = lowerBound(repeatWalls, wall - repeatMs + 1); i < repeats.length && repeats[i]!.wall < wall + repeatMs; i++) {
        p.duplicates.push({ slot: repeats[i]!.slot, wallDiff: repeats[i]!.wall - wall });
      }
    }
    return p;
  }

  const isClear = (t: number) => {
    const p = probe(t);
    return p.blackouts.length === 0 && p.near.length === 0 && p.crowdedDay === null && p.duplicates.length === 0;
  };

  function conflictsAt(t: number): Conflict[] {
    const p = probe(t);
    const own = candidate.id === undefined ? [] : [candidate.id];
    const out: Conflict[] = p.blackouts.map((b) => ({
      type: "blackout",
      severity: "error",
      message: `Falls in ${describeBlackout(b, tz)}`,
      scheduleIds: own,
      blackoutId: b.id,
    }));
    const gap = `(minimum gap ${describeDuration(gapMs)})`;
    for (const s of p.near) {
      const d = s.instant.getTime() - t;
      const where = d === 0 ? `At the same time as` : `Only ${describeDuration(d)} ${d < 0 ? "after" : "before"}`;
      out.push({
        type: "min_gap",
        severity: "warning",
        message: `${where} ${label(s, "another post")} on this account ${gap}`,
        scheduleIds: [...own, ...idsOf([s])],
      });
    }
    if (p.crowdedDay) {
      const { day, slots } = p.crowdedDay;
      const message = `This would be post ${slots.length + 1} on ${formatDay(day.dayNumber)} (${tz}) for this account, over the daily cap of ${rules.dailyCap}`;
      out.push({ type: "daily_cap", severity: "warning", message, scheduleIds: [...own, ...idsOf(slots)] });
    }
    if (p.duplicates.length > 0) {
      const nearest = p.duplicates.reduce((a, b) => (Math.abs(b.wallDiff) < Math.abs(a.wallDiff) ? b : a));
      const when = nearest.wallDiff === 0 ? "at the same time" : `${describeDuration(nearest.wallDiff)} ${nearest.wallDiff < 0 ? "earlier" : "later"}`;
      const more = p.duplicates.length - 1;
      const extra = more > 0 ? ` and ${more} other time${more === 1 ? "" : "s"} within ${rules.duplicateDays} days` : "";
      const message = `${label(candidate, "This content")} is already scheduled on this account at ${formatWhen(nearest.slot.instant.getTime(), tz)} (${when})${extra}; keep repeats at least ${rules.duplicateDays} days apart`;
      out.push({ type: "duplicate", severity: "warning", message, scheduleIds: [...own, ...idsOf(p.duplicates.map((d) => d.slot))] });
    }
    return out;
  }

  return { isClear, conflictsAt };
}

/**
 * Every rule the candidate would break: blackouts first (errors), then warnings. A candidate with
 * an id is being rescheduled, so its own existing row is ignored; a cancelled or failed candidate
 * will never publish and conflicts with nothing.
 */
export function checkSlot(candidate: Slot, ctx: CheckContext): Conflict[] {
  return prepare(candidate, ctx).conflictsAt(candidate.instant.getTime());
}

/**
 * The first instant on the candidate's step grid, not before the candidate or `now`, that breaks
 * no rule at all (warnings included); null when the horizon runs out. The grid keeps the candidate's
 * minute (09:05 → 09:20 → 09:35) so the answer stays close to what the person typed.
 */
export function suggestFreeTime(candidate: Slot, ctx: CheckContext, opts: { stepMinutes?: number; horizonDays?: number; now?: Date } = {}): Date | null {
  const stepMs = (opts.stepMinutes ?? 15) * MINUTE_MS;
  const horizonMs = (opts.horizonDays ?? 14) * DAY_MS;
  if (!Number.isFinite(stepMs) || stepMs <= 0) throw new RangeError(`stepMinutes must be more than 0, not ${opts.stepMinutes}`);
  if (!Number.isFinite(horizonMs) || horizonMs < 0) throw new RangeError(`horizonDays must be 0 or more, not ${opts.horizonDays}`);
  const { isClear } = prepare(candidate, ctx);
  const now = (opts.now ?? new Date()).getTime();
  let t = candidate.instant.getTime();
  if (t < now) t += Math.ceil((now - t) / stepMs) * stepMs;
  for (const last = t + horizonMs; t <= last; t += stepMs) if (isClear(t)) return new Date(t);
  return null;
}
