/**
 * A decision by somebody without an account (a client on a review link). It moves the approval
 * only when the workspace allows external approvers and the post is waiting for review; otherwise
 * it is a comment in the post's review thread, under the name the reviewer gave. Either way it is
 * a comment, so members read what the client said next to their own reviews.
 */
import type { Db } from "@/db/client";
import { decideRequest, latestRequest, refreshPendingRequest, setWorkflowStatus } from "@/db/queries/approvals";
import { insertComment } from "@/db/queries/review-comments";
import type { ContentRow } from "@/db/queries/content";
import { getConfig } from "../config";
import { AppError } from "../errors";
import { emitEvent } from "@/lib/events";
import { releaseHeld } from "../publishing/missed";
import { observeApprovalResponse } from "../monitoring/counters";
import { requirePolicy } from "./policy";
import { approvalState } from "./state";
import { snapshotOf } from "./workflow";

export type ExternalDecision = "approve" | "request_changes";
export type ExternalOutcome = "approved" | "changes_requested" | "comment";

const SAID: Record<ExternalDecision, string> = { approve: "Approved", request_changes: "Requested changes" };

/**
 * Runs inside the caller's transaction, with the item locked at the version the reviewer saw.
 * Refuses an item whose current version is already approved, or that went out or was archived.
 */
export async function decideExternally(
  tx: Db,
  item: ContentRow,
  input: { decision: ExternalDecision; name: string; comment: string | null; via: string },
): Promise<{ outcome: ExternalOutcome; approvalRequestId: string | null }> {
  if (item.status === "published") throw new AppError("conflict:published", "This post has been published already: there is nothing left to decide.");
  if (item.status === "archived") throw new AppError("conflict:archived", "This post was archived: there is nothing left to decide.");
  const latest = await latestRequest(tx, item.id);
  const state = approvalState(latest, item.version);
  if (state === "approved") throw new AppError("conflict:approval_state", "This version of the post is approved already.");
  const policy = await requirePolicy(tx, item.workspaceId);
  const said = `${SAID[input.decision]} ${input.via}${input.comment ? `: ${input.comment}` : "."}`;
  let outcome: ExternalOutcome = "comment";
  let requestId = latest?.id ?? null;
  if (policy.allowExternalApprovers && latest && state === "in_review") {
    if (latest.contentVersion !== item.version) await refreshPendingRequest(tx, latest.id, await snapshotOf(tx, item), item.version);
    const status = input.decision === "approve" ? "approved" : "changes_requested";
    const decided = await decideRequest(tx, latest.id, {
      status,
      decidedBy: null,
      comment: `${input.name} (guest reviewer): ${said}`,
      contentVersion: item.version,
    });
    if (!decided) throw new AppError("conflict:approval_state", "Somebody decided on this post a moment ago. Reload to see their decision.");
    await observeApprovalResponse(tx, decided.status, latest.createdAt, decided.decidedAt ?? new Date());
    await setWorkflowStatus(tx, item.id, status);
    if (status === "approved") {
      const jobs = getConfig().jobs;
      await releaseHeld(tx, item.id, { graceSeconds: jobs.missedGraceSeconds, windowMinutes: jobs.missedWindowMinutes });
    }
    await emitEvent(tx, item.workspaceId, status === "approved" ? "content_approved" : "content_changes_requested", {
      content_item_id: item.id,
      title: item.title,
      author_id: item.authorId,
      actor_id: null,
      external_reviewer: input.name,
      approval_request_id: decided.id,
      comment: input.comment,
    });
    outcome = status;
    requestId = decided.id;
  }
  await insertComment(tx, {
    contentItemId: item.id,
    approvalRequestId: requestId,
    parentId: null,
    authorId: null,
    externalAuthor: input.name,
    body: said,
    mentions: [],
  });
  return { outcome, approvalRequestId: requestId };
}
