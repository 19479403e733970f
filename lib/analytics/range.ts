/**
 * The date range of the analytics screen and how its instants map to the viewer's wall clock.
 *
 * A range is two calendar dates in the viewer's zone (`from` and `to`, both included), read from
 * the URL. It covers the instants from local midnight of `from` to local midnight after `to`.
 *
 * Bucketing by local day / weekday / hour happens in SQL, but the zone knowledge stays here: the
 * range is cut into segments of constant UTC offset (usually one, two or three around DST
 * changes), and the query shifts each instant by its segment's offset to get the wall time.
 * Postgres's own tz database is never asked, so the buckets agree with every other screen (which
 * use the runtime's Intl data), and a 30-minute zone buckets at its own half-hours.
 */
import { DAY_MS, MINUTE_MS, checkDate, formatDate, fromDayNumber, resolveLocal, toDayNumber, utcToLocal, isValidTimeZone } from "../time";

export const PRESETS = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;
/** Longest range a report covers (one year, leap day included). */
export const MAX_DAYS = 366;

export interface ZoneSegments {
  /** UTC instants (ISO) where a segment starts; the first is the range start. */
  starts: string[];
  /** UTC offset in minutes of each segment. */
  offsets: number[];
}

export interface ReportRange {
  /** YYYY-MM-DD in `zone`, both included. */
  from: string;
  to: string;
  zone: string;
  /** Every day of the range in order (YYYY-MM-DD). */
  days: string[];
  /** Local midnight of `from` and of the day after `to`, as instants. */
  start: Date;
  end: Date;
  /** 7, 30 or 90 when the range is "the last n days" ending today, otherwise null. */
  preset: number | null;
  segments: ZoneSegments;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a YYYY-MM-DD string, or an error message. */
export function parseDay(text: string): { ok: true; day: number } | { ok: false; message: string } {
  const m = DATE_RE.exec(text);
  if (!m) return { ok: false, message: `"${text}" is not a date (YYYY-MM-DD)` };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const bad = checkDate(y, mo, d);
  if (bad) return { ok: false, message: `"${text}": ${bad}` };
  return { ok: true, day: toDayNumber(y, mo, d) };
}

export const dayString = (dayNumber: number) => formatDate(fromDayNumber(dayNumber));

/** Today's day number in the zone. */
export function todayIn(now: Date, zone: string): number {
  const l = utcToLocal(now, zone);
  return toDayNumber(l.year, l.month, l.day);
}

function midnight(dayNumber: number, zone: string): Date {
  const d = fromDayNumber(dayNumber);
  // A zone that skips midnight (clocks jump 00:00 → 01:00) starts the day at the first real instant.
  return resolveLocal({ ...d, hour: 0, minute: 0, second: 0 }, zone).instant;
}

/**
 * Cuts [start, end) into segments of constant UTC offset. Offsets change at most once a day in
 * real zones, so each day is compared end to end and a change is found to the minute by halving.
 */
export function zoneSegments(start: Date, end: Date, zone: string): ZoneSegments {
  const offsetAt = (ms: number) => utcToLocal(new Date(ms), zone).offsetMinutes;
  const starts = [start.toISOString()];
  const offsets = [offsetAt(start.getTime())];
  for (let t = start.getTime(); t < end.getTime(); t += DAY_MS) {
    const stop = Math.min(t + DAY_MS, end.getTime());
    let before = offsets[offsets.length - 1]!;
    if (offsetAt(stop - MINUTE_MS) === before) continue;
    let lo = t; // offset `before` here
    let hi = stop - MINUTE_MS; // a different offset here
    while (hi - lo > MINUTE_MS) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
      if (offsetAt(mid) === before) lo = mid;
      else hi = mid;
    }
    before = offsetAt(hi);
    starts.push(new Date(hi).toISOString());
    offsets.push(before);
  }
  return { starts, offsets };
}

/** The range of the days `fromDay` … `toDay` (day numbers) in the zone. */
export function makeRange(fromDay: number, toDay: number, zone: string, today: number): ReportRange {
  const start = midnight(fromDay, zone);
  const end = midnight(toDay + 1, zone);
  const days: string[] = [];
  for (let d = fromDay; d <= toDay; d++) days.push(dayString(d));
  const length = toDay - fromDay + 1;
  const preset = toDay === today && (PRESETS as readonly number[]).includes(length) ? length : null;
  return { from: dayString(fromDay), to: dayString(toDay), zone, days, start, end, preset, segments: zoneSegments(start, end, zone) };
}

/** The last `n` days ending today in the zone. */
export function lastDays(n: number, now: Date, zone: string): ReportRange {
  const today = todayIn(now, zone);
  return makeRange(today - n + 1, today, zone, today);
}

export type RangeResult = { ok: true; range: ReportRange } | { ok: false; message: string };

/**
 * A range from `from` / `to` as given (either may be missing: a missing `to` is today, a missing
 * `from` is 30 days before `to`). Errors say what is wrong; nothing is guessed from a bad value.
 */
export function parseRange(from: string | undefined, to: string | undefined, now: Date, zone: string): RangeResult {
  const tz = isValidTimeZone(zone) ? zone : "UTC";
  const today = todayIn(now, tz);
  let toDay = today;
  if (to) {
    const t = parseDay(to);
    if (!t.ok) return { ok: false, message: `to: ${t.message}` };
    toDay = t.day;
  }
  let fromDay = toDay - DEFAULT_DAYS + 1;
  if (from) {
    const f = parseDay(from);
    if (!f.ok) return { ok: false, message: `from: ${f.message}` };
    fromDay = f.day;
  }
  if (fromDay > toDay) return { ok: false, message: `from (${dayString(fromDay)}) is after to (${dayString(toDay)})` };
  if (toDay - fromDay + 1 > MAX_DAYS) return { ok: false, message: `the range is ${toDay - fromDay + 1} days long; at most ${MAX_DAYS} are shown` };
  return { ok: true, range: makeRange(fromDay, toDay, tz, today) };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/**
 * The page's range from its search params: a bad range falls back to the last 30 days and says
 * why (the page shows the note), so a mistyped URL never shows an error page.
 */
export function readRange(params: Record<string, string | string[] | undefined>, now: Date, zone: string): { range: ReportRange; note: string | null } {
  const r = parseRange(first(params.from), first(params.to), now, zone);
  if (r.ok) return { range: r.range, note: null };
  return { range: lastDays(DEFAULT_DAYS, now, isValidTimeZone(zone) ? zone : "UTC"), note: `Showing the last ${DEFAULT_DAYS} days instead: ${r.message}.` };
}
