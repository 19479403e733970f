import { z } from "zod";
import * as R from "./responses";
import { tokenCreateSchema, inviteSchema, memberRoleSchema, signInSecurityResponse, signInSecuritySchema } from "../validation/identity";
import { contentCreateSchema, contentListQuery, contentPatchSchema, variantSchema } from "../validation/content";
import {
  seriesPatchSchema,
  bulkScheduleSchema,
  calendarQuery,
  scheduleCloneSchema,
  scheduleCreateSchema,
  scheduleListQuery,
  schedulePatchSchema,
} from "../validation/schedules";
import { blackoutCreateSchema, blackoutPatchSchema, preferencesSchema } from "../validation/preferences";
import { exportQuery, importQuery } from "../validation/import";
import { postingSlotsSchema, queueSchema, suggestionsQuery } from "../validation/suggestions";
import { mediaPatchSchema, mediaUploadQuery } from "../validation/media";
import { accountCreateSchema, accountPatchSchema, accountResponse, oauthCallbackQuery, oauthStartResponse, oauthStartSchema } from "../validation/accounts";
import { approvalPolicySchema, approvalsQuery, approveSchema, commentCreateSchema, decisionWithCommentSchema, submitSchema } from "../validation/approvals";
import type { Method, RouteDoc } from "./route-doc";
import { gateCheckSchema, qualityGatesSchema } from "../gates/rules";
import { deliveryListQuery, webhookCreateSchema, webhookPatchSchema } from "../webhooks/validation";
import { notificationListQuery, notificationPrefsSchema } from "../notifications/schemas";
import { TEMPLATE_ROUTES } from "../templates/openapi";
import { missedDecisionSchema } from "../validation/decisions";

export type { Method, RouteDoc };

const r = (method: Method, path: string, tag: string, summary: string, o: Partial<RouteDoc> & Pick<RouteDoc, "permission">): RouteDoc => ({
  method,
  path: `/api/v1${path}`,
  tag,
  summary,
  status: method === "delete" ? 204 : 200,
  ...o,
});
const created = 201;

