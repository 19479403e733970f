import { DAY_MS, MINUTE_MS, checkLocal, formatClock, formatDate, formatLocal, fromWallMs, wallMs, type LocalDateTime } from "./local";

/**
 * All zone knowledge comes from the runtime's ICU data through Intl: no bundled tz database to
 * go stale separately from Node.
 */

// Building a DateTimeFormat costs far more than using one, and expansion converts thousands of times.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, f);
  }
  return f;
}

/**
 * True for names Intl knows ("UTC", "Europe/Berlin", legacy links such as "US/Eastern"). Intl also
 * accepts other letter cases; callers that store the zone should store it as the user typed it,
 * because Intl's own canonical form maps some current names to legacy ones (Asia/Kolkata → Asia/Calcutta).
 */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== "string" || tz === "") return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

function requireZone(tz: string): void {
  if (!isValidTimeZone(tz)) throw new RangeError(`"${tz}" is not a known IANA time zone`);
}

/** Wall time at a whole-second instant. */
function wallAt(ms: number, tz: string): LocalDateTime {
  const l = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  let beforeChrist = false;
  for (const p of formatterFor(tz).formatToParts(ms)) {
    if (p.type === "era") beforeChrist = p.value.startsWith("B");
    else if (p.type === "year" || p.type === "month" || p.type === "day" || p.type === "hour" || p.type === "minute" || p.type === "second") {
      l[p.type] = Number(p.value);
    }
  }
  if (beforeChrist) l.year = 1 - l.year;
  // Some ICU versions have printed midnight as 24 even with h23.
  if (l.hour === 24) l.hour = 0;
  return l;
}

function offsetMsAt(ms: number, tz: string): number {
  return wallMs(wallAt(ms, tz)) - ms;
}

export function utcToLocal(instant: Date, tz: string): LocalDateTime & { offsetMinutes: number } {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("utcToLocal needs a valid Date");
  requireZone(tz);
  // Wall times have whole seconds; flooring keeps the offset exact for instants with milliseconds.
  const whole = Math.floor(ms / 1000) * 1000;
  const l = wallAt(whole, tz);
  return { ...l, offsetMinutes: (wallMs(l) - whole) / MINUTE_MS };
}

export type ZoneGap = {
  /** The instant the clocks jump. */
  transition: number;
  /** Last wall time before the jump (exclusive) and first one after it. */
  from: LocalDateTime;
  to: LocalDateTime;
};

type Resolution = { kind: "single"; instant: number } | { kind: "ambiguous"; instant: number } | { kind: "gap"; shiftedInstant: number; gap: ZoneGap };

/**
 * Every instant that shows this wall time. Offsets are sampled a day either side: no zone changes
 * its offset twice within two days, so those two offsets are the only candidates.
 */
function resolve(local: LocalDateTime, tz: string): Resolution {
  const w = wallMs(local);
  const before = offsetMsAt(w - DAY_MS, tz);
  const after = offsetMsAt(w + DAY_MS, tz);
  const candidates = [...new Set([w - before, w - after])].sort((a, b) => a - b);
  const valid = candidates.filter((c) => offsetMsAt(c, tz) === w - c);
  const first = valid[0];
  if (first !== undefined) return { kind: valid.length > 1 ? "ambiguous" : "single", instant: first };

  // A gap: the offset grows across it, so the smaller one is in force before the jump.
  const offsetBefore = Math.min(before, after);
  const offsetAfter = Math.max(before, after);
  // The jump lies in (w - offsetAfter, w - offsetBefore]; bisect to the second.
  let lo = w - offsetAfter;
  let hi = w - offsetBefore;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetMsAt(mid, tz) === offsetBefore) lo = mid;
    else hi = mid;
  }
  return {
    kind: "gap",
    // RFC 5545 §3.3.5: read a nonexistent time with the offset from before the gap, which moves it forward by the gap's length.
    shiftedInstant: w - offsetBefore,
    gap: { transition: hi, from: fromWallMs(hi + offsetBefore), to: fromWallMs(hi + offsetAfter) },
  };
}

function requireLocal(local: LocalDateTime): void {
  const problem = checkLocal(local);
  if (problem) throw new RangeError(`${JSON.stringify(local)} is not a valid time: ${problem}`);
}

export function describeGap(local: LocalDateTime, tz: string, gap: ZoneGap): string {
  const sameDay = formatDate(gap.from) === formatDate(gap.to);
  const jump = sameDay
    ? `clocks jump from ${formatClock(gap.from)} to ${formatClock(gap.to)} on ${formatDate(gap.from)}`
    : `clocks jump from ${formatLocal(gap.from)} to ${formatLocal(gap.to)}`;
  return `${formatLocal(local)} does not exist in ${tz}: ${jump}`;
}

export type LocalToUtcResult =
  | { ok: true; instant: Date; ambiguous: boolean }
  | { ok: false; reason: "nonexistent"; message: string; nextValid: LocalDateTime };

/**
 * Strict conversion for times a person typed: a time that never shows on the clock is refused
 * (with the first valid one to suggest); a time shown twice takes the earlier, still-daylight instant.
 * Throws RangeError for an impossible date or unknown zone, which callers validate first.
 */
export function localToUtc(local: LocalDateTime, tz: string): LocalToUtcResult {
  requireLocal(local);
  requireZone(tz);
  const r = resolve(local, tz);
  if (r.kind === "gap") return { ok: false, reason: "nonexistent", message: describeGap(local, tz, r.gap), nextValid: r.gap.to };
  return { ok: true, instant: new Date(r.instant), ambiguous: r.kind === "ambiguous" };
}

/**
 * Lenient conversion for generated occurrences, which must land somewhere: a nonexistent time is
 * moved forward by the gap's length (RFC 5545 §3.3.5), an ambiguous one takes the earlier instant.
 */
export function resolveLocal(local: LocalDateTime, tz: string): { instant: Date; ambiguous: boolean; shifted: boolean } {
  requireLocal(local);
  requireZone(tz);
  const r = resolve(local, tz);
  if (r.kind === "gap") return { instant: new Date(r.shiftedInstant), ambiguous: false, shifted: true };
  return { instant: new Date(r.instant), ambiguous: r.kind === "ambiguous", shifted: false };
}
