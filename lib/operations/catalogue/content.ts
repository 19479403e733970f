import { z } from "zod";
import * as R from "../shapes";
import { contentCreateSchema, contentListQuery, contentPatchSchema, variantSchema } from "@/lib/validation/content";
import { mediaPatchSchema, mediaUploadQuery } from "@/lib/validation/media";
import { approvalsQuery, approveSchema, commentCreateSchema, decisionWithCommentSchema, submitSchema } from "@/lib/validation/approvals";
import { gateCheckSchema } from "@/lib/gates/rules";
import { op } from "../define";

const created = 201;

/** Content, its variants, media, and its way through approval. */
export const CONTENT_OPERATIONS = [
  op("get", "/approvals", "approvals", "The approval queue: each item's latest request, by status, with counts per status", {
    permission: "content:read",
    query: approvalsQuery,
    response: R.approvalQueue,
  }),
  op("post", "/content/{id}/submit", "approvals", "Submit the current version for approval (runs the quality gates; warnings need acknowledge_warnings)", {
    permission: "content:write",
    body: submitSchema,
    response: R.approvalSubmitted,
  }),
  op(
    "post",
    "/content/{id}/approve",
    "approvals",
    "Approve the current version (designated approvers, else admins; four eyes when on); releases held schedules",
    { permission: "content:read", body: approveSchema, response: R.approvalDecided },
  ),
  op("post", "/content/{id}/request-changes", "approvals", "Send back to the author with a comment", {
    permission: "content:read",
    body: decisionWithCommentSchema,
    response: R.approvalDecided,
  }),
  op("post", "/content/{id}/reject", "approvals", "Reject with a comment (held schedules stay held and expire)", {
    permission: "content:read",
    body: decisionWithCommentSchema,
    response: R.approvalDecided,
  }),
  op("get", "/content/{id}/comments", "approvals", "The review thread, oldest first (replies carry parent_id)", {
    permission: "content:read",
    response: z.object({ items: z.array(R.reviewComment) }),
  }),
  op(
    "post",
    "/content/{id}/comments",
    "approvals",
    "Comment or reply; @mentions of members (email, its local part, or name without spaces) are resolved to user ids (editors, admins, designated approvers)",
    { permission: "content:read", body: commentCreateSchema, status: created, response: R.reviewComment },
  ),
  op("get", "/content", "content", "List content", { permission: "content:read", query: contentListQuery, response: R.paged(R.content) }),
  op("post", "/content", "content", "Create content", {
    permission: "content:write",
    body: contentCreateSchema,
    status: created,
    response: R.contentCreated,
    idempotent: true,
  }),
  op("get", "/content/{id}", "content", "One content item", { permission: "content:read", response: R.content }),
  op("patch", "/content/{id}", "content", "Change content (send version for optimistic locking)", {
    permission: "content:write",
    body: contentPatchSchema,
    response: R.content,
  }),
  op("delete", "/content/{id}", "content", "Delete content that was never published", { permission: "content:write" }),
  op("post", "/content/{id}/archive", "content", "Archive (cancels open schedules)", { permission: "content:write", response: R.content }),
  op("post", "/content/{id}/restore", "content", "Restore archived content", { permission: "content:write", response: R.content }),
  op("post", "/content/{id}/clone", "content", "Copy as a new draft, with variants", {
    permission: "content:write",
    status: created,
    response: R.content,
    idempotent: true,
  }),
  op("post", "/content/{id}/check", "content", "Run the quality gates (stage submit) on the given platforms, or the item's own; returns the findings", {
    permission: "content:read",
    body: gateCheckSchema,
    response: R.gateCheck,
  }),
  op("get", "/content/{id}/variants", "content", "Per-platform variants", { permission: "content:read", response: R.list(R.variant) }),
  op("get", "/content/{id}/variants/{platform}", "content", "One platform's variant", { permission: "content:read", response: R.variant }),
  op(
    "put",
    "/content/{id}/variants/{platform}",
    "content",
    "Set one platform's text, thread parts or media (a new content version: approved content goes back to review, as for a body edit)",
    { permission: "content:write", body: variantSchema, response: R.variant },
  ),
  op("delete", "/content/{id}/variants/{platform}", "content", "Remove one platform's variant (a new content version, like any edit)", {
    permission: "content:write",
  }),
  op("get", "/media", "media", "Uploaded media", { permission: "content:read", response: R.list(R.media) }),
  op("post", "/media", "media", "Upload an image or video (the file is the body)", {
    permission: "content:write",
    query: mediaUploadQuery,
    rawBody: { type: "application/octet-stream", description: "the file: PNG, JPEG, GIF, WebP, MP4, MOV or WebM" },
    status: created,
    response: R.media,
  }),
  op("get", "/media/{id}", "media", "One medium", { permission: "content:read", response: R.media }),
  op(
    "patch",
    "/media/{id}",
    "media",
    "Set alt text, sent to every platform that takes it; null or blank clears it (an edit of every content that uses the file with posts to come; 409 when published content still has posts to come with it)",
    { permission: "content:write", body: mediaPatchSchema, response: R.media },
  ),
  op(
    "delete",
    "/media/{id}",
    "media",
    "Delete a medium and its file (detached from content, which is edited; 409 when published content still has posts to come with it)",
    { permission: "content:write" },
  ),
  op("get", "/media/{id}/file", "media", "The file", {
    permission: "content:read",
    rawResponse: { type: "application/octet-stream", description: "the file as uploaded" },
  }),
] as const;
