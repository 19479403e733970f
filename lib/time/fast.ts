import { DAY_MS, MINUTE_MS } from "./local";
import { utcToLocal } from "./zone";

/**
 * The UTC offset (minutes) of a zone at an instant, for many instants at once (a calendar of
 * thousands of events). Offsets change at most once a day, so each UTC day is looked up twice,
 * at its start and its end; only a day holding a change asks Intl for the exact instant.
 */
export function offsetFinder(tz: string): (ms: number) => number {
  const days = new Map<number, number | null>();
  const exact = (ms: number) => utcToLocal(new Date(ms), tz).offsetMinutes;
  return (ms) => {
    const day = Math.floor(ms / DAY_MS);
    let known = days.get(day);
    if (known === undefined) {
      const start = exact(day * DAY_MS);
      known = start === exact((day + 1) * DAY_MS - MINUTE_MS) ? start : null;
      days.set(day, known);
    }
    return known ?? exact(ms);
  };
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** `YYYY-MM-DDTHH:mm:ss±hh:mm` of an instant in a zone, using an offsetFinder. */
export function isoInZone(ms: number, offsetOf: (ms: number) => number): string {
  const off = offsetOf(ms);
  const d = new Date(Math.floor(ms / 1000) * 1000 + off * MINUTE_MS);
  const a = Math.abs(off);
  return `${String(d.getUTCFullYear()).padStart(4, "0")}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}T${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${off < 0 ? "-" : "+"}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}
