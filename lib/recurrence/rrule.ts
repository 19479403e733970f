import { daysInMonth } from "../time";
import type { Frequency, ParseResult, RRuleParts, Until, WeekdayRule } from "./types";
import { parseUntil } from "./until";

export const WEEKDAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

const FREQUENCIES: readonly Frequency[] = ["DAILY", "WEEKLY", "MONTHLY", "YEARLY"];
const SUPPORTED = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYMONTH", "BYHOUR", "BYMINUTE", "BYSETPOS", "WKST"];
const KNOWN_UNSUPPORTED = ["BYSECOND", "BYYEARDAY", "BYWEEKNO", "RSCALE", "SKIP"];

type Fail = { ok: false; message: string };
const fail = (message: string): Fail => ({ ok: false, message });

function parseInteger(name: string, raw: string, min: number, max: number, allowNegative: boolean): number | string {
  if (!/^[+-]?\d+$/.test(raw)) return `${name}: "${raw}" is not a whole number`;
  const n = Number(raw);
  const inRange = (n >= min && n <= max) || (allowNegative && n <= -min && n >= -max);
  if (!inRange) {
    const range = allowNegative ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
    return `${name}: ${raw} is out of range (${range})`;
  }
  return n;
}

function parseIntegerList(name: string, raw: string, min: number, max: number, allowNegative = false): number[] | string {
  const out: number[] = [];
  for (const item of raw.split(",")) {
    const n = parseInteger(name, item.trim(), min, max, allowNegative);
    if (typeof n === "string") return n;
    if (!out.includes(n)) out.push(n);
  }
  return out;
}

function parseWeekday(name: string, raw: string): number | string {
  const i = WEEKDAY_CODES.indexOf(raw.toUpperCase() as (typeof WEEKDAY_CODES)[number]);
  return i >= 0 ? i : `${name}=${raw}: "${raw}" is not a weekday (use MO, TU, WE, TH, FR, SA or SU)`;
}

function parseByDay(raw: string): WeekdayRule[] | string {
  const out: WeekdayRule[] = [];
  for (const item of raw.split(",")) {
    const m = /^([+-]?\d{1,2})?([A-Za-z]{2})$/.exec(item.trim());
    const weekday = m ? WEEKDAY_CODES.indexOf((m[2] ?? "").toUpperCase() as (typeof WEEKDAY_CODES)[number]) : -1;
    if (!m || weekday < 0) {
      return `BYDAY=${raw}: "${item}" is not a weekday (use MO, TU, WE, TH, FR, SA or SU, optionally with a position such as 1MO or -1FR)`;
    }
    if (m[1] === undefined) out.push({ weekday });
    else {
      const nth = Number(m[1]);
      if (nth === 0) return `BYDAY=${raw}: "${item}" has position 0; positions count from 1 (first) or -1 (last)`;
      out.push({ weekday, nth });
    }
  }
  return out;
}

/** Only the split: every value is checked in parseRRule once FREQ is known. */
function splitParts(text: string): Map<string, string> | string {
  const parts = new Map<string, string>();
  for (const piece of text.split(";")) {
    if (piece.trim() === "") continue; // a trailing ";" is common and harmless
    const eq = piece.indexOf("=");
    if (eq <= 0) return `"${piece}" is not NAME=VALUE`;
    const name = piece.slice(0, eq).trim().toUpperCase();
    const value = piece.slice(eq + 1).trim();
    if (value === "") return `${name} has no value`;
    if (parts.has(name)) return `${name} is given twice`;
    if (KNOWN_UNSUPPORTED.includes(name)) return `${name} is not supported (supported parts: ${SUPPORTED.join(", ")})`;
    if (!SUPPORTED.includes(name)) return `unknown rule part "${name}" (supported parts: ${SUPPORTED.join(", ")})`;
    parts.set(name, value);
  }
  return parts;
}

