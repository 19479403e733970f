/**
 * Calendar arithmetic on wall-clock values that carry no zone. Kept apart from the zone code so
 * recurrence expansion can walk days and months without touching Intl at all.
 */

export type LocalDateTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };
export type LocalDate = { year: number; month: number; day: number };

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? `month ${month}`;
}

/** Days since 1970-01-01 (proleptic Gregorian). Date.UTC maps years 0–99 to 1900–1999, hence the detour. */
export function toDayNumber(year: number, month: number, day: number): number {
  if (year >= 100) return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.floor(d.getTime() / DAY_MS);
}

export function fromDayNumber(n: number): LocalDate {
  const d = new Date(n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function dayNumberOf(l: LocalDate): number {
  return toDayNumber(l.year, l.month, l.day);
}

/** 0 = Sunday … 6 = Saturday, the same numbering as Date#getDay and cron. */
export function weekdayOfDayNumber(n: number): number {
  // 1970-01-01 was a Thursday.
  return (((n + 4) % 7) + 7) % 7;
}

export function weekdayOf(l: LocalDate): number {
  return weekdayOfDayNumber(dayNumberOf(l));
}

/**
 * The wall time read as if it were UTC, in ms. Only differences and order are meaningful; the zone
 * code subtracts an offset from it to get a real instant.
 */
export function wallMs(l: LocalDateTime): number {
  return dayNumberOf(l) * DAY_MS + l.hour * HOUR_MS + l.minute * MINUTE_MS + l.second * 1000;
}

export function fromWallMs(ms: number): LocalDateTime {
  const dayNumber = Math.floor(ms / DAY_MS);
  let rest = ms - dayNumber * DAY_MS;
  const hour = Math.floor(rest / HOUR_MS);
  rest -= hour * HOUR_MS;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  return { ...fromDayNumber(dayNumber), hour, minute, second: Math.floor(rest / 1000) };
}

export function compareLocal(a: LocalDateTime, b: LocalDateTime): number {
  return wallMs(a) - wallMs(b);
}

/** Moves the calendar date and keeps the wall time: "same time n days later" regardless of DST. */
export function addDaysLocal(l: LocalDateTime, n: number): LocalDateTime {
  return { ...fromDayNumber(dayNumberOf(l) + n), hour: l.hour, minute: l.minute, second: l.second };
}

const pad2 = (n: number) => String(n).padStart(2, "0");
const pad4 = (n: number) => String(n).padStart(4, "0");

export function formatDate(l: LocalDate): string {
  return `${pad4(l.year)}-${pad2(l.month)}-${pad2(l.day)}`;
}

/** HH:mm, with :ss only when it carries information. */
export function formatClock(l: Pick<LocalDateTime, "hour" | "minute" | "second">): string {
  const hm = `${pad2(l.hour)}:${pad2(l.minute)}`;
  return l.second === 0 ? hm : `${hm}:${pad2(l.second)}`;
}

export function formatLocal(l: LocalDateTime): string {
  return `${formatDate(l)}T${formatClock(l)}`;
}

/**
 * Why a date (and optionally a time) is not real, or null when it is. The reason reads on its own
 * after "… is not a valid time: ", so callers can quote the input once and append it.
 */
export function checkDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1 || year > 9999) return `year must be 0001–9999`;
  if (!Number.isInteger(month) || month < 1 || month > 12) return `month must be 01–12, not ${pad2(month)}`;
  const dim = daysInMonth(year, month);
  if (!Number.isInteger(day) || day < 1 || day > dim) return `${monthName(month)} ${year} has ${dim} days, so there is no day ${pad2(day)}`;
  return null;
}

export function checkLocal(l: LocalDateTime): string | null {
  const dateProblem = checkDate(l.year, l.month, l.day);
  if (dateProblem) return dateProblem;
  if (!Number.isInteger(l.hour) || l.hour < 0 || l.hour > 23) return `hour must be 00–23, not ${pad2(l.hour)}`;
  if (!Number.isInteger(l.minute) || l.minute < 0 || l.minute > 59) return `minute must be 00–59, not ${pad2(l.minute)}`;
  if (!Number.isInteger(l.second) || l.second < 0 || l.second > 59) return `second must be 00–59, not ${pad2(l.second)}`;
  return null;
}

export function isValidLocal(l: LocalDateTime): boolean {
  return checkLocal(l) === null;
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Strict "YYYY-MM-DDTHH:mm[:ss]" without offset; null for anything else, including impossible dates. */
export function parseLocal(s: string): LocalDateTime | null {
  const m = LOCAL_RE.exec(s);
  if (!m) return null;
  const l = fieldsToLocal(m.slice(1));
  return checkLocal(l) === null ? l : null;
}

/** Regex groups (year, month, day, hour, minute, second?) to numbers; a missing second is 0. */
export function fieldsToLocal(groups: readonly (string | undefined)[]): LocalDateTime {
  const [year, month, day, hour, minute, second] = groups.map((g) => (g === undefined ? 0 : Number(g)));
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0, hour: hour ?? 0, minute: minute ?? 0, second: second ?? 0 };
}
