/**
 * The approval workflow: submit, approve, request changes, reject, and what an edit does to an
 * approval. Each step runs in one transaction with its audit row and its event.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { decideRequest, insertRequest, latestRequest, refreshPendingRequest, setWorkflowStatus, type RequestRow } from "@/db/queries/approvals";
import { getContentRow, listVariants, type ContentRow } from "@/db/queries/content";
import { insertComment } from "@/db/queries/review-comments";
import { lockContentRow, rolesSinceApproval } from "@/db/queries/content-versions";
import { getMediaByIds } from "@/db/queries/media";
import { getConfig } from "../config";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { checkGates, gatesPass } from "../gates";
import { contentTargets } from "../content/platforms";
import { emitEvent } from "@/lib/events";
import { releaseHeld } from "../publishing/missed";
import { observeApprovalResponse } from "../monitoring/counters";
import { requirePolicy } from "./policy";
import {
  DECISION_STATUS,
  approvalState,
  canSubmit,
  decisionRefusal,
  editOutcome,
  needsApproval,
  otherChanged,
  snapshotDistance,
  type Decision,
  type Snapshot,
} from "./state";

/**
 * What a reviewer approves: the texts (title, body, each platform's text and thread parts), and
 * everything else that goes out as one stable string (media with alt texts, tags, type, options).
 */
export async function snapshotOf(
  db: Db,
  item: Pick<ContentRow, "id" | "workspaceId" | "title" | "content" | "contentType" | "tags" | "platformConfigs" | "mediaIds">,
): Promise<Snapshot> {
  const variants: Record<string, string> = {};
  const rows = await listVariants(db, item.id);
  const files = await getMediaByIds(db, item.workspaceId, [...new Set([...item.mediaIds, ...rows.flatMap((v) => v.mediaIds ?? [])])]);
  const media = (ids: string[] | null) => ids && ids.map((id) => [id, files.find((m) => m.id === id)?.altText ?? null]);
  for (const v of rows) {
    // Thread parts are text, counted like the body (parts of a thread body are split by `---`).
    const texts = [v.text, ...((v.parts as string[] | null) ?? [])].filter((t): t is string => t != null);
    if (texts.length) variants[v.platform] = texts.join("\n---\n");
  }
  const other = JSON.stringify({
    type: item.contentType,
    tags: item.tags,
    configs: item.platformConfigs,
    media: media(item.mediaIds),
    variants: rows.map((v) => [v.platform, media(v.mediaIds), v.options]),
  });
  return { title: item.title, content: item.content, variants, other };
}

function eventData(item: ContentRow, actor: Actor, request: RequestRow, comment?: string | null) {
  return {
    content_item_id: item.id,
    title: item.title,
    author_id: item.authorId,
    actor_id: actor.userId,
    approval_request_id: request.id,
    ...(comment === undefined ? {} : { comment }),
  };
}

async function readContent(db: Db, actor: Actor, id: string): Promise<ContentRow> {
  const row = await getContentRow(db, actor.workspaceId, id);
  if (!row) throw notFound("content");
  return row;
}

/**
 * The item, locked for the rest of the transaction: the same lock every edit takes, so a decision
 * or a submission judges the version that is current when it is written, never one an edit has
 * just replaced.
 */
async function lockedContent(tx: Db, actor: Actor, id: string): Promise<ContentRow> {
  if (!(await lockContentRow(tx, actor.workspaceId, id))) throw notFound("content");
  return readContent(tx, actor, id);
}

function assertEditable(item: ContentRow) {
  if (item.status === "archived") throw new AppError("conflict:archived", "Archived content cannot be reviewed. Restore it first.");
  if (item.status === "published") throw new AppError("conflict:published", "Published content cannot be reviewed again. Clone it to post a new version.");
}