/** The RFC 5545 subset this scheduler runs, written out so every refusal can say exactly what is wrong. */
export function parseRRule(input: string): ParseResult<{ rrule: RRuleParts; count?: number; until?: Until }> {
  let text = input.trim();
  if (/^RRULE:/i.test(text)) text = text.slice(6);
  if (/[\r\n]/.test(text) || /^DTSTART/i.test(text)) return fail("give only the RRULE line; the first occurrence comes from the schedule's start");
  if (text === "") return fail("the RRULE is empty; it needs at least FREQ, e.g. FREQ=DAILY");

  const parts = splitParts(text);
  if (typeof parts === "string") return fail(parts);

  const freqRaw = parts.get("FREQ");
  if (freqRaw === undefined) return fail("FREQ is required (DAILY, WEEKLY, MONTHLY or YEARLY)");
  const freq = freqRaw.toUpperCase();
  if (freq === "HOURLY" || freq === "MINUTELY" || freq === "SECONDLY") {
    return fail(`FREQ=${freq} is not supported: use FREQ=DAILY with BYHOUR/BYMINUTE, or a cron expression`);
  }
  if (!FREQUENCIES.includes(freq as Frequency)) return fail(`unknown FREQ "${freqRaw}": use DAILY, WEEKLY, MONTHLY or YEARLY`);

  const rule: RRuleParts = {
    freq: freq as Frequency,
    interval: 1,
    byDay: [],
    byMonthDay: [],
    byMonth: [],
    byHour: [],
    byMinute: [],
    bySetPos: [],
    wkst: 1, // RFC 5545 default: weeks start on Monday
  };
  let count: number | undefined;
  let until: Until | undefined;

  for (const [name, value] of parts) {
    let problem: string | undefined;
    const list = (min: number, max: number, negative = false) => {
      const r = parseIntegerList(name, value, min, max, negative);
      if (typeof r === "string") problem = r;
      return typeof r === "string" ? [] : r;
    };
    switch (name) {
      case "INTERVAL":
      case "COUNT": {
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!Number.isSafeInteger(n) || n < 1) problem = `${name} must be a whole number of 1 or more, not "${value}"`;
        else if (name === "INTERVAL") rule.interval = n;
        else count = n;
        break;
      }
      case "UNTIL": {
        const r = parseUntil(value, "UNTIL");
        if (r.ok) until = r.until;
        else problem = r.message;
        break;
      }
      case "BYDAY": {
        const r = parseByDay(value);
        if (typeof r === "string") problem = r;
        else rule.byDay = r;
        break;
      }
      case "WKST": {
        const r = parseWeekday(name, value);
        if (typeof r === "string") problem = r;
        else rule.wkst = r;
        break;
      }
      case "BYMONTHDAY":
        rule.byMonthDay = list(1, 31, true);
        break;
      case "BYMONTH":
        rule.byMonth = list(1, 12).sort((a, b) => a - b);
        break;
      case "BYHOUR":
        rule.byHour = list(0, 23).sort((a, b) => a - b);
        break;
      case "BYMINUTE":
        rule.byMinute = list(0, 59).sort((a, b) => a - b);
        break;
      case "BYSETPOS":
        rule.bySetPos = list(1, 366, true);
        break;
    }
    if (problem) return fail(problem);
  }

  const combination = checkCombination(rule, parts);
  if (combination) return fail(combination);
  if (count !== undefined && until !== undefined) return fail("COUNT and UNTIL cannot both be set (RFC 5545): pick one end");
  return { ok: true, rrule: rule, ...(count !== undefined && { count }), ...(until !== undefined && { until }) };
}

/** Combinations RFC 5545 forbids, or that could never produce a single occurrence. */
function checkCombination(rule: RRuleParts, parts: Map<string, string>): string | null {
  const positioned = rule.byDay.find((d) => d.nth !== undefined);
  if (positioned?.nth !== undefined) {
    const code = `${positioned.nth}${WEEKDAY_CODES[positioned.weekday]}`;
    if (rule.freq === "DAILY" || rule.freq === "WEEKLY") {
      return `BYDAY=${parts.get("BYDAY")}: a position such as ${code} only works with FREQ=MONTHLY or FREQ=YEARLY`;
    }
    // Within a month a weekday occurs 4 or 5 times; within a year 52 or 53.
    const max = rule.freq === "MONTHLY" || rule.byMonth.length > 0 ? 5 : 53;
    const tooFar = rule.byDay.find((d) => d.nth !== undefined && Math.abs(d.nth) > max);
    if (tooFar) return `BYDAY=${parts.get("BYDAY")}: position ${tooFar.nth} is out of range (1 to ${max} or -${max} to -1)`;
  }
  if (rule.freq === "WEEKLY" && rule.byMonthDay.length > 0) return "BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545)";
  if (rule.bySetPos.length > 0 && ![rule.byDay, rule.byMonthDay, rule.byMonth, rule.byHour, rule.byMinute].some((l) => l.length > 0)) {
    return "BYSETPOS needs another BY… part (such as BYDAY) to pick positions from";
  }
  if (rule.byMonth.length > 0 && rule.byMonthDay.length > 0) {
    // Leap years give February 29 days, so only days no chosen month ever has make the rule empty.
    const possible = rule.byMonth.some((m) => rule.byMonthDay.some((d) => Math.abs(d) <= daysInMonth(2000, m)));
    if (!possible) return `BYMONTHDAY=${parts.get("BYMONTHDAY")} never falls in BYMONTH=${parts.get("BYMONTH")}, so the rule has no occurrences`;
  }
  return null;
}
