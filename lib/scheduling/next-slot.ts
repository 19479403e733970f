import type { Db } from "@/db/client";
import type { PlatformId } from "@/adapters/types";
import { checkSlot, isLive } from "../conflicts";
import { addDaysLocal, formatLocal, parseLocal, resolveLocal, utcToLocal, weekdayOf } from "../time";
import { loadConflictContext, type AccountLike } from "./conflicts";

/** A weekly set of posting times in a zone: an account's queue times, or a trial arm's. */
export interface WeeklySlots {
  timezone: string;
  slots: { days: number[]; times: string[] }[];
}

/** How far ahead the queue looks for a free slot. */
export const QUEUE_DAYS = 60;

/** Slot wall times from a day on, in order: each day, its times sorted. */
function* slotTimes(s: WeeklySlots, from: Date): Generator<string> {
  const start = utcToLocal(from, s.timezone);
  let day = parseLocal(`${formatLocal(start).slice(0, 10)}T00:00`)!;
  for (let i = 0; i < QUEUE_DAYS; i++, day = addDaysLocal(day, 1)) {
    const wd = weekdayOf(day);
    const times = [...new Set(s.slots.filter((x) => x.days.includes(wd)).flatMap((x) => x.times))].sort();
    for (const t of times) yield `${formatLocal(day).slice(0, 10)}T${t}`;
  }
}

/**
 * The first slot of the set after `now` that is free on the account (no blackout, no other post
 * within its gap, under its daily cap), as a wall time in the set's zone; null when none is free
 * in the next QUEUE_DAYS days.
 */
export async function nextFreeSlot(
  db: Db,
  workspaceId: string,
  account: AccountLike,
  s: WeeklySlots,
  contentItemId: string,
  now: Date,
): Promise<string | null> {
  const ctx = await loadConflictContext(db, workspaceId, [account], now, new Date(now.getTime() + QUEUE_DAYS * 86_400_000), s.timezone);
  for (const local of slotTimes(s, now)) {
    const instant = resolveLocal(parseLocal(local)!, s.timezone).instant;
    if (instant <= now) continue;
    if (checkSlot({ accountId: account.id, platformId: account.platform as PlatformId, contentItemId, instant }, ctx).length === 0) return local;
  }
  return null;
}

/** A slot of a weekly set: its wall time in the set's zone and the instant it falls on. */
export interface SlotAt {
  local: string;
  instant: Date;
}

/**
 * An account's slots in (from, to], with the queue's test of whether one is free: no blackout, no
 * other post within the account's gap or at the very minute, under its daily cap, and (for an item)
 * not a repeat within the duplicate window. `add` counts a post placed meanwhile, so a pass that
 * fills several slots judges each one against the ones it filled before.
 */
export async function slotBoard(db: Db, workspaceId: string, account: AccountLike, s: WeeklySlots, from: Date, to: Date) {
  const ctx = await loadConflictContext(db, workspaceId, [account], from, to, s.timezone);
  const slots: SlotAt[] = [];
  for (const local of slotTimes(s, from)) {
    const instant = resolveLocal(parseLocal(local)!, s.timezone).instant;
    if (instant > to) break;
    if (instant > from && !slots.some((x) => x.instant.getTime() === instant.getTime())) slots.push({ local, instant });
  }
  const platformId = account.platform as PlatformId;
  // No content shares this id, so the duplicate rule stays out of a slot's own freeness.
  const NO_ITEM = "00000000-0000-0000-0000-000000000000";
  const taken = (instant: Date) => ctx.existing.some((e) => e.accountId === account.id && isLive(e) && e.instant.getTime() === instant.getTime());
  return {
    slots,
    isFree: (instant: Date, contentItemId = NO_ITEM) =>
      !taken(instant) && checkSlot({ accountId: account.id, platformId, contentItemId, instant }, ctx).length === 0,
    add: (instant: Date, contentItemId: string) => {
      ctx.existing.push({ accountId: account.id, platformId, contentItemId, instant, status: "pending" });
    },
  };
}
