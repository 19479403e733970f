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

const P2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const p2 = (n: number) => P2[n] ?? String(n).padStart(2, "0");

/** "YYYY-MM-DD" of a UTC day number; events come in time order, so the last one is kept. */
let lastDay = Number.NaN;
let lastDate = "";
function dateOfDay(day: number): string {
  if (day !== lastDay) {
    const d = new Date(day * DAY_MS);
    lastDate = `${String(d.getUTCFullYear()).padStart(4, "0")}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
    lastDay = day;
  }
  return lastDate;
}

const suffixes = new Map<number, string>();
function offsetSuffix(off: number): string {
  let s = suffixes.get(off);
  if (s === undefined) {
    const a = Math.abs(off);
    s = `${off < 0 ? "-" : "+"}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
    suffixes.set(off, s);
  }
  return s;
}

/** `YYYY-MM-DDTHH:mm:ss±hh:mm` of an instant in a zone, using an offsetFinder. */
export function isoInZone(ms: number, offsetOf: (ms: number) => number): string {
  const off = offsetOf(ms);
  const local = Math.floor(ms / 1000) * 1000 + off * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  const seconds = (local - day * DAY_MS) / 1000;
  return `${dateOfDay(day)}T${p2(Math.floor(seconds / 3600))}:${p2(Math.floor(seconds / 60) % 60)}:${p2(seconds % 60)}${offsetSuffix(off)}`;
}

/**
 * The wall-clock reading of instants in a zone as if it were UTC ms (whole seconds), like
 * `wallMs(utcToLocal(…))` but with offsets from an offsetFinder: for many instants at once.
 */
export function wallFinder(tz: string): (ms: number) => number {
  const offsetOf = offsetFinder(tz);
  return (ms) => Math.floor(ms / 1000) * 1000 + offsetOf(ms) * MINUTE_MS;
}
