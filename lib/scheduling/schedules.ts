import { timeOrderedId } from "@/lib/ids";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts } from "@/db/queries/accounts";
import { getContentRow, updateContentRow } from "@/db/queries/content";
import {
  deleteScheduleRow,
  getScheduleRow,
  listScheduleRows,
  nextOpenTime,
  PRIORITY_RANK,
  updateScheduleIf,
  type ScheduleInsert,
  type ScheduleRow,
} from "@/db/queries/schedules";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { ScheduleCreateInput, ScheduleListQuery, SchedulePatchInput } from "../validation/schedules";
import { resolveTime } from "./resolve";
import { judgeSlots, loadConflictContext, type ConflictWarning } from "./conflicts";
import { countConflicts } from "../monitoring/counters";
import type { PlatformId } from "@/adapters/types";
import { rangeEnd } from "../validation/common";
import { emitScheduleCancelled, emitScheduleChanged } from "./events";
import { RATE_WAIT_CODE } from "../publishing/rate-wait";

export const OPEN_STATUSES = ["pending", "paused"] as const;
/** Codes of a pending row held by a rate limit (a token-bucket wait, a 429 pause). */
const RATE_WAIT_CODES: string[] = [RATE_WAIT_CODE, "rate_limited"];

export async function requireSchedule(db: Db, actor: Actor, id: string) {
  const row = await getScheduleRow(db, actor.workspaceId, id);
  if (!row) throw notFound("schedule");
  return row;
}

function auditView(s: { scheduledTime: Date; localTime: string; timezone: string; publishStatus: string; platformAccountId: string; version: number }) {
  return {
    scheduled_time: s.scheduledTime,
    local_time: s.localTime,
    timezone: s.timezone,
    publish_status: s.publishStatus,
    platform_account_id: s.platformAccountId,
    version: s.version,
  };
}

/** Keeps the item's status and `scheduled_for` in step with its open schedules. */
export async function syncContent(db: Db, workspaceId: string, contentItemId: string) {
  const item = await getContentRow(db, workspaceId, contentItemId);
  if (!item) return;
  const next = await nextOpenTime(db, contentItemId);
  if (next && (item.status === "draft" || item.status === "approved")) {
    await updateContentRow(db, workspaceId, contentItemId, { status: "scheduled", scheduledFor: next }, undefined, { bump: false });
  } else if (!next && item.status === "scheduled") {
    await updateContentRow(db, workspaceId, contentItemId, { status: "draft", scheduledFor: null }, undefined, { bump: false });
  } else if (next && item.scheduledFor?.getTime() !== next.getTime()) {
    await updateContentRow(db, workspaceId, contentItemId, { scheduledFor: next }, undefined, { bump: false });
  }
}

export interface PlannedSchedule {
  accountId: string;
  platformId: string;
  instant: Date;
  local: string;
  timezone: string;
  seriesId?: string | null;
}

/** Rows for schedules of one item, with ids (and so idempotency keys) fixed before the insert. */
export function scheduleRows(
  actor: Actor,
  contentItemId: string,
  input: Pick<ScheduleCreateInput, "retry_strategy" | "retry_delays" | "max_retries" | "priority" | "missed_policy" | "metadata">,
  plans: PlannedSchedule[],
): ScheduleInsert[] {
  return plans.map((p) => {
    const id = timeOrderedId();
    return {
      id,
      workspaceId: actor.workspaceId,
      contentItemId,
      platformAccountId: p.accountId,
      platformId: p.platformId,
      scheduledTime: p.instant,
      originalTime: p.instant,
      localTime: p.local,
      timezone: p.timezone,
      retryStrategy: input.retry_strategy,
      retryDelays: input.retry_delays ?? null,
      maxRetries: input.max_retries,
      priority: input.priority,
      priorityRank: PRIORITY_RANK[input.priority],
      missedPolicy: input.missed_policy,
      metadata: input.metadata ?? {},
      recurrenceSeriesId: p.seriesId ?? null,
      idempotencyKey: `${id}:v1`,
      createdBy: actor.userId,
    };
  });
}

