import type { Db } from "@/db/client";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { addDaysLocal, isoInZone, offsetFinder, parseLocal, resolveLocal } from "../scheduling/time";

/** A blackout window as the calendar shades it: its bounds with the zone's offset, and a label. */
export type CalendarBlackout = { id: string; start: string; end: string; label: string; account_id: string | null };

/**
 * The blackout windows that touch the days `start_date`..`end_date` (local days of `zone`), for
 * the calendar's background shading. A window for one account says which.
 */
export async function calendarBlackouts(db: Db, actor: Actor, range: { start_date: string; end_date: string }, zone: string, accountNames: Map<string, string>): Promise<CalendarBlackout[]> {
  assertCan(actor.role, "schedules:read");
  const from = resolveLocal(parseLocal(`${range.start_date}T00:00`)!, zone).instant;
  const to = resolveLocal(addDaysLocal(parseLocal(`${range.end_date}T00:00`)!, 1), zone).instant;
  const rows = await blackoutsOverlapping(db, actor.workspaceId, from, to);
  const offsetOf = offsetFinder(zone);
  return rows.map((b) => {
    const who = b.platformAccountId ? (accountNames.get(b.platformAccountId) ?? "one account") : null;
    return {
      id: b.id,
      start: isoInZone(b.startsAt.getTime(), offsetOf),
      end: isoInZone(b.endsAt.getTime(), offsetOf),
      label: `Blackout${b.reason ? `: ${b.reason}` : ""}${who ? ` (${who} only)` : ""}`,
      account_id: b.platformAccountId,
    };
  });
}
