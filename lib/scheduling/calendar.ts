import type { Db } from "@/db/client";
import { listAccounts } from "@/db/queries/accounts";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { schedulesInWindow } from "@/db/queries/schedules";
import type { PlatformId } from "@/adapters/types";
import { findConflicts } from "../conflicts";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { CalendarQuery } from "../validation/schedules";
import { addDaysLocal, isoInZone, offsetFinder, parseLocal, resolveLocal } from "../time";
import { rulesOf } from "./conflicts";
import { OPEN_STATUSES } from "./schedules";
import { resolveTimezone } from "./resolve";
import { awaitingApprovalIds } from "../approvals/queue";
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
  const [rows, accounts, blackouts, awaiting] = await Promise.all([
    schedulesInWindow(db, actor.workspaceId, { from, to, platformIds: q.platforms, statuses: q.status_filter, platformAccountId: q.platform_account_id }),
    listAccounts(db, actor.workspaceId),
    blackoutsOverlapping(db, actor.workspaceId, from, to),
    awaitingApprovalIds(db, actor.workspaceId),
  ]);
  const rules = new Map(accounts.map((a) => [a.id, rulesOf(a)]));
  const conflicts = findConflicts(
    rows.map((r) => ({
      id: r.id,
      accountId: r.platformAccountId,
      platformId: r.platformId as PlatformId,
      contentItemId: r.contentItemId,
      instant: r.scheduledTime,
      status: r.publishStatus,
      title: r.title,
    })),
    {
      blackouts: blackouts.map((b) => ({ id: b.id, accountId: b.platformAccountId, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
      rules: (id) => rules.get(id)!,
      timezone,
    },
  );
  const offsetOf = offsetFinder(timezone);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const statuses = new Map(accounts.map((a) => [a.id, a.status]));
  return {
    timezone,
    events: rows.map((r) => ({
      id: r.id,
      title: r.title,
      start: isoInZone(r.scheduledTime.getTime(), offsetOf),
      end: isoInZone(r.scheduledTime.getTime() + EVENT_MINUTES * 60_000, offsetOf),
      platform_id: r.platformId,
      platform_account_id: r.platformAccountId,
      publish_status: r.publishStatus,
      content_item_id: r.contentItemId,
      color: STATUS_COLORS[r.publishStatus] ?? "#64748b",
      account_name: names.get(r.platformAccountId) ?? "",
      tags: r.tags,
      version: r.version,
      // Only what has not gone out can move (the server enforces it; the calendar just says so).
      editable: (OPEN_STATUSES as readonly string[]).includes(r.publishStatus),
      awaiting_approval: awaiting.has(r.id),
      account_status: statuses.get(r.platformAccountId) ?? "active",
      // A post still to go out on an account that needs reconnecting would fail when due.
      account_broken: (OPEN_STATUSES as readonly string[]).includes(r.publishStatus) && isBroken(statuses.get(r.platformAccountId) ?? "active"),
    })),
    conflicts: conflicts.map((c) => ({ type: c.type, severity: c.severity, schedule_ids: c.scheduleIds, message: c.message })),
  };
}
