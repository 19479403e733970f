/** JSON shapes the approval routes answer with (chosen fields, never rows). */
import type { RequestRow } from "@/db/queries/approvals";
import type { GateFinding } from "../gates";
import type { approvalQueueList } from "./review";

export function requestOut(r: RequestRow) {
  return {
    id: r.id,
    content_item_id: r.contentItemId,
    status: r.status,
    content_version: r.contentVersion,
    requested_by: r.requestedBy,
    decided_by: r.decidedBy,
    decided_at: r.decidedAt?.toISOString() ?? null,
    comment: r.decisionComment,
    created_at: r.createdAt.toISOString(),
  };
}

export function findingsOut(f: GateFinding[]) {
  return f.map((x) => ({ rule: x.rule, severity: x.severity, message: x.message, platform: x.platform ?? null, field: x.field ?? null }));
}

export function queueOut(q: Awaited<ReturnType<typeof approvalQueueList>>) {
  return {
    counts: q.counts,
    is_approver: q.isApprover,
    items: q.items.map((i) => ({
      approval_request_id: i.id,
      content_item_id: i.contentId,
      title: i.title,
      status: i.status,
      state: i.state,
      content_version: i.contentVersion,
      current_version: i.currentVersion,
      author_id: i.authorId,
      author_name: i.authorName,
      submitted_at: i.createdAt.toISOString(),
      decided_at: i.decidedAt?.toISOString() ?? null,
      comment: i.decisionComment,
      next_time: i.nextTime?.toISOString() ?? null,
      held_schedules: i.held,
    })),
  };
}
