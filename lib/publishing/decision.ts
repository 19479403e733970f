/**
 * "Needs a decision": a missed post whose policy is `ask` waits (paused, `missed_ask`) until a
 * member chooses Publish now or Skip. The choice is one conditional update, so two tabs deciding
 * at once publish at most once; it is audited and emitted as `schedule_missed_decided`.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { applyMissedDecision, listAwaitingDecision, listRateWaits } from "@/db/queries/decisions";
import { loadJob } from "@/db/queries/publishing-job";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { needsApproval } from "../approvals/state";
import { AppError } from "../errors";
import { requireSchedule, syncContent } from "../scheduling/schedules";
import type { MissedDecision } from "../validation/decisions";
import { emitEvent } from "@/lib/events";

export const AWAITING_DECISION_CODE = "missed_ask";

function notWaiting(status: string, code: string | null) {
  const what = status === "paused" && code === "awaiting_approval" ? "held for approval" : status.replace("_", " ");
  return new AppError(
    "conflict:not_awaiting_decision",
    `This schedule is not waiting for a decision: it is ${what}. Only a missed post with the “ask” policy can be published now or skipped here.`,
  );
}

export async function decideMissed(db: Db, actor: Actor, id: string, decision: MissedDecision) {
  assertCan(actor.role, "schedules:write");
  return db.transaction(async (tx) => {
    const current = await requireSchedule(tx, actor, id);
    if (current.publishStatus !== "paused" || current.errorCode !== AWAITING_DECISION_CODE) throw notWaiting(current.publishStatus, current.errorCode);
    if (decision === "publish_now") {
      // The engine would hold it again, but say so now: nothing unapproved goes out on a click.
      const job = await loadJob(tx, id);
      if (job && needsApproval(job.approvalPolicy, job.rolesSinceApproval)) {
        throw new AppError(
          "conflict:needs_approval",
          "This post needs approval before it can be published. Get this version approved, then choose Publish now.",
        );
      }
    }
    const now = new Date();
    const record = { decision, decided_at: now.toISOString(), decided_by: actor.userId ?? null, api_token_id: actor.tokenId ?? null };
    // Re-checks the state under the row lock: a second decision made at the same moment finds
    // nothing to change and gets the 409 below.
    const row = await applyMissedDecision(
      tx,
      actor.workspaceId,
      id,
      AWAITING_DECISION_CODE,
      record,
      "Skipped: it missed its time and a member chose not to publish it.",
    );
    if (!row) {
      const after = await requireSchedule(tx, actor, id);
      throw notWaiting(after.publishStatus, after.errorCode);
    }
    await syncContent(tx, actor.workspaceId, row.content_item_id);
    await writeAudit(tx, actor, {
      action: "schedule.missed_decision",
      entityType: "schedule",
      entityId: id,
      before: { publish_status: "paused", error_code: AWAITING_DECISION_CODE },
      after: { publish_status: row.publish_status, decision },
    });
    await emitEvent(tx, actor.workspaceId, "schedule_missed_decided", {
      content_id: row.content_item_id,
      schedule_id: row.id,
      platform_id: row.platform_id,
      platform_account_id: row.platform_account_id,
      decision,
      status: row.publish_status,
      decided_by: actor.userId ?? null,
      timestamp: now.toISOString(),
    });
    return { ...current, publishStatus: row.publish_status as typeof current.publishStatus, decision };
  });
}

/** Why a post awaiting a decision was missed, in words. */
export function missedReason(metadata: unknown): string {
  const m = (metadata as { missed?: { after_approval?: boolean; late_seconds?: number } } | null)?.missed;
  if (m?.after_approval) return "It was approved only after its time had passed.";
  return "Nothing was publishing at its time (the server was down or the queue far behind).";
}

/** What the overview and the job monitor show: posts awaiting a decision, and rate-limit waits. */
export async function decisionBoard(db: Db, actor: Actor) {
  assertCan(actor.role, "schedules:read");
  const [awaiting, waits] = await Promise.all([listAwaitingDecision(db, actor.workspaceId), listRateWaits(db, actor.workspaceId)]);
  return { awaiting, waits };
}
