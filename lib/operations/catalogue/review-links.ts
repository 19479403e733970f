import * as R from "../shapes";
import { reviewDecisionSchema, reviewLinkCreateSchema } from "@/lib/validation/review-links";
import { op } from "../define";

const created = 201;
const describeCreate =
  "Share posts for review with somebody without an account: the chosen content_ids, or the posts scheduled from start_date to end_date (local days in the creator's zone; the range is read again each time the link is opened). The url is secret; it expires (default 14 days, at most 90)";

/** Review links: made by admins and editors, read by every member; the public side under /api/review. */
export const REVIEW_LINK_OPERATIONS = [
  op("get", "/review-links", "review-links", "The workspace's review links, newest first, with their decisions", {
    permission: "content:read",
    response: R.list(R.reviewLink),
  }),
  op("post", "/review-links", "review-links", describeCreate, {
    permission: "content:write",
    body: reviewLinkCreateSchema,
    status: created,
    response: R.reviewLink,
  }),
  op("get", "/review-links/{id}", "review-links", "One review link with its decisions", { permission: "content:read", response: R.reviewLink }),
  op("delete", "/review-links/{id}", "review-links", "Revoke a review link: its page answers 410 from now on (revoking twice is harmless)", {
    permission: "content:write",
  }),
  op("post", "/review-links/{id}/revoke", "review-links", "Revoke a review link, answering the link as it now is", {
    permission: "content:write",
    response: R.reviewLink,
  }),
  {
    method: "get",
    path: "/api/review/{token}",
    tag: "review-links",
    summary: "The posts of a review link, for its reviewer (no account: the token in the path is the credential). 404 unknown, 410 revoked or expired",
    permission: null,
    status: 200,
    response: R.reviewPublicView,
    errors: [410, 429],
  },
  {
    method: "post",
    path: "/api/review/{token}/decisions",
    tag: "review-links",
    summary:
      "Approve or request changes on one post of a review link, with the reviewer's name. Counts as the approval only when the workspace allows external approvers; otherwise a comment. 409 when the post changed since the version read, or was decided already",
    permission: null,
    errors: [410, 429],
    body: reviewDecisionSchema,
    status: created,
    response: R.reviewDecision,
  },
] as const;
