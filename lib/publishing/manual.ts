/**
 * What people do to the engine by hand: retry a failed or dead-lettered post, read a schedule's
 * attempt history. A retry keeps the version (and so the idempotency key): if an earlier attempt
 * ended with an unknown outcome, the engine still looks before it sends.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { updateScheduleIf } from "@/db/queries/schedules";
import { requeueComment, type CommentRecord } from "@/db/queries/comments";
import { publishAttempts } from "@/db/schema";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { AppError } from "../errors";
import { requireSchedule, syncContent } from "../scheduling/schedules";
import { blackoutAt } from "../scheduling/blackout-skip";

export const RETRYABLE_STATUSES = ["failed", "dead_letter", "skipped"] as const;

export async function retrySchedule(db: Db, actor: Actor, id: string, now = new Date()) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    const current = await requireSchedule(tx, actor, id);
    // "Retry now" publishes now: never inside a blackout (a series occurrence a blackout skipped
    // would otherwise go out in the very window it was skipped for).
    const windows = await blackoutsOverlapping(tx, actor.workspaceId, now, new Date(now.getTime() + 1), [current.platformAccountId]);
    const held = blackoutAt(windows, current.platformAccountId, now);
    if (held) {
      throw new AppError(
        "conflict:blackout",
        `Nothing is published during the blackout${held.reason ? ` "${held.reason}"` : ""} until ${held.endsAt.toISOString()}: retry after it, or clone the post to a later time.`,
        [{ blackout_id: held.id, ends_at: held.endsAt.toISOString() }],
      );
    }
    const row = await updateScheduleIf(tx, actor.workspaceId, id, [...RETRYABLE_STATUSES], {
      publishStatus: "pending",
      scheduledTime: now,
      retryCount: 0,
      errorCode: null,
      errorMessage: null,
    });
    if (!row) {
      throw new AppError(
        `conflict:${current.publishStatus}`,
        `Only failed, dead-lettered or skipped posts can be retried; this one is ${current.publishStatus.replace("_", " ")}.`,
      );
    }
    await syncContent(tx, actor.workspaceId, current.contentItemId);
    await writeAudit(tx, actor, {
      action: "schedule.retry",
      entityType: "schedule",
      entityId: id,
      before: { publish_status: current.publishStatus, error_message: current.errorMessage, retry_count: current.retryCount },
      after: { publish_status: "pending", scheduled_time: now },
    });
    return { ...current, ...row };
  });
}

/**
 * Sends a failed first comment again (its post stays as it is). The comment keeps its key, so a
 * platform that honours keys cannot post it twice, and the engine looks before it sends.
 */
export async function retryComment(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    const current = await requireSchedule(tx, actor, id);
    const comment = current.firstComment as CommentRecord | null;
    if (!comment) throw new AppError("not_found:first_comment", "This post has no first comment.");
    if (!(await requeueComment(tx, actor.workspaceId, id))) {
      throw new AppError(`conflict:${comment.status}`, `Only a failed first comment can be retried; this one is ${comment.status}.`);
    }
    await writeAudit(tx, actor, {
      action: "schedule.comment_retry",
      entityType: "schedule",
      entityId: id,
      before: { first_comment: { status: comment.status, error: comment.error ?? null, attempts: comment.attempts } },
      after: { first_comment: { status: "pending" } },
    });
    return requireSchedule(tx, actor, id);
  });
}

export async function listAttempts(db: Db, actor: Actor, scheduleId: string) {
  assertCan(actor.role, "schedules:read");
  await requireSchedule(db, actor, scheduleId);
  return db.select().from(publishAttempts).where(eq(publishAttempts.scheduleId, scheduleId)).orderBy(asc(publishAttempts.attemptNumber));
}
