import { z } from "zod";
import type { ReviewDecisionRow, ReviewLinkRow } from "@/db/queries/review-links";
import { id, iso, ts, tsN } from "./common";

/** Review links and what their reviewers decided. */
export const reviewDecision = z.object({
  id,
  content_id: id,
  content_version: z.number().int(),
  decision: z.enum(["approve", "request_changes"]),
  outcome: z
    .enum(["approved", "changes_requested", "comment"])
    .describe(
      "approved / changes_requested: the approval workflow moved (the workspace allows external approvers); comment: recorded in the review thread only",
    ),
  reviewer_name: z.string(),
  comment: z.string().nullable(),
  created_at: ts,
});
export const reviewLink = z.object({
  id,
  url: z.string().nullable().describe("the public review page; null when its secret can no longer be read back (server key replaced)"),
  status: z.enum(["active", "expired", "revoked"]),
  kind: z.enum(["items", "range"]),
  content_ids: z.array(id).nullable(),
  start_date: z.string().nullable(),
  end_date: z.string().nullable(),
  timezone: z.string().describe("the zone start_date and end_date are local days of"),
  label: z.string().nullable(),
  note: z.string().nullable(),
  expires_at: ts,
  revoked_at: tsN,
  created_by: id.nullable(),
  created_at: ts,
  decisions: z.array(reviewDecision),
});

export function reviewDecisionOut(d: ReviewDecisionRow): z.infer<typeof reviewDecision> {
  return {
    id: d.id,
    content_id: d.contentItemId,
    content_version: d.contentVersion,
    decision: d.decision as "approve" | "request_changes",
    outcome: d.outcome as "approved" | "changes_requested" | "comment",
    reviewer_name: d.reviewerName,
    comment: d.comment,
    created_at: iso(d.createdAt),
  };
}

export function reviewLinkOut(
  l: ReviewLinkRow,
  extra: { url: string | null; status: "active" | "expired" | "revoked"; decisions: ReviewDecisionRow[] },
): z.infer<typeof reviewLink> {
  return {
    id: l.id,
    url: extra.url,
    status: extra.status,
    kind: l.kind as "items" | "range",
    content_ids: l.contentIds,
    start_date: l.startDate,
    end_date: l.endDate,
    timezone: l.timezone,
    label: l.label,
    note: l.note,
    expires_at: iso(l.expiresAt),
    revoked_at: iso(l.revokedAt),
    created_by: l.createdBy,
    created_at: iso(l.createdAt),
    decisions: extra.decisions.map(reviewDecisionOut),
  };
}

/** What the public GET /api/review/{token} answers: the posts, never the workspace's ids of people. */
export const reviewPublicView = z.object({
  workspace_name: z.string(),
  label: z.string().nullable(),
  note: z.string().nullable(),
  expires_at: ts,
  items: z.array(
    z.object({
      id,
      title: z.string(),
      content: z.string(),
      version: z.number().int(),
      changed_since_shared: z.boolean(),
      approval_state: z.string(),
      schedules: z.array(z.object({ scheduled_time: ts, platform: z.string(), account_name: z.string() })),
      decision: reviewDecision.nullable(),
      can_decide: z.boolean(),
    }),
  ),
});
