import type { Db } from "@/db/client";
import type { PlatformId } from "@/adapters/types";
import { checkSlot } from "../conflicts";
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
