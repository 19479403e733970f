import type { Db } from "@/db/client";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { addDaysLocal, dayStart, formatDate, isoInZone, offsetFinder, parseLocal } from "../time";

/** A blackout window as the calendar shades it: its bounds with the zone's offset, and a label. */
export type CalendarBlackout = {
  id: string;
  start: string;
  end: string;
  /** The local days it touches, `YYYY-MM-DD`, the end exclusive: what a month view shades. */
  start_day: string;
  end_day: string;
  label: string;
  account_id: string | null;
};

/**
 * The blackout windows that touch the days `start_date`..`end_date` (local days of `zone`), for
 * the calendar's background shading. A window for one account says which.
 */
export async function calendarBlackouts(
  db: Db,
  actor: Actor,
  range: { start_date: string; end_date: string },
  zone: string,
  accountNames: Map<string, string>,
): Promise<CalendarBlackout[]> {
  assertCan(actor.role, "schedules:read");
  const from = dayStart(range.start_date, zone)!;
  const to = dayStart(range.end_date, zone, 1)!;
  const rows = await blackoutsOverlapping(db, actor.workspaceId, from, to);
  const offsetOf = offsetFinder(zone);
  return rows.map((b) => {
    const who = b.platformAccountId ? (accountNames.get(b.platformAccountId) ?? "one account") : null;
    const start = isoInZone(b.startsAt.getTime(), offsetOf);
    const end = isoInZone(b.endsAt.getTime(), offsetOf);
    // A window ending at midnight ends with the day before; one ending later takes its day too.
    const endDay = end.slice(11, 19) === "00:00:00" ? end.slice(0, 10) : formatDate(addDaysLocal(parseLocal(`${end.slice(0, 10)}T00:00`)!, 1));
    return {
      id: b.id,
      start,
      end,
      start_day: start.slice(0, 10),
      end_day: endDay > start.slice(0, 10) ? endDay : formatDate(addDaysLocal(parseLocal(`${start.slice(0, 10)}T00:00`)!, 1)),
      label: `Blackout${b.reason ? `: ${b.reason}` : ""}${who ? ` (${who} only)` : ""}`,
      account_id: b.platformAccountId,
    };
  });
}
