import { addDaysLocal, formatLocal, parseLocal, resolveLocal, weekdayOf, type LocalDateTime } from "../time";

export type PatternType = "daily" | "weekly_slots" | "spread";
export interface BulkPattern {
  type: PatternType;
  start_date: string;
  end_date: string;
  times?: string[];
  /** Weekdays for weekly_slots: 0 = Sunday … 6 = Saturday, or mon…sun. */
  days?: (number | string)[];
  timezone: string;
}

const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const MAX_DAYS = 366;

function weekday(d: number | string): number | null {
  if (typeof d === "number") return Number.isInteger(d) && d >= 0 && d <= 6 ? d : null;
  const i = DAY_NAMES.indexOf(d.trim().toLowerCase().slice(0, 3));
  return i >= 0 ? i : null;
}

type Planned = { ok: true; slots: string[] } | { ok: false; message: string };

/**
 * Wall times (in the pattern's zone) for `count` items, in order:
 * - daily: every day of the range at each of `times`, first free slots first;
 * - weekly_slots: the same on the given weekdays only;
 * - spread: the items evenly over the range, one a day at most, cycling through `times`.
 * Slots already past (`now`) are skipped; too few slots is an error naming how many there are.
 */
export function planPattern(p: BulkPattern, count: number, now: Date): Planned {
  const start = parseLocal(`${p.start_date}T00:00`);
  const end = parseLocal(`${p.end_date}T00:00`);
  if (!start) return { ok: false, message: `start_date "${p.start_date}" is not a date (YYYY-MM-DD)` };
  if (!end) return { ok: false, message: `end_date "${p.end_date}" is not a date (YYYY-MM-DD)` };
  const days: LocalDateTime[] = [];
  for (let d = start; formatLocal(d) <= formatLocal(end); d = addDaysLocal(d, 1)) {
    days.push(d);
    if (days.length > MAX_DAYS) return { ok: false, message: `the date range can span at most ${MAX_DAYS} days` };
  }
  if (!days.length) return { ok: false, message: "end_date must not be before start_date" };
  const times = [...new Set(p.times?.length ? p.times : ["09:00"])].sort();
  const bad = times.find((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t));
  if (bad !== undefined) return { ok: false, message: `time "${bad}" is not HH:mm (00:00 to 23:59)` };

  let allowed = days;
  if (p.type === "weekly_slots") {
    if (!p.days?.length) return { ok: false, message: 'weekly_slots needs days, e.g. ["mon", "wed", "fri"]' };
    const wanted = p.days.map(weekday);
    if (wanted.some((w) => w === null)) return { ok: false, message: `days must be 0–6 (Sunday = 0) or mon…sun` };
    allowed = days.filter((d) => wanted.includes(weekdayOf(d)));
  }
  const future = (local: string) => resolveLocal(parseLocal(local)!, p.timezone).instant.getTime() >= now.getTime();
  const at = (d: LocalDateTime, t: string) => `${formatLocal(d).slice(0, 10)}T${t}`;

  if (p.type === "spread") {
    const open = allowed.filter((d) => future(at(d, times[times.length - 1]!)));
    if (open.length < count) return { ok: false, message: `spread puts at most one item a day: ${open.length} days are left in the range for ${count} items` };
    const slots = Array.from({ length: count }, (_, i) => {
      const day = open[Math.floor((i * open.length) / count)]!;
      // The item's turn in `times`, unless that hour of today is already past.
      const turn = times[i % times.length]!;
      const time = future(at(day, turn)) ? turn : times.find((t) => future(at(day, t)))!;
      return at(day, time);
    });
    return { ok: true, slots };
  }
  const slots: string[] = [];
  for (const d of allowed) {
    for (const t of times) {
      if (slots.length < count && future(at(d, t))) slots.push(at(d, t));
    }
  }
  if (slots.length < count)
    return {
      ok: false,
      message: `the pattern has ${slots.length} free slot${slots.length === 1 ? "" : "s"} between ${p.start_date} and ${p.end_date} for ${count} items`,
    };
  return { ok: true, slots };
}
