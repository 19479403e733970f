import { z } from "zod";
import { PLATFORMS } from "@/adapters/types";
import { ROLES } from "@/lib/auth/permissions";
import { CONTENT_STATUSES, CONTENT_TYPES } from "@/lib/validation/content";
import { MISSED_POLICIES, PUBLISH_STATUSES } from "@/lib/validation/schedules";

/** Shapes of what /api/v1 answers, for the OpenAPI document (the routes build them in app/api/v1/_lib/shapes.ts). */
const id = z.uuid();
const ts = z.string().describe("ISO 8601 date-time");
const tsN = ts.nullable();
const role = z.enum(ROLES);
const page = { total: z.number().int(), page: z.number().int(), pages: z.number().int() };

export const errorBody = z.object({
  error: z.object({ code: z.string().describe("kind:subject, e.g. not_found:schedule"), message: z.string(), details: z.unknown().optional() }),
});

export const token = z.object({ id, name: z.string(), role, prefix: z.string(), created_at: ts, last_used_at: tsN, expires_at: tsN, revoked_at: tsN });
export const tokenCreated = z.object({ id, token: z.string().describe("shown once"), name: z.string(), role, expires_at: tsN });
export const member = z.object({ user_id: id, email: z.string(), name: z.string(), role, joined_at: tsN, last_login_at: tsN });
export const invite = z.object({ id, email: z.string(), role, expires_at: ts, created_at: ts });
export const inviteCreated = z.object({ id, email: z.string(), role, expires_at: ts, invite_url: z.string() });
export const workspace = z.object({
  id,
  name: z.string(),
  slug: z.string(),
  approval_policy: z.enum(["off", "required_for_editors", "required_for_all"]),
  four_eyes: z.boolean().describe("nobody approves content they wrote or submitted"),
  approvers: z.array(id).describe("designated approvers; empty: the admins approve"),
  minor_edit_chars: z
    .number()
    .int()
    .describe(
      "an edit of approved content changing at most this many characters keeps the approval (recorded in the audit log and the thread); 0: every edit needs a new review",
    ),
  default_timezone: z.string(),
  created_at: ts,
  role,
});
export const account = z.object({ id, platform: z.string(), name: z.string(), status: z.enum(["active", "needs_reconnect", "error", "disabled"]) });
export const postingSlots = z.object({
  timezone: z.string().nullable(),
  slots: z.array(z.object({ days: z.array(z.number().int()), times: z.array(z.string()) })),
});

export const content = z.object({
  id,
  title: z.string(),
  content: z.string(),
  summary: z.string().nullable(),
  content_type: z.enum(CONTENT_TYPES),
  status: z.enum(CONTENT_STATUSES),
  platform_configs: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  author_id: id.nullable(),
  author_name: z.string().nullable(),
  source_type: z.string(),
  source_reference: z.string().nullable(),
  scheduled_for: tsN,
  published_at: tsN,
  expires_at: tsN,
  archived_at: tsN,
  media_ids: z.array(id),
  version: z.number().int(),
  created_at: ts,
  updated_at: ts,
});
export const contentCreated = z.object({ id, status: z.enum(CONTENT_STATUSES), created_at: ts });
export const variant = z.object({
  platform: z.enum(PLATFORMS),
  text: z.string().nullable(),
  parts: z.array(z.string()).nullable(),
  media_ids: z.array(id),
  options: z.record(z.string(), z.unknown()),
  updated_at: ts,
});

