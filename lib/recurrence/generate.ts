import { dayNumberOf, daysInMonth, fromDayNumber, isLeapYear, toDayNumber, wallMs, weekdayOfDayNumber, type LocalDateTime } from "../time";
import type { CronFields, RRuleParts, WeekdayRule } from "./types";

/**
 * Candidate wall times in ascending order, in pure calendar arithmetic. The caller filters by start,
 * end and window and converts to instants. `firstDay`/`lastDay` are day numbers bounding the walk
 * (generators may yield a little outside them); `firstDay` before the start means "from the start".
 */
export type Generate = (start: LocalDateTime, firstDay: number, lastDay: number) => Generator<LocalDateTime>;

const MAX_DAY = toDayNumber(9999, 12, 31);

function mask(values: readonly number[], size: number): boolean[] {
  const m = new Array<boolean>(size).fill(false);
  for (const v of values) m[v] = true;
  return m;
}

export function cronGenerator(c: CronFields): Generate {
  const monthOk = mask(c.months, 13);
  const domOk = mask(c.daysOfMonth, 32);
  const dowOk = mask(c.daysOfWeek, 7);
  const either = c.dayOfMonthRestricted && c.dayOfWeekRestricted;
  return function* (start, firstDay, lastDay) {
    const end = Math.min(lastDay, MAX_DAY);
    for (let d = Math.max(dayNumberOf(start), firstDay); d <= end; d++) {
      const date = fromDayNumber(d);
      if (!monthOk[date.month]) continue;
      const dom = domOk[date.day] === true;
      const dow = dowOk[weekdayOfDayNumber(d)] === true;
      if (either ? !(dom || dow) : !(dom && dow)) continue;
      for (const hour of c.hours) for (const minute of c.minutes) yield { ...date, hour, minute, second: 0 };
    }
  };
}

/** The day numbers one period covers, and how periods are numbered so INTERVAL can skip them. */
type PeriodScheme = { unitOf: (day: number) => number; days: (unit: number) => { first: number; length: number } };

function periodScheme(rule: RRuleParts): PeriodScheme {
  switch (rule.freq) {
    case "DAILY":
      return { unitOf: (d) => d, days: (u) => ({ first: u, length: 1 }) };
    case "WEEKLY": {
      // Day number whose weekday is WKST; day 0 (1970-01-01) was a Thursday.
      const anchor = (((rule.wkst - 4) % 7) + 7) % 7;
      return { unitOf: (d) => Math.floor((d - anchor) / 7), days: (u) => ({ first: anchor + 7 * u, length: 7 }) };
    }
    case "MONTHLY":
      return {
        unitOf: (d) => {
          const { year, month } = fromDayNumber(d);
          return year * 12 + month - 1;
        },
        days: (u) => {
          const year = Math.floor(u / 12);
          const month = u - year * 12 + 1;
          return { first: toDayNumber(year, month, 1), length: daysInMonth(year, month) };
        },
      };
    case "YEARLY":
      return {
        unitOf: (d) => fromDayNumber(d).year,
        days: (y) => ({ first: toDayNumber(y, 1, 1), length: isLeapYear(y) ? 366 : 365 }),
      };
  }
}

/** RFC 5545 fills what the rule leaves out from DTSTART (§3.3.10), the same way python-dateutil does. */
function withDefaults(rule: RRuleParts, start: LocalDateTime) {
  let { byDay, byMonthDay, byMonth } = rule;
  if (byDay.length === 0 && byMonthDay.length === 0) {
    if (rule.freq === "YEARLY") {
      if (byMonth.length === 0) byMonth = [start.month];
      byMonthDay = [start.day];
    } else if (rule.freq === "MONTHLY") {
      byMonthDay = [start.day];
    } else if (rule.freq === "WEEKLY") {
      byDay = [{ weekday: weekdayOfDayNumber(dayNumberOf(start)) }];
    }
  }
  return {
    byDay,
    byMonthDay,
    byMonth,
    hours: rule.byHour.length > 0 ? rule.byHour : [start.hour],
    minutes: rule.byMinute.length > 0 ? rule.byMinute : [start.minute],
  };
}

/** 1-based position of a day among same-weekday days in its span, from the front and from the back. */
function positions(index: number, length: number): [number, number] {
  return [Math.floor(index / 7) + 1, -(Math.floor((length - 1 - index) / 7) + 1)];
}

export function rruleGenerator(rule: RRuleParts): Generate {
  const scheme = periodScheme(rule);
  return function* (start, firstDay, lastDay) {
    const { byDay, byMonthDay, byMonth, hours, minutes } = withDefaults(rule, start);
    const monthOk = byMonth.length > 0 ? mask(byMonth, 13) : null;
    // A position like -1FR counts within the month, or within the year for YEARLY without BYMONTH.
    const positionInYear = rule.freq === "YEARLY" && byMonth.length === 0;

    const dayMatches = (d: number): boolean => {
      const date = fromDayNumber(d);
      if (monthOk && !monthOk[date.month]) return false;
      if (byMonthDay.length > 0) {
        const dim = daysInMonth(date.year, date.month);
        if (!byMonthDay.some((n) => (n > 0 ? n === date.day : dim + 1 + n === date.day))) return false;
      }
      if (byDay.length > 0) {
        const weekday = weekdayOfDayNumber(d);
        let pos: [number, number] | undefined;
        const matches = (r: WeekdayRule) => {
          if (r.weekday !== weekday) return false;
          if (r.nth === undefined) return true;
          if (!pos) {
            pos = positionInYear
              ? positions(d - toDayNumber(date.year, 1, 1), isLeapYear(date.year) ? 366 : 365)
              : positions(date.day - 1, daysInMonth(date.year, date.month));
          }
          return r.nth > 0 ? pos[0] === r.nth : pos[1] === r.nth;
        };
        if (!byDay.some(matches)) return false;
      }
      return true;
    };

    const startUnit = scheme.unitOf(dayNumberOf(start));
    const fromUnit = scheme.unitOf(Math.max(dayNumberOf(start), firstDay));
    let unit = startUnit + Math.floor((fromUnit - startUnit) / rule.interval) * rule.interval;
    for (; ; unit += rule.interval) {
      const { first, length } = scheme.days(unit);
      if (first > lastDay || first > MAX_DAY) return;
      const set: LocalDateTime[] = [];
      for (let d = first; d < first + length; d++) {
        if (!dayMatches(d)) continue;
        const date = fromDayNumber(d);
        for (const hour of hours) for (const minute of minutes) set.push({ ...date, hour, minute, second: start.second });
      }
      yield* rule.bySetPos.length > 0 ? pickPositions(set, rule.bySetPos) : set;
    }
  };
}

/** BYSETPOS picks from the whole period's sorted set, before the start filter (RFC 5545 §3.3.10). */
function pickPositions(set: LocalDateTime[], bySetPos: readonly number[]): LocalDateTime[] {
  const picked = new Set<LocalDateTime>();
  for (const p of bySetPos) {
    const item = set[p > 0 ? p - 1 : set.length + p];
    if (item) picked.add(item);
  }
  return [...picked].sort((a, b) => wallMs(a) - wallMs(b));
}
