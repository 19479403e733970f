import type { Db } from "@/db/client";
import type { Actor } from "../auth/actor";
import type { CONTENT_TYPES } from "@/db/schema/values";
import { suggestForAccounts } from "./suggest";

export interface FreeTime {
  start: Date;
  /** Wall time in `timezone`, "YYYY-MM-DDTHH:mm", as schedules store it. */
  local: string;
  timezone: string;
}

export interface BestFreeTimesOptions {
  count: number;
  /** Where to look: from `from` (now at the earliest) to `to`, or for `days` days (at most 92). */
  from?: Date;
  to?: Date;
  days?: number;
  /** The zone the wall times are given in; the person's own by default. */
  timezone?: string;
  /** Picks on one local day at most; 2 by default. */
  perDay?: number;
  /** "baseline": research only, whatever the account has learned (a trial's baseline arm). */
  basis?: "learned" | "baseline";
  /** The post's content type: its own model when the account has one. */
  contentType?: (typeof CONTENT_TYPES)[number];
}

const DEFAULT_DAYS = 14;

/**
 * The `count` best free times on one account, in time order: the highest-scoring slots of its
 * best-time suggestions that keep its minimum gap, daily cap, blackouts and the person's weekly
 * limits, never two within the gap of each other. Fewer (or none) when the range is full.
 */
export async function bestFreeTimes(db: Db, actor: Actor, accountId: string, o: BestFreeTimesOptions, now = new Date()): Promise<FreeTime[]> {
  const from = o.from && o.from > now ? o.from : now;
  const to = o.to ?? new Date(from.getTime() + Math.min(o.days ?? DEFAULT_DAYS, 92) * 86_400_000);
  if (to <= from) return [];
  const answer = await suggestForAccounts(
    db,
    actor,
    {
      platform_account_ids: [accountId],
      count: o.count,
      date_from: from.toISOString(),
      date_to: to.toISOString(),
      timezone: o.timezone,
      content_type: o.contentType,
    },
    now,
    { strict: true, perDay: o.perDay, basis: o.basis },
  );
  return answer.accounts[0]!.items.map((i) => ({ start: new Date(i.start), local: i.local_time, timezone: answer.timezone })).sort(
    (a, b) => a.start.getTime() - b.start.getTime(),
  );
}
