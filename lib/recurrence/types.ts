import type { LocalDate, LocalDateTime } from "../time";

/** count/until may be given here or inside the RRULE (COUNT=, UNTIL=); giving both ends is refused. */
export type RecurrenceSpec = { rrule: string; count?: number; until?: string } | { cron: string; count?: number; until?: string };

export type Frequency = "DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY";

/** weekday 0 = Sunday … 6 = Saturday; nth = 1MO / -1FR position within the month (or year). */
export type WeekdayRule = { weekday: number; nth?: number };

/** Empty lists mean "not given"; expansion fills the RFC 5545 defaults from the start. */
export type RRuleParts = {
  freq: Frequency;
  interval: number;
  byDay: WeekdayRule[];
  byMonthDay: number[];
  byMonth: number[];
  byHour: number[];
  byMinute: number[];
  bySetPos: number[];
  wkst: number;
};

export type CronFields = {
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** 0 = Sunday … 6 = Saturday (7 is folded into 0). */
  daysOfWeek: number[];
  /**
   * Whether the field was written without a leading "*". Vixie cron decides the day rule from this:
   * both restricted → a day matches either field; otherwise it must match both.
   */
  dayOfMonthRestricted: boolean;
  dayOfWeekRestricted: boolean;
};

/**
 * UNTIL is inclusive. An instant (…Z or with an offset) bounds by UTC; a wall time or a date bounds
 * by the zone's clock, the date form through the end of that day.
 */
export type Until = { kind: "instant"; instant: Date } | { kind: "local"; local: LocalDateTime } | { kind: "date"; date: LocalDate };

type RuleEnd = {
  /** The text the rule was parsed from, for messages and storage. */
  source: string;
  count?: number;
  until?: Until;
  /** Neither count nor until: the rule runs forever, which callers may want to confirm. */
  unbounded: boolean;
};

export type ParsedRule = (RuleEnd & { kind: "rrule"; rrule: RRuleParts }) | (RuleEnd & { kind: "cron"; cron: CronFields });

export type Occurrence = {
  /** Wall time in the zone, "YYYY-MM-DDTHH:mm[:ss]"; for a shifted occurrence the time it really happens. */
  local: string;
  instant: Date;
  /** The rule's wall time did not exist (DST gap) and was moved forward by the gap's length. */
  shifted: boolean;
};

export type ExpandOptions = {
  /** First possible occurrence; also the default time of day and anchor day for RRULEs. */
  start: LocalDateTime;
  timezone: string;
  /** Half-open window [from, to) on instants. */
  from: Date;
  to: Date;
  /** Default 1000. */
  limit?: number;
};

export type ParseResult<T> = ({ ok: true } & T) | { ok: false; message: string };