/** The item and the named accounts, checked: all must exist in the workspace and be usable. */
export async function loadTargets(db: Db, actor: Actor, contentItemId: string, accountIds: string[]) {
  const item = await getContentRow(db, actor.workspaceId, contentItemId);
  if (!item) throw notFound("content");
  if (item.status === "archived") throw new AppError("conflict:archived", "Archived content cannot be scheduled. Restore it first.");
  const unique = [...new Set(accountIds)];
  const accounts = await getAccounts(db, actor.workspaceId, unique);
  const missing = unique.filter((id) => !accounts.some((a) => a.id === id));
  if (missing.length) throw new AppError("not_found:platform_account", `platform account not found: ${missing.join(", ")}`);
  const disabled = accounts.filter((a) => a.status === "disabled");
  if (disabled.length) throw new AppError("conflict:account_disabled", `account ${disabled.map((a) => a.name).join(", ")} is disabled`);
  return { item, accounts };
}

export async function listSchedules(db: Db, actor: Actor, q: ScheduleListQuery) {
  assertCan(actor.role, "schedules:read");
  const from = q.date_from ? new Date(q.date_from) : undefined;
  const to = q.date_to ? rangeEnd(q.date_to) : undefined;
  const { items, total } = await listScheduleRows(db, actor.workspaceId, {
    contentItemId: q.content_item_id,
    platformAccountId: q.platform_account_id,
    platformIds: q.platform ? [q.platform] : undefined,
    statuses: q.publish_status,
    from,
    to,
    sort: q.sort,
    limit: q.limit,
    offset: (q.page - 1) * q.limit,
  });
  return { items, total, page: q.page, pages: Math.max(1, Math.ceil(total / q.limit)) };
}

/** Moves a schedule, or changes its retry settings; only while it has not gone out. */
export async function updateSchedule(db: Db, actor: Actor, id: string, patch: SchedulePatchInput, now = new Date()) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    const current = await requireSchedule(tx, actor, id);
    const set: Partial<ScheduleInsert> = {};
    let moved = false;
    if (patch.scheduled_time !== undefined || patch.timezone !== undefined) {
      const tz = patch.timezone ?? current.timezone;
      const t = resolveTime(patch.scheduled_time ?? current.localTime, tz, now);
      Object.assign(set, { scheduledTime: t.instant, originalTime: t.instant, localTime: t.local, timezone: tz, retryCount: 0 });
      moved = true;
    }
    if (patch.retry_strategy !== undefined) set.retryStrategy = patch.retry_strategy;
    if (patch.retry_delays !== undefined) set.retryDelays = patch.retry_delays;
    if (patch.max_retries !== undefined) set.maxRetries = patch.max_retries;
    if (patch.priority !== undefined) Object.assign(set, { priority: patch.priority, priorityRank: PRIORITY_RANK[patch.priority] });
    if (patch.missed_policy !== undefined) set.missedPolicy = patch.missed_policy;
    if (patch.metadata !== undefined) set.metadata = patch.metadata;
    if (moved) {
      // A moved post no longer waits for a rate limit it was held by at its old time.
      const meta = (set.metadata ?? current.metadata) as Record<string, unknown> | null;
      if (meta && "deferred" in meta) {
        const rest = { ...meta };
        delete rest.deferred;
        set.metadata = rest;
      }
      if (current.errorCode && RATE_WAIT_CODES.includes(current.errorCode)) Object.assign(set, { errorCode: null, errorMessage: null });
    }
    if ((set.retryStrategy ?? current.retryStrategy) === "custom" && !(set.retryDelays ?? current.retryDelays)?.length) {
      throw new AppError("bad_request:validation", "retry_delays (seconds) is required with the custom retry strategy", [
        { field: "retry_delays", message: "required" },
      ]);
    }
    let warnings: ConflictWarning[] = [];
    if (moved) {
      const accounts = await getAccounts(tx, actor.workspaceId, [current.platformAccountId]);
      const ctx = await loadConflictContext(tx, actor.workspaceId, accounts, set.scheduledTime!, set.scheduledTime!, set.timezone!);
      warnings = judgeSlots(
        [
          {
            id,
            accountId: current.platformAccountId,
            platformId: current.platformId as PlatformId,
            contentItemId: current.contentItemId,
            instant: set.scheduledTime!,
            title: current.contentTitle,
          },
        ],
        ctx,
        now,
      );
      await countConflicts(tx, warnings);
    }
    const row = await updateScheduleIf(tx, actor.workspaceId, id, [...OPEN_STATUSES], set, { version: patch.version, bumpVersion: moved });
    if (!row) throw stateConflict(current, patch.version);
    if (moved) {
      await syncContent(tx, actor.workspaceId, current.contentItemId);
      await emitScheduleChanged(tx, row, current.scheduledTime);
    }
    await writeAudit(tx, actor, {
      action: moved ? "schedule.reschedule" : "schedule.update",
      entityType: "schedule",
      entityId: id,
      before: auditView(current),
      after: auditView(row),
    });
    return { row, warnings };
  });
}

