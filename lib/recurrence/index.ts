/**
 * Recurring schedules: an RRULE subset (RFC 5545) or 5-field cron, expanded as wall times in the
 * schedule's zone so they keep their clock time across DST changes.
 */
export { parseRecurrence, type ParseRecurrenceResult } from "./parse";
export { expandOccurrences } from "./expand";
export { parseRRule, WEEKDAY_CODES } from "./rrule";
export { parseCron } from "./cron";
export { parseUntil } from "./until";
export type {
  CronFields,
  ExpandOptions,
  Frequency,
  Occurrence,
  ParsedRule,
  RecurrenceSpec,
  RRuleParts,
  Until,
  WeekdayRule,
} from "./types";
