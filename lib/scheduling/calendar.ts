import crypto from "node:crypto";
import { LRUCache } from "lru-cache";
import type { Db } from "@/db/client";
import { listAccounts } from "@/db/queries/accounts";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { calendarRows } from "@/db/queries/schedules";
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

/** What a calendar answer is made of: everything `render` reads, and nothing else. */
async function calendarInputs(db: Db, actor: Actor, q: CalendarQuery) {
  assertCan(actor.role, "schedules:read");
  const timezone = await resolveTimezone(db, actor, q.timezone);
  const from = bound(q.start_date, timezone, false);
  const to = bound(q.end_date, timezone, true);
  if (to <= from) throw new AppError("bad_request:validation", "end_date must not be before start_date");
  if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000)
    throw new AppError("bad_request:validation", `the range can span at most ${MAX_RANGE_DAYS} days`);
  const [rows, accounts, blackouts] = await Promise.all([
    calendarRows(db, actor.workspaceId, { from, to, platformIds: q.platforms, statuses: q.status_filter, platformAccountId: q.platform_account_id }),
    listAccounts(db, actor.workspaceId),
    blackoutsOverlapping(db, actor.workspaceId, from, to),
  ]);
  const awaiting = await awaitingApprovalAmong(db, actor.workspaceId, rows);
  return {
    timezone,
    rows,
    accounts: accounts.map((a) => ({ id: a.id, name: a.name, status: a.status, platform: a.platform, config: a.config })),
    blackouts: blackouts.map((b) => ({ id: b.id, accountId: b.platformAccountId, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
    awaiting: [...awaiting].sort(),
  };
}
type CalendarInputs = Awaited<ReturnType<typeof calendarInputs>>;

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
 * Rendered answers by a digest of their inputs. The rows, accounts, blackouts and approval state
 * are read on every call; only turning them into events, finding conflicts and writing the JSON is
 * skipped when exactly the same inputs were rendered before (a calendar open in several tabs, the
 * live refresh, API polling). A change to anything the answer shows changes the inputs, so an
 * answer is never stale: the cache cannot serve what the database no longer says.
 */
const rendered = new LRUCache<string, { result: CalendarResult; json: Map<string, string> }>({
  max: 8,
  maxSize: 48 * 1024 * 1024,
  // ~600 B per event as objects, plus the JSON kept beside it.
  sizeCalculation: (v) => 1 + v.result.events.length * 600 + [...v.json.values()].reduce((n, j) => n + j.length, 0),
});

function digest(inputs: CalendarInputs): string {
  return crypto.createHash("sha1").update(JSON.stringify(inputs)).digest("base64url");
}

async function renderedFor(db: Db, actor: Actor, q: CalendarQuery) {
  const inputs = await calendarInputs(db, actor, q);
  const key = digest(inputs);
  let entry = rendered.get(key);
  if (!entry) {
    entry = { result: render(inputs), json: new Map() };
    rendered.set(key, entry);
  }
  return { key, entry };
}

/**
 * The calendar of a range: events in the requested zone, and every conflict among them. The result
 * may be shared with other callers: read it, do not change it.
 */
export async function calendar(db: Db, actor: Actor, q: CalendarQuery): Promise<CalendarResult> {
  return (await renderedFor(db, actor, q)).entry.result;
}

/** The calendar as the API's JSON text, with only `fields` of each event when given. */
export async function calendarJson(db: Db, actor: Actor, q: CalendarQuery & { fields?: readonly CalendarEventField[] }): Promise<string> {
  const { key, entry } = await renderedFor(db, actor, q);
  const shape = q.fields ? q.fields.join(",") : "*";
  let json = entry.json.get(shape);
  if (json === undefined) {
    json = JSON.stringify(q.fields ? withEventFields(entry.result, q.fields) : entry.result);
    entry.json.set(shape, json);
    // The entry grew: let the cache count its size again.
    rendered.set(key, entry);
  }
  return json;
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