function stateConflict(current: ScheduleRow, version?: number) {
  if (version !== undefined && version !== current.version) {
    return new AppError("conflict:version", `The schedule changed since version ${version}. Reload it and try again.`);
  }
  return new AppError(`conflict:${current.publishStatus}`, `This schedule is ${current.publishStatus.replace("_", " ")} and can no longer be changed.`);
}

const TRANSITIONS = {
  pause: { from: ["pending"], to: "paused", verb: "paused" },
  resume: { from: ["paused"], to: "pending", verb: "resumed" },
  cancel: { from: ["pending", "paused"], to: "cancelled", verb: "cancelled" },
} as const;

export async function transitionSchedule(db: Db, actor: Actor, id: string, action: keyof typeof TRANSITIONS) {
  assertCan(actor.role, "schedules:write");
  const t = TRANSITIONS[action];
  return db.transaction(async (tx) => {
    const current = await requireSchedule(tx, actor, id);
    if (current.publishStatus === t.to) return current;
    const row = await updateScheduleIf(tx, actor.workspaceId, id, [...t.from], {
      publishStatus: t.to,
      ...(action === "cancel" ? { errorMessage: `cancelled by ${actor.tokenId ? "an API token" : "a member"}` } : {}),
    });
    if (!row) throw new AppError(`conflict:${current.publishStatus}`, `A ${current.publishStatus.replace("_", " ")} schedule cannot be ${t.verb}.`);
    await syncContent(tx, actor.workspaceId, current.contentItemId);
    if (action === "cancel") await emitScheduleCancelled(tx, [row]);
    await writeAudit(tx, actor, {
      action: `schedule.${action}`,
      entityType: "schedule",
      entityId: id,
      before: { publish_status: current.publishStatus },
      after: { publish_status: t.to },
    });
    return { ...current, ...row };
  });
}

/** Deletes a schedule that never went out; what was published stays as history. */
export async function deleteSchedule(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "schedules:write");
  await db.transaction(async (tx) => {
    const current = await requireSchedule(tx, actor, id);
    if (current.publishStatus === "published" || current.publishStatus === "publishing") {
      throw new AppError(
        `conflict:${current.publishStatus}`,
        "A published schedule is history and stays. Cancel or delete only schedules that have not gone out.",
      );
    }
    await deleteScheduleRow(tx, actor.workspaceId, id);
    await syncContent(tx, actor.workspaceId, current.contentItemId);
    // Deleting a schedule that was still to go out cancels it, as far as receivers can tell.
    if ((OPEN_STATUSES as readonly string[]).includes(current.publishStatus)) await emitScheduleCancelled(tx, [current]);
    await writeAudit(tx, actor, { action: "schedule.delete", entityType: "schedule", entityId: id, before: auditView(current) });
  });
}