export const schedule = z.object({
  id,
  content_item_id: id,
  content_title: z.string().nullable(),
  platform_account_id: id,
  platform_account_name: z.string().nullable(),
  platform_id: z.string(),
  scheduled_time: ts,
  local_time: z.string().describe("wall time in timezone, YYYY-MM-DDTHH:mm"),
  timezone: z.string(),
  publish_status: z.enum(PUBLISH_STATUSES),
  platform_post_id: z.string().nullable(),
  platform_post_url: z.string().nullable(),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  retry_count: z.number().int(),
  max_retries: z.number().int(),
  retry_strategy: z.enum(["exponential", "linear", "custom"]),
  retry_delays: z.array(z.number().int()).nullable(),
  priority: z.enum(["low", "normal", "high"]),
  missed_policy: z.enum(MISSED_POLICIES),
  metadata: z.record(z.string(), z.unknown()),
  recurrence_series_id: id.nullable(),
  version: z.number().int(),
  published_at: tsN,
  created_at: ts,
  updated_at: ts,
});
export const attempt = z.object({
  id,
  attempt_number: z.number().int(),
  runner_id: z.string().nullable(),
  idempotency_key: z.string().nullable(),
  started_at: ts,
  finished_at: tsN,
  duration_ms: z.number().int().nullable(),
  outcome: z.enum(["in_progress", "success", "retryable", "rate_limited", "auth", "permanent", "unknown_outcome", "found_existing"]),
  http_status: z.number().int().nullable(),
  response_excerpt: z.string().nullable(),
  error_message: z.string().nullable(),
});
export const warning = z.object({ type: z.enum(["platform", "conflict", "time"]), code: z.string().optional(), message: z.string() }).passthrough();
export const schedulesCreated = z.object({
  schedules: z.array(
    z.object({
      id,
      platform_account_id: id,
      platform_id: z.string(),
      publish_status: z.enum(PUBLISH_STATUSES),
      scheduled_time: ts,
      local_time: z.string(),
      timezone: z.string(),
    }),
  ),
  recurrence_series_id: id.nullable(),
  skipped_occurrences: z
    .array(
      z.object({
        scheduled_time: ts,
        local_time: z.string(),
        timezone: z.string(),
        platform_account_ids: z.array(id),
        blackout_id: id,
        reason: z.string().nullable(),
      }),
    )
    .describe("occurrences of a series not created because they fall in a blackout (on_blackout: skip, the default)"),
  warnings: z.array(warning),
});
export const calendar = z.object({
  timezone: z.string(),
  events: z.array(
    z.object({
      id,
      title: z.string(),
      start: z.string(),
      end: z.string(),
      platform_id: z.string(),
      platform_account_id: id,
      publish_status: z.enum(PUBLISH_STATUSES),
      content_item_id: id,
      color: z.string(),
      account_name: z.string(),
      tags: z.array(z.string()),
      version: z.number().int(),
      editable: z.boolean(),
      awaiting_approval: z.boolean().describe("held by the approval gate, or will be when due"),
      account_status: z.enum(["active", "needs_reconnect", "error", "disabled"]),
      account_broken: z.boolean().describe("still to go out on an account that needs reconnecting or is in error: it would fail when due"),
    }),
  ),
  conflicts: z.array(z.object({ type: z.string(), severity: z.enum(["error", "warning"]), schedule_ids: z.array(id), message: z.string() })),
});
export const blackout = z.object({ id, platform_account_id: id.nullable(), starts_at: ts, ends_at: ts, reason: z.string().nullable(), created_at: ts });
export const preferences = z.object({
  timezone: z.string(),
  timezone_confirmed_at: tsN,
  locale: z.string().nullable(),
  week_start: z.number().int(),
  posting_frequency: z.record(z.string(), z.object({ min_per_week: z.number().int().nullish(), max_per_week: z.number().int().nullish() })),
  updated_at: tsN,
});
export const icsFeed = z.object({ url: z.string().nullable(), created_at: tsN });
export const importResult = z.object({
  dry_run: z.boolean(),
  mode: z.enum(["all_or_nothing", "partial"]),
  total_rows: z.number().int(),
  ok_rows: z.number().int(),
  error_rows: z.number().int(),
  skipped_rows: z.number().int().describe("rows left out on purpose (archived posts, posts already in this workspace), each with its reason in notes"),
  committed: z.boolean(),
  created: z.object({ content: z.number().int(), schedules: z.number().int() }),
  rows: z.array(
    z.object({
      line: z.number().int(),
      status: z.enum(["ok", "error", "skipped"]),
      title: z.string().optional(),
      content_item_id: id.optional(),
      same_post_as: z.number().int().optional().describe("line of the row that made this row's post (rows with the same content_item_id are one post)"),
      existing: z
        .object({ id, title: z.string() })
        .optional()
        .describe("the post of this workspace the row already is (status skipped) or resembles (same title and body at other times; a note says so)"),
      schedules: z.array(z.unknown()).optional(),
      errors: z
        .array(z.object({ field: z.string().nullable(), message: z.string() }))
        .optional()
        .describe("every problem of the row, each with its column"),
      notes: z
        .array(z.string())
        .optional()
        .describe(
          "what the import does differently from the file, and why: a past or published time not scheduled again, a published post imported as a new, unpublished post, an account matched by platform, a broken account left out, a post already here",
        ),
    }),
  ),
});
export const suggestions = z.object({
  timezone: z.string(),
  platform_account_id: id,
  platform_id: z.string(),
  platform_name: z.string().describe("the account's platform as people know it, e.g. Mastodon"),
  account_name: z.string(),
  research: z.object({
    platform: z.string().nullable().describe("the platform whose published research the times rest on; null: the general baseline (weekday office hours)"),
    label: z.string().describe('e.g. "research for X", "no research for Mastodon; using the research for X"'),
  }),
  items: z.array(z.object({ start: ts, local_time: z.string(), score: z.number(), reasons: z.array(z.string()) })),
});
export const health = z.object({
  status: z.enum(["ok", "error"]),
  db: z.object({ ok: z.boolean(), driver: z.enum(["pglite", "postgres"]), latency_ms: z.number().optional(), error: z.string().optional() }),
  runner: z.record(z.string(), z.unknown()),
  queue: z.object({ due: z.number().int(), oldest_due_seconds: z.number().int(), publishing: z.number().int() }).optional(),
  version: z.string(),
  failing: z.array(z.string()).optional(),
});

