/**
 * Pure helpers of the calendar screen, shared by the page (server) and the board (browser).
 *
 * FullCalendar runs in the chosen zone (its `timeZone` option) and is fed instants with their
 * offsets. What a drop or a move reports is turned back into the wall time in that zone
 * (`wallIn`), and the server (which knows the zone's rules, DST gaps included) turns that wall
 * time into the instant it stores.
 */

export type CalendarEventData = {
  id: string;
  title: string;
  start: string;
  end: string;
  platform_id: string;
  platform_account_id: string;
  publish_status: string;
  content_item_id: string;
  color: string;
  account_name: string;
  tags: string[];
  version: number;
  editable: boolean;
  /** Held by the approval gate now, or will be when due (its current version is not approved). */
  awaiting_approval?: boolean;
  /** The account's state (active, needs_reconnect, error, disabled). */
  account_status?: string;
  /** Still to go out on an account that needs reconnecting or is in error: it would fail when due. */
  account_broken?: boolean;
};
export type ConflictData = { type: string; severity: "error" | "warning"; schedule_ids: string[]; message: string };
export type CalendarFilters = { platforms: string[]; accounts: string[]; statuses: string[]; tag: string };
export const NO_FILTERS: CalendarFilters = { platforms: [], accounts: [], statuses: [], tag: "" };

import { formatDate, parseLocal, resolveLocal, utcToLocal } from "../time";

const DAY_MS = 86_400_000;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** `2026-03-01T09:30:00+01:00` → `2026-03-01T09:30:00`: the wall time in the zone it was written in. */
export function wallOf(isoWithOffset: string): string {
  return isoWithOffset.slice(0, 19);
}

const two = (n: number) => String(n).padStart(2, "0");

/** An instant (a Date FullCalendar hands back) → the wall time it is in a zone, `YYYY-MM-DDTHH:mm`. */
export function wallIn(d: Date, zone: string): string {
  const l = utcToLocal(d, zone);
  return `${formatDate(l)}T${two(l.hour)}:${two(l.minute)}`;
}

/** The wall clock now in a zone, `YYYY-MM-DDTHH:mm:ss`. */
export function wallNow(zone: string, now = new Date()): string {
  const l = utcToLocal(now, zone);
  return `${formatDate(l)}T${two(l.hour)}:${two(l.minute)}:${two(l.second)}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A valid `YYYY-MM-DD` or null. */
export function parseDay(v: string | undefined | null): string | null {
  if (!v || !DATE_RE.test(v)) return null;
  const t = Date.parse(`${v}T00:00:00Z`);
  return Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v ? null : v;
}

/**
 * What the page loads around an anchor day: its whole month, a week before and two after, so
 * every month, week, day and list view that starts in that month is covered without a fetch.
 */
export function rangeAround(anchor: string): { start_date: string; end_date: string } {
  const first = `${anchor.slice(0, 7)}-01`;
  const nextMonth = new Date(Date.parse(`${first}T00:00:00Z`));
  nextMonth.setUTCMonth(nextMonth.getUTCMonth() + 1);
  const last = addDays(nextMonth.toISOString().slice(0, 10), -1);
  return { start_date: addDays(first, -7), end_date: addDays(last, 14) };
}

/** True when a view starting on `day` (and lasting `days`) is inside the loaded range. */
export function covers(range: { start_date: string; end_date: string }, day: string, days = 1): boolean {
  return day >= range.start_date && addDays(day, days - 1) <= range.end_date;
}

/** The days of the week that contains `day`, starting on `weekStart` (0 = Sunday). */
export function weekOf(day: string, weekStart: number): string[] {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  const start = addDays(day, -((dow - weekStart + 7) % 7));
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

export function shiftDay(day: string, days: number): string {
  return addDays(day, days);
}

export function applyFilters(events: CalendarEventData[], f: CalendarFilters): CalendarEventData[] {
  if (!f.platforms.length && !f.accounts.length && !f.statuses.length && !f.tag) return events;
  return events.filter(
    (e) =>
      (!f.platforms.length || f.platforms.includes(e.platform_id)) &&
      (!f.accounts.length || f.accounts.includes(e.platform_account_id)) &&
      (!f.statuses.length || f.statuses.includes(e.publish_status)) &&
      (!f.tag || e.tags.includes(f.tag)),
  );
}

/** Each schedule's conflict messages, for flags on the events. */
export function conflictsById(conflicts: ConflictData[]): Map<string, ConflictData[]> {
  const out = new Map<string, ConflictData[]>();
  for (const c of conflicts) for (const id of c.schedule_ids) out.set(id, [...(out.get(id) ?? []), c]);
  return out;
}

/** The time a dropped draft gets: the slot's own time, or 09:00 on a whole day (month view). */
export function dropWallTime(date: Date, allDay: boolean, zone: string, defaultTime = "09:00"): string {
  const wall = wallIn(date, zone);
  return allDay ? `${wall.slice(0, 10)}T${defaultTime}` : wall;
}

/** The instant of a wall time in a zone (a time skipped by a DST change moves to the first that exists). */
export function instantOf(wall: string, zone: string): string {
  const local = parseLocal(wall.slice(0, 16));
  if (!local) throw new Error(`not a wall time: ${wall}`);
  return resolveLocal(local, zone).instant.toISOString();
}
