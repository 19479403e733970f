/**
 * Pure time layer: wall times, IANA zones and the conversions between them. A schedule keeps both
 * its UTC instant and its wall time + zone, so "09:00 Europe/Berlin" stays 09:00 across DST changes.
 */
export {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  addDaysLocal,
  checkDate,
  checkLocal,
  compareLocal,
  dayNumberOf,
  fieldsToLocal,
  daysInMonth,
  formatClock,
  formatDate,
  formatLocal,
  fromDayNumber,
  fromWallMs,
  isLeapYear,
  isValidLocal,
  monthName,
  parseLocal,
  toDayNumber,
  wallMs,
  weekdayOf,
  weekdayOfDayNumber,
  type LocalDate,
  type LocalDateTime,
} from "./local";
export { describeGap, isValidTimeZone, localToUtc, resolveLocal, utcToLocal, type LocalToUtcResult, type ZoneGap } from "./zone";
export { parseScheduleTime, type ScheduleTimeResult } from "./parse";
export { isoInZone, offsetFinder, wallFinder } from "./fast";
export { currentZoneName, zoneNames } from "./names";
export { dayStart, wallToInstant, zonedDayRange } from "./days";
