/** What a reviewer (or the composer) sees of an item's approval: state, history, diff, rights. */
import type { Db } from "@/db/client";
import { countLatestByStatus, lastDecidedRequest, latestRequest, listLatestRequests, requestHistory } from "@/db/queries/approvals";
import { rolesSinceApproval } from "@/db/queries/content-versions";
import type { Actor } from "../auth/actor";
import { assertCan, can } from "../auth/permissions";
import { requireContent } from "../content";
import { requirePolicy } from "./policy";
import { approvalState, decisionRefusal, isApprover, lineDiff, needsApproval, type Snapshot } from "./state";
import { snapshotOf } from "./workflow";

export async function approvalInfo(db: Db, actor: Actor, contentId: string) {
  assertCan(actor.role, "content:read");
  const item = await requireContent(db, actor, contentId);
  const [policy, latest, lastDecided, history] = await Promise.all([
    requirePolicy(db, actor.workspaceId),
    latestRequest(db, contentId),
    lastDecidedRequest(db, contentId),
    requestHistory(db, contentId),
  ]);
  const state = approvalState(latest, item.version);
  const roles = (await rolesSinceApproval(db, [item.id])).get(item.id) ?? [];
  const current = await snapshotOf(db, item);
  const base = lastDecided ? (lastDecided.snapshot as Snapshot) : null;
  const refusal = decisionRefusal(policy, actor, { authorId: item.authorId, requestedBy: latest?.requestedBy ?? null });
  return {
    item,
    state,
    policy,
    // What the engine's gate will say: changes since the last approval were made under a covered role.
    required: needsApproval(policy.approvalPolicy, roles),
    latest,
    history,
    current,
    diff: base
      ? { since_version: lastDecided!.contentVersion, title: lineDiff(base.title, current.title), content: lineDiff(base.content, current.content) }
      : null,
    canDecide: state === "in_review" && !refusal,
    decideRefusal: state === "in_review" ? refusal : null,
    canSubmit:
      can(actor.role, "content:write") &&
      ["draft", "changes_requested", "rejected", "outdated"].includes(state) &&
      item.status !== "archived" &&
      item.status !== "published",
  };
}

export async function approvalQueueList(db: Db, actor: Actor, status: string) {
  assertCan(actor.role, "content:read");
  const [policy, rows, counts] = await Promise.all([
    requirePolicy(db, actor.workspaceId),
    listLatestRequests(db, actor.workspaceId, status === "all" ? null : status),
    countLatestByStatus(db, actor.workspaceId),
  ]);
  return {
    policy,
    isApprover: isApprover(policy, actor),
    counts: { pending: counts.pending ?? 0, approved: counts.approved ?? 0, changes_requested: counts.changes_requested ?? 0, rejected: counts.rejected ?? 0 },
    items: rows.map((r) => ({ ...r, state: approvalState({ status: r.status, contentVersion: r.contentVersion }, r.currentVersion) })),
  };
}

/** The nav badge: items waiting for this person's decision (0 for those who cannot decide). */
export async function pendingForMe(db: Db, actor: Actor): Promise<number> {
  const policy = await requirePolicy(db, actor.workspaceId);
  if (!isApprover(policy, actor)) return 0;
  return (await countLatestByStatus(db, actor.workspaceId)).pending ?? 0;
}

/** One request of an item's approval history, as the review page lists it. */
export type ApprovalHistoryRow = Awaited<ReturnType<typeof requestHistory>>[number];