export async function submitForApproval(db: Db, actor: Actor, id: string, opts: { acknowledge_warnings?: boolean } = {}) {
  assertCan(actor.role, "content:write");
  // The gates may call other sites (link check): they run before the transaction opens, so no
  // connection or lock waits on the network. The transaction then checks nothing changed meanwhile.
  const checked = await readContent(db, actor, id);
  assertEditable(checked);
  const findings = await checkGates(db, actor.workspaceId, checked, { stage: "submit", platforms: (await contentTargets(db, checked)).platforms });
  return db.transaction(async (tx) => {
    const item = await lockedContent(tx, actor, id);
    if (item.version !== checked.version) throw new AppError("conflict:version", "The content changed while it was being checked. Submit it again.");
    assertEditable(item);
    const latest = await latestRequest(tx, id);
    const allowed = canSubmit(approvalState(latest, item.version));
    if (!allowed.ok) throw new AppError("conflict:approval_state", allowed.reason);
    if (!gatesPass(findings, opts.acknowledge_warnings === true)) {
      const errors = findings.filter((f) => f.severity === "error");
      const message = errors.length
        ? `The quality gates block this submission: ${errors.map((f) => f.message).join("; ")}`
        : `The quality gates raised warnings: ${findings.map((f) => f.message).join("; ")}. Submit again with acknowledge_warnings to go ahead.`;
      throw new AppError(errors.length ? "bad_request:quality_gates" : "bad_request:gate_warnings", message, findings);
    }
    const request = await insertRequest(tx, {
      workspaceId: actor.workspaceId,
      contentItemId: id,
      requestedBy: actor.userId,
      snapshot: await snapshotOf(tx, item),
      contentVersion: item.version,
    });
    await setWorkflowStatus(tx, id, "in_review");
    await writeAudit(tx, actor, {
      action: "content.submit",
      entityType: "content",
      entityId: id,
      before: { approval: latest?.status ?? null },
      after: { approval: "pending", version: item.version, approval_request_id: request.id, warnings_acknowledged: findings.length > 0 },
    });
    await emitEvent(tx, actor.workspaceId, "content_submitted", eventData(item, actor, request));
    return { request, findings };
  });
}

const EVENT: Record<Decision, "content_approved" | "content_changes_requested" | "content_rejected"> = {
  approve: "content_approved",
  request_changes: "content_changes_requested",
  reject: "content_rejected",
};
const STATUS_AFTER: Record<Decision, "approved" | "changes_requested" | "draft"> = {
  approve: "approved",
  request_changes: "changes_requested",
  reject: "draft",
};

/** Approve, request changes or reject the pending request of an item's current version. */
export async function decide(db: Db, actor: Actor, id: string, decision: Decision, input: { comment?: string | null; version?: number }) {
  assertCan(actor.role, "content:read");
  return db.transaction(async (tx) => {
    const item = await lockedContent(tx, actor, id);
    assertEditable(item);
    const policy = await requirePolicy(tx, actor.workspaceId);
    const latest = await latestRequest(tx, id);
    // Who may decide is answered first, so a non-approver always hears "forbidden".
    const refused = decisionRefusal(policy, actor, { authorId: item.authorId, requestedBy: latest?.requestedBy ?? null });
    if (refused) throw new AppError("forbidden:approver", refused);
    if (!latest || latest.status !== "pending") throw new AppError("conflict:approval_state", "This content is not waiting for review.");
    if (input.version !== undefined && input.version !== item.version) {
      throw new AppError(
        "conflict:version",
        `The content changed since version ${input.version} (now ${item.version}). Review the new version before deciding.`,
      );
    }
    const comment = input.comment?.trim() || null;
    // The approval is for the version the reviewer saw: the current one.
    if (latest.contentVersion !== item.version) await refreshPendingRequest(tx, latest.id, await snapshotOf(tx, item), item.version);
    const decided = await decideRequest(tx, latest.id, {
      status: DECISION_STATUS[decision] as "approved" | "changes_requested" | "rejected",
      decidedBy: actor.userId,
      comment,
      contentVersion: item.version,
    });
    // Under the lock the request stands for this version; a miss is somebody else's decision.
    if (!decided) throw new AppError("conflict:approval_state", "Somebody decided on this content a moment ago. Reload to see their decision.");
    await observeApprovalResponse(tx, decided.status, latest.createdAt, decided.decidedAt ?? new Date());
    await setWorkflowStatus(tx, id, STATUS_AFTER[decision]);
    if (comment)
      await insertComment(tx, { contentItemId: id, approvalRequestId: latest.id, parentId: null, authorId: actor.userId, body: comment, mentions: [] });
    let released = null;
    if (decision === "approve") {
      const jobs = getConfig().jobs;
      released = await releaseHeld(tx, id, { graceSeconds: jobs.missedGraceSeconds, windowMinutes: jobs.missedWindowMinutes });
    }
    await writeAudit(tx, actor, {
      action: `content.${decision}`,
      entityType: "content",
      entityId: id,
      before: { approval: "pending", version: item.version },
      after: {
        approval: decided.status,
        version: item.version,
        approval_request_id: decided.id,
        comment,
        ...(released ? { released_schedules: released.released } : {}),
      },
    });
    await emitEvent(tx, actor.workspaceId, EVENT[decision], eventData(item, actor, decided, comment));
    return { request: decided, released };
  });
}

