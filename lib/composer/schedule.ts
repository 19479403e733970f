/**
 * The schedule picker's pure half: prefill from a calendar slot, the recurrence builder's RRULE,
 * and the next occurrences it gives (lib/recurrence, the same expansion the server runs).
 */
import { expandOccurrences, parseRecurrence } from "@/lib/recurrence";
import { formatClock, formatDate, isValidTimeZone, parseLocal, parseScheduleTime, utcToLocal } from "@/lib/time";

export interface ScheduleFields {
  /** "YYYY-MM-DD" */
  date: string;
  /** "HH:mm" */
  time: string;
  zone: string;
}

/**
 * The picker's first values. A calendar slot (`at`: an ISO instant, `zone`: an IANA zone) wins;
 * otherwise the next full hour in the person's zone. Unusable parameters are ignored.
 */
export function prefillSchedule(params: { at?: string | null; zone?: string | null }, fallbackZone: string, now = new Date()): ScheduleFields {
  const zone = params.zone && isValidTimeZone(params.zone) ? params.zone : isValidTimeZone(fallbackZone) ? fallbackZone : "UTC";
  const at = params.at ? new Date(params.at) : null;
  const instant = at && Number.isFinite(at.getTime()) ? at : new Date(Math.ceil((now.getTime() + 1) / 3_600_000) * 3_600_000);
  const local = utcToLocal(instant, zone);
  return { date: formatDate(local), time: formatClock(local).slice(0, 5), zone };
}

/** "YYYY-MM-DDTHH:mm": the wall time the schedule API reads in `timezone`. */
export function localInput(f: Pick<ScheduleFields, "date" | "time">): string {
  return `${f.date}T${f.time}`;
}

/** Why these fields cannot be scheduled (bad date, unknown zone, DST gap, past), or null. */
export function scheduleProblem(f: ScheduleFields, now = new Date()): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) return "Pick a date.";
  if (!/^\d{2}:\d{2}$/.test(f.time)) return "Pick a time.";
  const r = parseScheduleTime(localInput(f), f.zone);
  if (!r.ok) return r.code === "nonexistent_time" ? `${r.message}. The next valid time is ${r.nextValid}.` : `${r.message}.`;
  if (r.instant.getTime() < now.getTime() - 60_000) return `${f.date} ${f.time} in ${f.zone} is in the past. Pick a time from now on.`;
  return null;
}

export const WEEKDAYS = [
  { code: "MO", label: "Mon" },
  { code: "TU", label: "Tue" },
  { code: "WE", label: "Wed" },
  { code: "TH", label: "Thu" },
  { code: "FR", label: "Fri" },
  { code: "SA", label: "Sat" },
  { code: "SU", label: "Sun" },
] as const;

export interface RecurrenceForm {
  freq: "none" | "DAILY" | "WEEKLY" | "MONTHLY";
  interval: number;
  byDay: string[];
  end: "never" | "count" | "until";
  count: number;
  /** "YYYY-MM-DD", inclusive */
  until: string;
}

export const NO_RECURRENCE: RecurrenceForm = { freq: "none", interval: 1, byDay: [], end: "count", count: 10, until: "" };

/** The RRULE the builder's fields describe, or null for a one-off post. */
export function buildRRule(f: RecurrenceForm): string | null {
  if (f.freq === "none") return null;
  const parts = [`FREQ=${f.freq}`];
  if (f.interval > 1) parts.push(`INTERVAL=${Math.floor(f.interval)}`);
  if (f.freq === "WEEKLY" && f.byDay.length) {
    const order = WEEKDAYS.map((w) => w.code as string);
    parts.push(`BYDAY=${[...new Set(f.byDay)].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(",")}`);
  }
  if (f.end === "count") parts.push(`COUNT=${Math.floor(f.count)}`);
  if (f.end === "until" && f.until) parts.push(`UNTIL=${f.until.replaceAll("-", "")}`);
  return parts.join(";");
}

export type OccurrencePreview = { ok: true; items: { local: string; instant: Date; shifted: boolean }[]; unbounded: boolean } | { ok: false; message: string };

/** The first `n` occurrences of `rrule` from the picked time on, as the server will create them. */
export function nextOccurrences(rrule: string, f: ScheduleFields, n = 5): OccurrencePreview {
  const parsed = parseRecurrence({ rrule });
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const start = parseLocal(localInput(f));
  const first = parseScheduleTime(localInput(f), f.zone);
  if (!start || !first.ok) return { ok: false, message: "Pick a valid date, time and zone first." };
  const from = new Date(first.instant.getTime() - 1000);
  const to = new Date(first.instant.getTime() + 5 * 366 * 86_400_000);
  const items = expandOccurrences(parsed.rule, { start, timezone: f.zone, from, to, limit: n });
  if (!items.length) return { ok: false, message: "This rule gives no occurrence from the picked time on." };
  return { ok: true, items, unbounded: parsed.rule.unbounded };
}

const DAY = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Mon 6 Jul 2026, 09:00" for a wall time "2026-07-06T09:00" (no Intl: server and browser agree). */
export function describeLocal(local: string): string {
  const l = parseLocal(local);
  if (!l) return local;
  const weekday = new Date(Date.UTC(l.year, l.month - 1, l.day)).getUTCDay();
  return `${DAY[weekday]} ${l.day} ${MONTH[l.month - 1]} ${l.year}, ${formatClock({ ...l, second: 0 })}`;
}