export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const paged = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), ...page });
export const media = z.object({
  id,
  filename: z.string(),
  mime_type: z.string(),
  size_bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  duration_ms: z.number().int().nullable(),
  alt_text: z.string().nullable(),
  sha256: z.string(),
  url: z.string(),
  created_at: ts,
});
export const series = z.object({
  id,
  content_item_id: id,
  platform_account_ids: z.array(id),
  rrule: z.string().nullable(),
  cron: z.string().nullable(),
  timezone: z.string(),
  local_time: z.string(),
  starts_at: ts,
  materialized_until: tsN,
  ended_at: tsN,
  created_at: ts,
  occurrences: z.record(z.string(), z.number().int()),
  next: z.array(schedule),
});
export const gateFinding = z.object({
  rule: z.enum(["platform_limits", "required_fields", "banned_words", "link_check", "alt_text"]),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  platform: z.string().nullish(),
  field: z.string().nullish(),
});
export const gateCheck = z.object({
  platforms: z.array(z.string()),
  findings: z.array(gateFinding),
  passes: z.boolean().describe("nothing blocks: no errors and no warnings"),
  passes_with_acknowledgement: z.boolean().describe("no errors: passes once the warnings are acknowledged"),
});

// Outgoing webhooks (lib/webhooks/shapes.ts builds these).
const webhookBase = { id, url: z.string(), events: z.array(z.string()), active: z.boolean(), created_at: ts };
export const webhook = z.object({ ...webhookBase, failed_last_day: z.number().int().optional(), last_status: z.string().nullable().optional() });
export const webhookCreated = z.object({ ...webhookBase, secret: z.string().describe("the signing secret, shown once") });
export const webhookDelivery = z.object({
  id,
  webhook_id: id,
  event: z.string(),
  status: z.enum(["pending", "delivering", "retrying", "delivered", "failed", "cancelled"]),
  attempt: z.number().int(),
  http_status: z.number().int().nullable(),
  duration_ms: z.number().int().nullable(),
  response_excerpt: z.string().nullable(),
  next_attempt_at: tsN,
  delivered_at: tsN,
  created_at: ts,
  payload: z.object({ id: z.string(), type: z.string(), created_at: ts, workspace_id: id, data: z.record(z.string(), z.unknown()) }),
});

export const notification = z.object({
  id,
  type: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable().describe("path in the app"),
  read_at: tsN,
  created_at: ts,
});
export const notificationPage = z.object({ items: z.array(notification), unread_count: z.number().int(), ...page });
export const notificationRead = z.object({ id, read_at: ts });
const channels = z.object({ in_app: z.boolean(), email: z.boolean() });
export const notificationPrefs = z.object({
  triggers: z
    .record(z.string(), channels)
    .describe("content_submitted, content_approved, content_changes_requested, content_rejected, publishing_failed, account_needs_reconnect, schedule_missed"),
  digest: z.boolean(),
  quiet_hours: z.object({ enabled: z.boolean(), start: z.string().describe("HH:MM"), end: z.string().describe("HH:MM"), timezone: z.string() }),
});

const approvalStatus = z.enum(["pending", "approved", "changes_requested", "rejected", "withdrawn"]);
export const approvalRequest = z.object({
  id,
  content_item_id: id,
  status: approvalStatus,
  content_version: z.number().int(),
  requested_by: id.nullable(),
  decided_by: id.nullable(),
  decided_at: tsN,
  comment: z.string().nullable(),
  created_at: ts,
});
export const approvalSubmitted = approvalRequest.extend({ findings: z.array(gateFinding).describe("warnings acknowledged with this submission") });
export const approvalDecided = approvalRequest.extend({ released_schedules: z.number().int().describe("held schedules released by an approval") });
export const approvalQueue = z.object({
  counts: z.object({ pending: z.number().int(), approved: z.number().int(), changes_requested: z.number().int(), rejected: z.number().int() }),
  is_approver: z.boolean(),
  items: z.array(
    z.object({
      approval_request_id: id,
      content_item_id: id,
      title: z.string(),
      status: approvalStatus,
      state: z.enum(["draft", "in_review", "approved", "changes_requested", "rejected", "outdated"]).describe("outdated: approved, but edited since"),
      content_version: z.number().int(),
      current_version: z.number().int(),
      author_id: id.nullable(),
      author_name: z.string().nullable(),
      submitted_at: ts,
      decided_at: tsN,
      comment: z.string().nullable(),
      next_time: tsN,
      held_schedules: z.number().int(),
    }),
  ),
});
export const reviewComment = z.object({
  id,
  parent_id: id.nullable(),
  approval_request_id: id.nullable(),
  author_id: id.nullable(),
  author_name: z.string().nullable(),
  body: z.string(),
  mentions: z.array(z.object({ user_id: id, name: z.string() })),
  created_at: ts,
});