/**
 * Called inside an edit's transaction, after the row changed. In review: the request follows the
 * new version. Approved or changes requested: back to review — unless the workspace keeps an
 * approval for minor edits, which is then recorded in the audit log and the comment thread.
 */
export async function afterContentEdit(tx: Db, actor: Actor, before: ContentRow, after: ContentRow) {
  if (after.version === before.version) return;
  const latest = await latestRequest(tx, after.id);
  if (!latest) return;
  const state = approvalState(latest, before.version);
  const policy = await requirePolicy(tx, actor.workspaceId);
  const snap = await snapshotOf(tx, after);
  // Measured against what a person reviewed, so a chain of small edits cannot drift far. A change
  // of media, alt text, tags or options is never minor, whatever the texts did.
  const reviewed = latest.snapshot as Snapshot;
  const distance = otherChanged(reviewed, snap) ? Number.POSITIVE_INFINITY : snapshotDistance(reviewed, snap);
  const outcome = editOutcome(state, distance, policy.minorEditChars);
  if (outcome === "none") return;
  if (outcome === "refresh_review") return refreshPendingRequest(tx, latest.id, snap, after.version);
  if (outcome === "keep_approval") {
    const note = `Minor edit (${distance} character${distance === 1 ? "" : "s"} changed, the workspace keeps approval for up to ${policy.minorEditChars}): the approval of version ${latest.contentVersion} carries over to version ${after.version}.`;
    const kept = await insertRequest(tx, {
      workspaceId: actor.workspaceId,
      contentItemId: after.id,
      requestedBy: actor.userId,
      snapshot: latest.snapshot,
      contentVersion: after.version,
      status: "approved",
      decidedBy: latest.decidedBy,
      decisionComment: note,
    });
    await insertComment(tx, { contentItemId: after.id, approvalRequestId: kept.id, parentId: null, authorId: actor.userId, body: note, mentions: [] });
    await writeAudit(tx, actor, {
      action: "content.approval_kept",
      entityType: "content",
      entityId: after.id,
      before: { version: before.version, approval_request_id: latest.id },
      after: { version: after.version, approval_request_id: kept.id, changed_chars: distance, threshold: policy.minorEditChars },
    });
    return;
  }
  // An edit made under a role the policy does not cover (an admin under required_for_editors)
  // needs no new review round: the engine judges the same roles and lets it go.
  if ((state === "approved" || state === "outdated") && !needsApproval(policy.approvalPolicy, (await rolesSinceApproval(tx, [after.id])).get(after.id) ?? []))
    return;
  const request = await insertRequest(tx, {
    workspaceId: actor.workspaceId,
    contentItemId: after.id,
    requestedBy: actor.userId,
    snapshot: snap,
    contentVersion: after.version,
  });
  await setWorkflowStatus(tx, after.id, "in_review");
  await writeAudit(tx, actor, {
    action: "content.submit",
    entityType: "content",
    entityId: after.id,
    before: { approval: latest.status, version: before.version },
    after: {
      approval: "pending",
      version: after.version,
      approval_request_id: request.id,
      automatic: true,
      reason: state === "changes_requested" ? "edited after changes were requested" : "edited after approval",
    },
  });
  await emitEvent(tx, actor.workspaceId, "content_submitted", eventData(after, actor, request));
}
