import { DAY_MS, MINUTE_MS, dayNumberOf, formatDate, fromDayNumber, resolveLocal, utcToLocal, wallMs } from "../time";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** "YYYY-MM-DD HH:mm" in the zone: how every message shows a time. */
export function formatWhen(ms: number, tz: string): string {
  const l = utcToLocal(new Date(ms), tz);
  return `${formatDate(l)} ${pad2(l.hour)}:${pad2(l.minute)}`;
}

/** The wall-clock reading of an instant as if it were UTC ms, for comparing calendar distances. */
export function wallOf(ms: number, tz: string): number {
  return wallMs(utcToLocal(new Date(ms), tz));
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "10 minutes", "1 hour 30 minutes", "2 days 3 hours": rounded to the minute, two units at most. */
export function describeDuration(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / MINUTE_MS);
  if (minutes < 60) return plural(minutes, "minute");
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return hours > 0 ? `${plural(days, "day")} ${plural(hours, "hour")}` : plural(days, "day");
  return rest > 0 ? `${plural(hours, "hour")} ${plural(rest, "minute")}` : plural(hours, "hour");
}

/** First index whose value is ≥ x in an ascending array. */
export function lowerBound(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface LocalDay {
  dayNumber: number;
  /** First instant of the local day and of the next one: the day is [start, end) in UTC. */
  start: number;
  end: number;
}

/**
 * Local calendar days of one zone, memoised: day bounds are needed per check, and a 23- or 25-hour
 * DST day means they cannot be computed by adding 24 h. Midnight inside a DST gap resolves forward,
 * which is exactly the first instant of that day.
 */
export function localDays(tz: string): (ms: number) => LocalDay {
  const cache = new Map<number, LocalDay>();
  const midnight = (dayNumber: number) => resolveLocal({ ...fromDayNumber(dayNumber), hour: 0, minute: 0, second: 0 }, tz).instant.getTime();
  return (ms) => {
    const dayNumber = dayNumberOf(utcToLocal(new Date(ms), tz));
    let day = cache.get(dayNumber);
    if (!day) {
      day = { dayNumber, start: midnight(dayNumber), end: midnight(dayNumber + 1) };
      cache.set(dayNumber, day);
    }
    return day;
  };
}

export function formatDay(dayNumber: number): string {
  return formatDate(fromDayNumber(dayNumber));
}

export { DAY_MS, MINUTE_MS };
