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

/** The calendar of a range: events in the requested zone, and every conflict among them. */
export async function calendar(db: Db, actor: Actor, q: CalendarQuery) {
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
      blackouts: blackouts.map((b) => ({ id: b.id, accountId: b.platformAccountId, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
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

export type CalendarResult = Awaited<ReturnType<typeof calendar>>;

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
