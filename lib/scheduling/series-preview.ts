import type { Db } from "@/db/client";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { listAccounts } from "@/db/queries/accounts";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { expandOccurrences, parseRecurrence } from "../recurrence";
import { parseLocal, parseScheduleTime } from "../time";
import { blackoutAt } from "./blackout-skip";

export interface PreviewInput {
  rrule: string;
  scheduled_time: string;
  timezone: string;
  platform_account_ids?: string[];
  limit: number;
}

export interface PreviewItem {
  local: string;
  instant: string;
  /** Set when a blackout holds this occurrence: on every account (`accounts` null) or on some. */
  skipped: { reason: string | null; accounts: string[] | null } | null;
}

/**
 * The next occurrences of a rule from a wall time, each marked when a blackout will skip it: the
 * composer's preview, by the same expansion and blackout test the series creation uses. Without
 * accounts named, a blackout of one account is shown as skipping that account only.
 */
export async function previewSeries(db: Db, actor: Actor, input: PreviewInput): Promise<PreviewItem[]> {
  assertCan(actor.role, "schedules:read");
  const parsed = parseRecurrence({ rrule: input.rrule });
  if (!parsed.ok) throw new AppError("bad_request:recurrence", `recurrence: ${parsed.message}`);
  const start = parseLocal(input.scheduled_time);
  const first = parseScheduleTime(input.scheduled_time, input.timezone);
  if (!start || !first.ok) throw new AppError("bad_request:invalid_time", "Pick a valid date, time and zone first.");
  const occurrences = expandOccurrences(parsed.rule, {
    start,
    timezone: input.timezone,
    from: new Date(first.instant.getTime() - 1000),
    to: new Date(first.instant.getTime() + 5 * 366 * 86_400_000),
    limit: input.limit,
  });
  if (!occurrences.length) return [];
  const last = occurrences[occurrences.length - 1]!.instant;
  const [accounts, blackouts] = await Promise.all([
    listAccounts(db, actor.workspaceId),
    blackoutsOverlapping(db, actor.workspaceId, occurrences[0]!.instant, new Date(last.getTime() + 1), input.platform_account_ids),
  ]);
  const named = input.platform_account_ids?.length ? accounts.filter((a) => input.platform_account_ids!.includes(a.id)) : null;
  return occurrences.map((o) => {
    const everywhere = blackoutAt(
      blackouts.filter((b) => b.platformAccountId === null),
      "",
      o.instant,
    );
    if (everywhere) return { local: o.local, instant: o.instant.toISOString(), skipped: { reason: everywhere.reason, accounts: null } };
    const candidates = named ?? accounts;
    const held = candidates.map((a) => ({ a, b: blackoutAt(blackouts, a.id, o.instant) })).filter((x) => x.b);
    if (!held.length) return { local: o.local, instant: o.instant.toISOString(), skipped: null };
    const all = named !== null && held.length === named.length;
    return { local: o.local, instant: o.instant.toISOString(), skipped: { reason: held[0]!.b!.reason, accounts: all ? null : held.map((x) => x.a.name) } };
  });
}