/** Every route the app serves under /api; a test checks this list against the route files. */
export const ROUTES: RouteDoc[] = [
  { method: "get", path: "/api/health", tag: "system", summary: "Health of the database and job runner", permission: null, status: 200, response: R.health },
  {
    method: "get",
    path: "/api/public/media/{id}",
    tag: "system",
    summary: "A media file by signed, expiring link (for platforms that fetch images: Instagram, Threads)",
    permission: null,
    status: 200,
    rawResponse: { type: "application/octet-stream", description: "the file; 404 when the signature is wrong or expired" },
  },
  {
    method: "get",
    path: "/api/metrics",
    tag: "system",
    summary: "Prometheus metrics of the instance (Authorization: Bearer <METRICS_TOKEN>)",
    permission: null,
    status: 200,
    rawResponse: { type: "text/plain", description: "Prometheus text exposition format 0.0.4" },
  },
  {
    method: "get",
    path: "/api/ics/{file}",
    tag: "calendar",
    summary: "Calendar feed (secret URL from /api/v1/ics-feed)",
    permission: null,
    status: 200,
    rawResponse: { type: "text/calendar", description: "RFC 5545 calendar" },
  },
  r("get", "/openapi.json", "system", "This document", { permission: null, rawResponse: { type: "application/json", description: "OpenAPI 3.1 document" } }),

  r("get", "/workspace", "workspace", "The workspace the caller acts in", { permission: "workspace:read", response: R.workspace }),
  r("get", "/workspace/quality-gates", "workspace", "The workspace's quality-gate rules (checked before submit and before publish)", {
    permission: "workspace:read",
    response: qualityGatesSchema,
  }),
  r("put", "/workspace/quality-gates", "workspace", "Replace the quality-gate rules (sections left out get their defaults)", {
    permission: "workspace:manage",
    body: qualityGatesSchema,
    response: qualityGatesSchema,
  }),
  r("get", "/workspace/sign-in-security", "workspace", "Whether members must use two-factor sign-in, and how many do", {
    permission: "workspace:read",
    response: signInSecurityResponse,
  }),
  r(
    "put",
    "/workspace/sign-in-security",
    "workspace",
    "Require two-factor sign-in for members (the caller must have it on to turn this on); API tokens are not affected",
    { permission: "members:manage", body: signInSecuritySchema, response: signInSecurityResponse },
  ),
  r("patch", "/workspace", "workspace", "Set the approval policy: who needs approval, four eyes, designated approvers, minor edits", {
    permission: "workspace:manage",
    body: approvalPolicySchema,
    response: R.workspace,
  }),
  r("get", "/approvals", "approvals", "The approval queue: each item's latest request, by status, with counts per status", {
    permission: "content:read",
    query: approvalsQuery,
    response: R.approvalQueue,
  }),
  r("post", "/content/{id}/submit", "approvals", "Submit the current version for approval (runs the quality gates; warnings need acknowledge_warnings)", {
    permission: "content:write",
    body: submitSchema,
    response: R.approvalSubmitted,
  }),
  r(
    "post",
    "/content/{id}/approve",
    "approvals",
    "Approve the current version (designated approvers, else admins; four eyes when on); releases held schedules",
    { permission: "content:read", body: approveSchema, response: R.approvalDecided },
  ),
  r("post", "/content/{id}/request-changes", "approvals", "Send back to the author with a comment", {
    permission: "content:read",
    body: decisionWithCommentSchema,
    response: R.approvalDecided,
  }),
  r("post", "/content/{id}/reject", "approvals", "Reject with a comment (held schedules stay held and expire)", {
    permission: "content:read",
    body: decisionWithCommentSchema,
    response: R.approvalDecided,
  }),
  r("get", "/content/{id}/comments", "approvals", "The review thread, oldest first (replies carry parent_id)", {
    permission: "content:read",
    response: z.object({ items: z.array(R.reviewComment) }),
  }),
  r(
    "post",
    "/content/{id}/comments",
    "approvals",
    "Comment or reply; @mentions of members (email, its local part, or name without spaces) are resolved to user ids (editors, admins, designated approvers)",
    { permission: "content:read", body: commentCreateSchema, status: created, response: R.reviewComment },
  ),
  r("get", "/members", "workspace", "Members and open invites", {
    permission: "members:read",
    response: R.list(R.member).extend({ invites: z.array(R.invite) }),
  }),
  r("get", "/members/{userId}", "workspace", "One member", { permission: "members:read", response: R.member }),
  r("patch", "/members/{userId}", "workspace", "Change a member's role", { permission: "members:manage", body: memberRoleSchema, response: R.member }),
  r("delete", "/members/{userId}", "workspace", "Remove a member (revokes their tokens)", { permission: "members:manage" }),
  r("post", "/invites", "workspace", "Invite by email", { permission: "members:manage", body: inviteSchema, status: created, response: R.inviteCreated }),
  r("delete", "/invites/{id}", "workspace", "Cancel an invite", { permission: "members:manage" }),
  r("get", "/tokens", "tokens", "API tokens (never their secrets)", { permission: "tokens:manage", response: R.list(R.token) }),
  r("post", "/tokens", "tokens", "Create an API token (shown once)", {
    permission: "tokens:manage",
    body: tokenCreateSchema,
    status: created,
    response: R.tokenCreated,
  }),
  r("delete", "/tokens/{id}", "tokens", "Revoke an API token", { permission: "tokens:manage" }),
  r("get", "/me/preferences", "workspace", "The caller's scheduling preferences", { permission: "workspace:read", response: R.preferences }),
  r("put", "/me/preferences", "workspace", "Set the caller's scheduling preferences", {
    permission: "workspace:read",
    body: preferencesSchema,
    response: R.preferences,
  }),
  r("get", "/notifications", "notifications", "The caller's own notifications in this workspace, unread first, paged", {
    permission: "workspace:read",
    query: notificationListQuery,
    response: R.notificationPage,
  }),
  r("post", "/notifications/{id}/read", "notifications", "Mark one of the caller's notifications read", {
    permission: "workspace:read",
    response: R.notificationRead,
  }),
  r("post", "/notifications/read-all", "notifications", "Mark all of the caller's notifications read", {
    permission: "workspace:read",
    response: z.object({ updated: z.number().int() }),
  }),
  r("get", "/me/notification-preferences", "notifications", "The caller's notification choices per trigger and channel, daily digest and quiet hours", {
    permission: "workspace:read",
    response: R.notificationPrefs,
  }),
  r("put", "/me/notification-preferences", "notifications", "Set the caller's notification choices (the whole set)", {
    permission: "workspace:read",
    body: notificationPrefsSchema,
    response: R.notificationPrefs,
  }),

  r("get", "/platform-accounts", "accounts", "Platform accounts (never their credentials)", { permission: "accounts:read", response: R.list(accountResponse) }),
  r(
    "post",
    "/platform-accounts",
    "accounts",
    "Add an account, checked with the platform first: status active, or needs_reconnect / error with the platform's reason in status_reason (the account is kept so it can be fixed). Credentials are stored encrypted and never returned",
    { permission: "accounts:manage", body: accountCreateSchema, status: created, response: accountResponse, idempotent: true },
  ),
  r("get", "/platform-accounts/{id}", "accounts", "One account", { permission: "accounts:read", response: accountResponse }),
  r(
    "patch",
    "/platform-accounts/{id}",
    "accounts",
    "Change an account (config is merged, null removes a key; credentials are replaced). New credentials or config, or status active, are checked with the platform at once",
    { permission: "accounts:manage", body: accountPatchSchema, response: accountResponse },
  ),
  r("delete", "/platform-accounts/{id}", "accounts", "Delete an account and its schedules (409 while one is publishing)", { permission: "accounts:manage" }),
  r("post", "/platform-accounts/{id}/verify", "accounts", "Check the credentials with the platform and record the status", {
    permission: "accounts:manage",
    response: accountResponse,
  }),
  r(
    "post",
    "/platform-accounts/oauth/start",
    "accounts",
    "Begin connecting an OAuth 2 account (authorization code + PKCE); account_id reconnects an existing account. The account is verified when the platform sends the browser back",
    { permission: "accounts:manage", body: oauthStartSchema, response: oauthStartResponse },
  ),
  r("get", "/platform-accounts/oauth/callback", "accounts", "Where the platform returns the browser; redirects to the accounts page", {
    permission: "accounts:manage",
    query: oauthCallbackQuery,
    status: 303,
    rawResponse: { type: "text/plain", description: "redirect to /settings/accounts?connected=<id>, or ?error=<message>" },
  }),
  r("get", "/platform-accounts/{id}/slots", "accounts", "An account's queue times", { permission: "accounts:read", response: R.postingSlots }),
  r("put", "/platform-accounts/{id}/slots", "accounts", "Set an account's queue times", {
    permission: "accounts:manage",
    body: postingSlotsSchema,
    response: R.postingSlots,
  }),

  r("get", "/content", "content", "List content", { permission: "content:read", query: contentListQuery, response: R.paged(R.content) }),
  r("post", "/content", "content", "Create content", {
    permission: "content:write",
    body: contentCreateSchema,
    status: created,
    response: R.contentCreated,
    idempotent: true,
  }),
  r("get", "/content/{id}", "content", "One content item", { permission: "content:read", response: R.content }),
  r("patch", "/content/{id}", "content", "Change content (send version for optimistic locking)", {
    permission: "content:write",
    body: contentPatchSchema,
    response: R.content,
  }),
  r("delete", "/content/{id}", "content", "Delete content that was never published", { permission: "content:write" }),
  r("post", "/content/{id}/archive", "content", "Archive (cancels open schedules)", { permission: "content:write", response: R.content }),
  r("post", "/content/{id}/restore", "content", "Restore archived content", { permission: "content:write", response: R.content }),
  r("post", "/content/{id}/clone", "content", "Copy as a new draft, with variants", {
    permission: "content:write",
    status: created,
    response: R.content,
    idempotent: true,
  }),
  r("post", "/content/{id}/check", "content", "Run the quality gates (stage submit) on the given platforms, or the item's own; returns the findings", {
    permission: "content:read",
    body: gateCheckSchema,
    response: R.gateCheck,
  }),
  r("post", "/content/{id}/queue", "schedules", "Schedule into the next free queue slot", {
    permission: "schedules:write",
    body: queueSchema,
    status: created,
    response: z.object({ items: z.array(R.schedulesCreated) }),
    idempotent: true,
  }),
  r("get", "/content/{id}/variants", "content", "Per-platform variants", { permission: "content:read", response: R.list(R.variant) }),
  r("get", "/content/{id}/variants/{platform}", "content", "One platform's variant", { permission: "content:read", response: R.variant }),
  r(
    "put",
    "/content/{id}/variants/{platform}",
    "content",
    "Set one platform's text, thread parts or media (a new content version: approved content goes back to review, as for a body edit)",
    { permission: "content:write", body: variantSchema, response: R.variant },
  ),
  r("delete", "/content/{id}/variants/{platform}", "content", "Remove one platform's variant (a new content version, like any edit)", {
    permission: "content:write",
  }),

  r("get", "/media", "media", "Uploaded media", { permission: "content:read", response: R.list(R.media) }),
  r("post", "/media", "media", "Upload an image or video (the file is the body)", {
    permission: "content:write",
    query: mediaUploadQuery,
    rawBody: { type: "application/octet-stream", description: "the file: PNG, JPEG, GIF, WebP, MP4, MOV or WebM" },
    status: created,
    response: R.media,
  }),
  r("get", "/media/{id}", "media", "One medium", { permission: "content:read", response: R.media }),
  r(
    "patch",
    "/media/{id}",
    "media",
    "Set alt text, sent to every platform that takes it; null or blank clears it (an edit of every content that uses the file with posts to come; 409 when published content still has posts to come with it)",
    { permission: "content:write", body: mediaPatchSchema, response: R.media },
  ),
  r(
    "delete",
    "/media/{id}",
    "media",
    "Delete a medium and its file (detached from content, which is edited; 409 when published content still has posts to come with it)",
    { permission: "content:write" },
  ),
  r("get", "/media/{id}/file", "media", "The file", {
    permission: "content:read",
    rawResponse: { type: "application/octet-stream", description: "the file as uploaded" },
  }),

  r("get", "/schedules", "schedules", "List schedules", { permission: "schedules:read", query: scheduleListQuery, response: R.paged(R.schedule) }),
  r(
    "post",
    "/schedules",
    "schedules",
    "Schedule content on accounts (optionally recurring; a series' occurrences in a blackout are skipped and listed, or refused with on_blackout: reject)",
    { permission: "schedules:write", body: scheduleCreateSchema, status: created, response: R.schedulesCreated, idempotent: true },
  ),
  r("post", "/schedules/bulk", "schedules", "Schedule many items on a pattern, all or none", {
    permission: "schedules:write",
    body: bulkScheduleSchema,
    status: created,
    response: z.object({
      timezone: z.string(),
      items: z.array(R.schedulesCreated.extend({ content_item_id: z.uuid(), local_time: z.string() })),
      total_schedules: z.number().int(),
    }),
    idempotent: true,
  }),
  r("get", "/schedules/calendar", "schedules", "Events and conflicts of a range, in a zone", {
    permission: "schedules:read",
    query: calendarQuery,
    response: R.calendar,
  }),
  r("get", "/schedules/{id}", "schedules", "One schedule", { permission: "schedules:read", response: R.schedule }),
  r("patch", "/schedules/{id}", "schedules", "Reschedule or change retry settings", {
    permission: "schedules:write",
    body: schedulePatchSchema,
    response: R.schedule.extend({ warnings: z.array(R.warning) }),
  }),
  r("delete", "/schedules/{id}", "schedules", "Delete a schedule that never went out", { permission: "schedules:write" }),
  r("post", "/schedules/{id}/pause", "schedules", "Pause", { permission: "schedules:write", response: R.schedule }),
  r("post", "/schedules/{id}/resume", "schedules", "Resume", { permission: "schedules:write", response: R.schedule }),
  r("post", "/schedules/{id}/cancel", "schedules", "Cancel", { permission: "schedules:write", response: R.schedule }),
  r(
    "post",
    "/schedules/{id}/decision",
    "schedules",
    "Decide a missed post waiting for a decision (missed_policy ask): publish_now or skip. 409 when the schedule is not waiting for one, or when publishing needs approval first",
    { permission: "schedules:write", body: missedDecisionSchema, response: R.schedule },
  ),
  r("post", "/schedules/{id}/retry", "schedules", "Retry a failed, dead-lettered or skipped post now (same idempotency key)", {
    permission: "schedules:write",
    response: R.schedule,
  }),
  r("get", "/events/stream", "schedules", "Live publishing events (server-sent events; send Last-Event-ID to replay what was missed)", {
    permission: "schedules:read",
    rawResponse: {
      type: "text/event-stream",
      description: "publishing_started, publishing_completed, publishing_failed, schedule_missed, schedule_missed_decided, account_needs_reconnect",
    },
  }),
  r("get", "/schedules/{id}/attempts", "schedules", "Publish attempts, oldest first", { permission: "schedules:read", response: R.list(R.attempt) }),
  r("post", "/schedules/{id}/clone", "schedules", "Copy to another time or account", {
    permission: "schedules:write",
    body: scheduleCloneSchema,
    status: created,
    response: R.schedulesCreated,
    idempotent: true,
  }),
  r("get", "/series/{id}", "schedules", "A recurring series, its counts and next occurrences", { permission: "schedules:read", response: R.series }),
  r(
    "patch",
    "/series/{id}",
    "schedules",
    "Change the whole series (open future occurrences are replaced; a cancelled or skipped one is not made again, a paused one stays paused)",
    {
      permission: "schedules:write",
      body: seriesPatchSchema,
      response: R.series.extend({ replaced: z.number().int(), created: z.number().int(), skipped_occurrences: R.schedulesCreated.shape.skipped_occurrences }),
    },
  ),
  r("delete", "/series/{id}", "schedules", "End a series; published occurrences stay", {
    permission: "schedules:write",
    status: 200,
    response: z.object({ removed: z.number().int() }),
  }),
  r("get", "/suggestions/times", "schedules", "Best times to post on an account", {
    permission: "schedules:read",
    query: suggestionsQuery,
    response: R.suggestions,
  }),

  r("get", "/blackouts", "schedules", "Blackout windows", { permission: "schedules:read", response: R.list(R.blackout) }),
  r("post", "/blackouts", "schedules", "Add a blackout window", {
    permission: "schedules:write",
    body: blackoutCreateSchema,
    status: created,
    response: R.blackout,
    idempotent: true,
  }),
  r("get", "/blackouts/{id}", "schedules", "One blackout window", { permission: "schedules:read", response: R.blackout }),
  r("patch", "/blackouts/{id}", "schedules", "Change a blackout window", { permission: "schedules:write", body: blackoutPatchSchema, response: R.blackout }),
  r("delete", "/blackouts/{id}", "schedules", "Remove a blackout window", { permission: "schedules:write" }),

  r("get", "/ics-feed", "calendar", "The workspace's secret calendar URL", { permission: "schedules:read", response: R.icsFeed }),
  r("post", "/ics-feed", "calendar", "Create or replace the secret calendar URL", { permission: "workspace:manage", response: R.icsFeed }),
  r("post", "/import/csv", "import", "Import content and schedules from CSV", {
    permission: "content:write",
    query: importQuery,
    rawBody: {
      type: "text/csv",
      description:
        "columns: title, content (required), summary, content_type, platforms, accounts (names, ids or platform:name), date, time, timezone, tags, variants (JSON per platform), content_item_id (rows with the same value are one post; the id of a post of this workspace is skipped, never created again), status, schedule_status; a content export imports as it is. A row repeating a post already here (same title and body, and for a dated row the same time on the same accounts) is skipped unless duplicates=import. A platform means its accounts that can take posts: one needing a reconnect or in error is left out with a note, and is the row's error when no other is left",
    },
    response: R.importResult,
  }),
  r("get", "/export/csv", "import", "Export schedules or content as CSV", {
    permission: "content:read",
    query: exportQuery,
    rawResponse: {
      type: "text/csv",
      description:
        "spreadsheet-safe CSV; type=content writes one row per post and time with the columns POST /import/csv reads back (content_item_id, title, content, summary, content_type, status, tags, variants, accounts, date, time, timezone, schedule_status, published_at, created_at)",
    },
  }),

  r("get", "/webhooks", "webhooks", "Outgoing webhooks (never their secrets)", { permission: "webhooks:manage", response: R.list(R.webhook) }),
  r("post", "/webhooks", "webhooks", "Add a webhook; the signing secret (given or generated) is shown once", {
    permission: "webhooks:manage",
    body: webhookCreateSchema,
    status: created,
    response: R.webhookCreated,
  }),
  r("get", "/webhooks/{id}", "webhooks", "One webhook", { permission: "webhooks:manage", response: R.webhook }),
  r("patch", "/webhooks/{id}", "webhooks", "Change URL, events, secret or active", {
    permission: "webhooks:manage",
    body: webhookPatchSchema,
    response: R.webhook,
  }),
  r("delete", "/webhooks/{id}", "webhooks", "Delete a webhook and its delivery log", { permission: "webhooks:manage" }),
  r("get", "/webhooks/{id}/deliveries", "webhooks", "The delivery log, newest first", {
    permission: "webhooks:manage",
    query: deliveryListQuery,
    response: R.list(R.webhookDelivery),
  }),
  r("post", "/webhooks/{id}/deliveries/{deliveryId}/resend", "webhooks", "Send a delivery again now (same delivery id)", {
    permission: "webhooks:manage",
    response: R.webhookDelivery,
  }),
  r("post", "/webhooks/{id}/test", "webhooks", "Send a ping event now and log it", { permission: "webhooks:manage", response: R.webhookDelivery }),
  ...TEMPLATE_ROUTES,
];
