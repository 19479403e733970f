import { LRUCache } from "lru-cache";
import type { Db } from "@/db/client";
import { listAccounts } from "@/db/queries/accounts";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { calendarRows, calendarStamp, type CalendarRow } from "@/db/queries/schedules";
import type { PlatformId } from "@/adapters/types";
import { findConflicts } from "../conflicts";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { CALENDAR_EVENT_FIELDS, type CalendarEventField, type CalendarQuery } from "../validation/schedules";
import { addDaysLocal, isoInZone, offsetFinder, parseLocal, resolveLocal } from "../time";
import { rulesOf } from "./conflicts";
import { OPEN_STATUSES } from "./schedules";
import { resolveTimezone } from "./resolve";
import { awaitingApprovalAmong } from "../approvals/queue";
import { isBroken } from "./targets";
import { EncodedJson } from "../http/encoding";

export const STATUS_COLORS: Record<string, string> = {
  pending: "#2563eb",
  paused: "#94a3b8",
  publishing: "#7c3aed",
  published: "#16a34a",
  failed: "#dc2626",
  dead_letter: "#991b1b",
  cancelled: "#64748b",
  skipped: "#64748b",
  expired: "#64748b",
};
const EVENT_MINUTES = 30;
const OPEN = new Set<string>(OPEN_STATUSES);
const MAX_RANGE_DAYS = 366;

/**
 * A bound given as a date is the start of that local day in the zone (an end date: of the next
 * day, so days of 23 or 25 hours count whole); a date-time is taken as it is.
 */
function bound(v: string, tz: string, end: boolean): Date {
  if (v.length > 10) return new Date(v);
  const day = parseLocal(`${v}T00:00`)!;
  // resolveLocal moves a midnight that falls in a DST gap to the first minute that exists.
  return resolveLocal(end ? addDaysLocal(day, 1) : day, tz).instant;
}

/** Where and what a calendar answer covers: the workspace, the zone, the instants and the filters. */
async function windowOf(db: Db, actor: Actor, q: CalendarQuery) {
  assertCan(actor.role, "schedules:read");
  const timezone = await resolveTimezone(db, actor, q.timezone);
  const from = bound(q.start_date, timezone, false);
  const to = bound(q.end_date, timezone, true);
  if (to <= from) throw new AppError("bad_request:validation", "end_date must not be before start_date");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
    throw new AppError("bad_request:validation", `the range can span at most ${MAX_RANGE_DAYS} days`);
  const filter = { from, to, platformIds: q.platforms, statuses: q.status_filter, platformAccountId: q.platform_account_id };
  return {
    timezone,
    filter,
    slot: JSON.stringify([actor.workspaceId, timezone, from.getTime(), to.getTime(), q.platforms, q.status_filter, q.platform_account_id]),
  };
}

