import { addDaysLocal, parseLocal } from "./local";
import { isValidTimeZone, resolveLocal } from "./zone";

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instant the day "YYYY-MM-DD" (`plus` days on) begins in `zone`: a person's day starts at their
 * midnight, which may be 23 or 25 hours from the next. Null for anything that is not a real day.
 */
export function dayStart(day: string, zone: string, plus = 0): Date | null {
  const l = DAY_RE.test(day) ? parseLocal(`${day}T00:00`) : null;
  return l ? resolveLocal(plus ? addDaysLocal(l, plus) : l, zone).instant : null;
}

/**
 * Date filters as instants in `zone`: a bare "from" day starts at its midnight there, a bare "to" day
 * runs to the next midnight (the last millisecond before it). Full date-times pass through as sent.
 */
export function zonedDayRange(range: { date_from?: string; date_to?: string }, zone: string): { date_from?: string; date_to?: string } {
  const out: { date_from?: string; date_to?: string } = {};
  if (range.date_from) out.date_from = dayStart(range.date_from, zone)?.toISOString() ?? range.date_from;
  if (range.date_to) {
    const end = dayStart(range.date_to, zone, 1);
    out.date_to = end ? new Date(end.getTime() - 1).toISOString() : range.date_to;
  }
  return out;
}

/**
 * The instant a stored wall time ("2026-12-08T09:00[:ss]") stands for in `zone`; null when unreadable.
 * A time the clocks skip moves forward by the gap; one shown twice is the earlier (callers that have
 * the stored instant show that instead).
 */
export function wallToInstant(local: string, zone: string): Date | null {
  const l = parseLocal(local.length > 16 ? local.slice(0, 19) : local);
  return l && isValidTimeZone(zone) ? resolveLocal(l, zone).instant : null;
}
