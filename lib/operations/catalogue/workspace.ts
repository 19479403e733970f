import { z } from "zod";
import * as R from "../shapes";
import { inviteSchema, memberRoleSchema, signInSecurityResponse, signInSecuritySchema, tokenCreateSchema } from "@/lib/validation/identity";
import { preferencesSchema } from "@/lib/validation/preferences";
import { workspacePatchSchema } from "@/lib/validation/workspace";
import { qualityGatesSchema } from "@/lib/gates/rules";
import { retentionPreview, retentionPreviewQuery, retentionSchema, retentionView } from "@/lib/retention/settings";
import { notificationListQuery, notificationPrefsSchema } from "@/lib/notifications/schemas";
import { workspaceExportBody, workspaceExportQuery, workspaceImportQuery } from "@/lib/validation/transfer";
import { op } from "../define";
import { linkClicksQuery, linkClicksReport } from "@/lib/links/settings";

const created = 201;
const ARCHIVE = {
  type: "application/gzip",
  description:
    "the workspace archive (tar.gz): manifest.json (format and schema version, counts, SHA-256 of every file), one NDJSON file per kind under data/, the media files under media/; see docs/backup.md",
};

/** The workspace, its people, API tokens, preferences and notifications. */
export const WORKSPACE_OPERATIONS = [
  op("get", "/workspace", "workspace", "The workspace the caller acts in", { permission: "workspace:read", response: R.workspace }),
  op("get", "/workspace/quality-gates", "workspace", "The workspace's quality-gate rules (checked before submit and before publish)", {
    permission: "workspace:read",
    response: qualityGatesSchema,
  }),
  op("put", "/workspace/quality-gates", "workspace", "Replace the quality-gate rules (sections left out get their defaults)", {
    permission: "workspace:manage",
    body: qualityGatesSchema,
    response: qualityGatesSchema,
  }),
  op("get", "/workspace/retention", "workspace", "How long the workspace keeps each kind of history (days, null: forever), with the defaults and bounds", {
    permission: "workspace:read",
    response: retentionView,
  }),
  op("put", "/workspace/retention", "workspace", "Replace the retention settings (kinds left out get their defaults); the hourly pruning applies them", {
    permission: "workspace:manage",
    body: retentionSchema,
    response: retentionView,
  }),
  op(
    "get",
    "/workspace/retention/preview",
    "workspace",
    "How many rows of each kind the next pruning would remove now, under the saved settings or with the kinds given changed",
    { permission: "workspace:read", query: retentionPreviewQuery, response: retentionPreview },
  ),
  op("get", "/workspace/sign-in-security", "workspace", "Whether members must use two-factor sign-in, and how many do", {
    permission: "workspace:read",
    response: signInSecurityResponse,
  }),
  op(
    "put",
    "/workspace/sign-in-security",
    "workspace",
    "Require two-factor sign-in for members (the caller must have it on to turn this on); API tokens are not affected",
    { permission: "members:manage", body: signInSecuritySchema, response: signInSecurityResponse },
  ),
  op(
    "patch",
    "/workspace",
    "workspace",
    "Set the approval policy (who needs approval, four eyes, designated approvers, minor edits) and the link tracking settings",
    {
      permission: "workspace:manage",
      body: workspacePatchSchema,
      response: R.workspace,
    },
  ),
  op(
    "get",
    "/workspace/export",
    "backup",
    "Export the workspace as one archive (webhook secrets only with include_secrets; never account credentials: those need POST and a passphrase)",
    {
      permission: "workspace:manage",
      query: workspaceExportQuery,
      rawResponse: ARCHIVE,
    },
  ),
  op(
    "post",
    "/workspace/export",
    "backup",
    "Export the workspace as one archive, with account credentials (and webhook secrets) sealed under a passphrase (scrypt + AES-256-GCM); POST so the passphrase stays out of URLs and logs",
    { permission: "workspace:manage", body: workspaceExportBody, rawResponse: ARCHIVE },
  ),
  op("post", "/workspaces/import", "backup", "Create a new workspace from an export archive, the caller its admin: all ids new, all or nothing", {
    permission: "workspace:manage",
    query: workspaceImportQuery,
    headers: [
      {
        name: "X-Archive-Passphrase",
        description:
          "the passphrase the archive was exported with, when it holds sealed secrets, percent-encoded as UTF-8 (encodeURIComponent; an ASCII passphrase without % as it is)",
      },
    ],
    rawBody: { type: "application/gzip", description: "the archive as GET or POST /workspace/export made it" },
    status: created,
    response: R.workspaceImported,
    streamed: {
      type: "application/x-ndjson",
      description:
        'With Accept: application/x-ndjson, once the archive is unpacked and checked (a damaged, truncated, newer or wrongly unlocked archive is refused with its 4xx before), the answer streams {"type":"progress","kind","rows","total"} lines as rows are written, and ends with {"type":"result", …the JSON answer} or {"type":"error", error} (then nothing was imported)',
    },
  }),
  op(
    "get",
    "/analytics/links",
    "analytics",
    "Clicks on the workspace's tracked short links per post, platform and UTC day (default: the last 30 days); with content_id, that post's links too",
    { permission: "analytics:read", query: linkClicksQuery, response: linkClicksReport },
  ),
  op("get", "/members", "workspace", "Members and open invites", {
    permission: "members:read",
    response: R.list(R.member).extend({ invites: z.array(R.invite) }),
  }),
  op("get", "/members/{userId}", "workspace", "One member", { permission: "members:read", response: R.member }),
  op("patch", "/members/{userId}", "workspace", "Change a member's role", { permission: "members:manage", body: memberRoleSchema, response: R.member }),
  op("delete", "/members/{userId}", "workspace", "Remove a member (revokes their tokens)", { permission: "members:manage" }),
  op("post", "/invites", "workspace", "Invite by email", { permission: "members:manage", body: inviteSchema, status: created, response: R.inviteCreated }),
  op("delete", "/invites/{id}", "workspace", "Cancel an invite", { permission: "members:manage" }),
  op("get", "/tokens", "tokens", "API tokens (never their secrets)", { permission: "tokens:manage", response: R.list(R.token) }),
  op("post", "/tokens", "tokens", "Create an API token (shown once)", {
    permission: "tokens:manage",
    body: tokenCreateSchema,
    status: created,
    response: R.tokenCreated,
  }),
  op("delete", "/tokens/{id}", "tokens", "Revoke an API token", { permission: "tokens:manage" }),
  op("get", "/me/preferences", "workspace", "The caller's scheduling preferences", { permission: "workspace:read", response: R.preferences }),
  op("put", "/me/preferences", "workspace", "Set the caller's scheduling preferences", {
    permission: "workspace:read",
    body: preferencesSchema,
    response: R.preferences,
  }),
  op("get", "/notifications", "notifications", "The caller's own notifications in this workspace, unread first, paged", {
    permission: "workspace:read",
    query: notificationListQuery,
    response: R.notificationPage,
  }),
  op("post", "/notifications/{id}/read", "notifications", "Mark one of the caller's notifications read", {
    permission: "workspace:read",
    response: R.notificationRead,
  }),
  op("post", "/notifications/read-all", "notifications", "Mark all of the caller's notifications read", {
    permission: "workspace:read",
    response: z.object({ updated: z.number().int() }),
  }),
  op("get", "/me/notification-preferences", "notifications", "The caller's notification choices per trigger and channel, daily digest and quiet hours", {
    permission: "workspace:read",
    response: R.notificationPrefs,
  }),
  op("put", "/me/notification-preferences", "notifications", "Set the caller's notification choices (the whole set)", {
    permission: "workspace:read",
    body: notificationPrefsSchema,
    response: R.notificationPrefs,
  }),
] as const;