/** What a calendar answer is made of besides its rows: everything else `render` reads. */
async function sideInputs(db: Db, workspaceId: string, from: Date, to: Date) {
  const [accounts, blackouts] = await Promise.all([listAccounts(db, workspaceId), blackoutsOverlapping(db, workspaceId, from, to)]);
  return {
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, status: a.status, platform: a.platform, config: a.config })),
    blackouts: blackouts.map((b) => ({ id: b.id, accountId: b.platformAccountId, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
  };
}
type CalendarInputs = Awaited<ReturnType<typeof sideInputs>> & { timezone: string; rows: CalendarRow[]; awaiting: string[] };

/** The answer, a pure function of its inputs: events in the zone, and every conflict among them. */
function render({ timezone, rows, accounts, blackouts, awaiting: awaitingIds }: CalendarInputs) {
  const awaiting = new Set(awaitingIds);
  const rules = new Map(accounts.map((a) => [a.id, rulesOf(a)]));
  const conflicts = findConflicts(
    rows.map((r) => ({
      id: r.id,
      accountId: r.platform_account_id,
      platformId: r.platform_id as PlatformId,
      contentItemId: r.content_item_id,
      instant: new Date(r.at),
      status: r.publish_status,
      title: r.title,
    })),
    {
      blackouts,
      rules: (id) => rules.get(id)!,
      timezone,
    },
  );
  const offsetOf = offsetFinder(timezone);
  const byAccount = new Map(accounts.map((a) => [a.id, { name: a.name, status: a.status, broken: isBroken(a.status) }]));
  const unknown = { name: "", status: "active" as (typeof accounts)[number]["status"], broken: false };
  return {
    timezone,
    events: rows.map((r) => {
      const account = byAccount.get(r.platform_account_id) ?? unknown;
      const open = OPEN.has(r.publish_status);
      return {
        id: r.id,
        title: r.title,
        start: isoInZone(r.at, offsetOf),
        end: isoInZone(r.at + EVENT_MINUTES * 60_000, offsetOf),
        platform_id: r.platform_id,
        platform_account_id: r.platform_account_id,
        publish_status: r.publish_status,
        content_item_id: r.content_item_id,
        color: STATUS_COLORS[r.publish_status] ?? "#64748b",
        account_name: account.name,
        tags: r.tags,
        version: r.version,
        // Only what has not gone out can move (the server enforces it; the calendar just says so).
        editable: open,
        awaiting_approval: awaiting.has(r.id),
        account_status: account.status,
        // A post still to go out on an account that needs reconnecting would fail when due.
        account_broken: open && account.broken,
      };
    }),
    conflicts: conflicts.map((c) => ({ type: c.type, severity: c.severity, schedule_ids: c.scheduleIds, message: c.message })),
  };
}

export type CalendarResult = ReturnType<typeof render>;

/**
 * The last answer rendered for each window asked for (workspace, zone, range, filters), with what
 * it was rendered from. Each call checks it against the database before it is used: the window's
 * stamp (calendarStamp: every row in it, and a version of each row and of its item, counted in
 * Postgres without sending the rows), the accounts, blackouts and approval state. When all are
 * equal, the rows are not read again and nothing is rendered; when any differs, the answer is made
 * anew. An answer is never stale: the cache cannot serve what the database no longer says.
 */
interface Rendered {
  stamp: string;
  rows: CalendarRow[];
  /** The side inputs and approval state, as JSON. */
  side: string;
  result: CalendarResult;
  /** The answer as JSON text, by the fields asked for ("*" for all). */
  bodies: Map<string, EncodedJson>;
}
const rendered = new LRUCache<string, Rendered>({
  max: 8,
  maxSize: 64 * 1024 * 1024,
  // ~300 B a row and ~600 B an event as objects, plus the JSON (and its packed forms) kept beside them.
  sizeCalculation: (v) => 1 + v.rows.length * 900 + v.side.length * 2 + [...v.bodies.values()].reduce((n, b) => n + b.size, 0),
});

async function renderedFor(db: Db, actor: Actor, q: CalendarQuery) {
  const { timezone, filter, slot } = await windowOf(db, actor, q);
  const prior = rendered.get(slot);
  // Without an answer for this window, the rows are read at once (with their stamp); with one,
  // only the stamp is, and the rows only if it changed.
  const readRows = () => calendarRows(db, actor.workspaceId, filter);
  const [window, side] = await Promise.all([
    prior ? calendarStamp(db, actor.workspaceId, filter).then((stamp) => (stamp === prior.stamp ? { rows: prior.rows, stamp } : readRows())) : readRows(),
    sideInputs(db, actor.workspaceId, filter.from, filter.to),
  ]);
  const awaiting = [...(await awaitingApprovalAmong(db, actor.workspaceId, window.rows))].sort();
  const sideJson = JSON.stringify([side, awaiting]);
  if (prior && prior.stamp === window.stamp && prior.side === sideJson) return { slot, entry: prior };
  const entry: Rendered = { ...window, side: sideJson, result: render({ timezone, ...window, ...side, awaiting }), bodies: new Map() };
  rendered.set(slot, entry);
  return { slot, entry };
}

/**
 * The calendar of a range: events in the requested zone, and every conflict among them. The result
 * may be shared with other callers: read it, do not change it.
 */
export async function calendar(db: Db, actor: Actor, q: CalendarQuery): Promise<CalendarResult> {
  return (await renderedFor(db, actor, q)).entry.result;
}

/** The calendar as the API's JSON text (kept with its compressed forms), with only `fields` of each event when given. */
export async function calendarJson(db: Db, actor: Actor, q: CalendarQuery & { fields?: readonly CalendarEventField[] }): Promise<EncodedJson> {
  const { slot, entry } = await renderedFor(db, actor, q);
  const shape = q.fields ? q.fields.join(",") : "*";
  let body = entry.bodies.get(shape);
  if (body === undefined) {
    body = new EncodedJson(JSON.stringify(q.fields ? withEventFields(entry.result, q.fields) : entry.result));
    entry.bodies.set(shape, body);
  }
  // The entry may have grown (a new shape, a newly packed form): let the cache count its size again.
  if (rendered.get(slot) === entry) rendered.set(slot, entry);
  return body;
}

/** The calendar with only these fields of each event (in their documented order); conflicts whole. */
export function withEventFields(result: CalendarResult, fields: readonly CalendarEventField[]) {
  const wanted = new Set<string>(fields);
  const keys = CALENDAR_EVENT_FIELDS.filter((f) => wanted.has(f));
  return {
    timezone: result.timezone,
    events: result.events.map((e) => {
      const out: Partial<CalendarResult["events"][number]> = {};
      for (const k of keys) (out as Record<string, unknown>)[k] = e[k];
      return out;
    }),
    conflicts: result.conflicts,
  };
}
