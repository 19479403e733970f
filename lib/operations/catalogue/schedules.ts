import { z } from "zod";
import * as R from "../shapes";
import {
  bulkScheduleSchema,
  calendarQuery,
  scheduleCloneSchema,
  scheduleCreateSchema,
  scheduleListQuery,
  schedulePatchSchema,
  seriesPatchSchema,
} from "@/lib/validation/schedules";
import { blackoutCreateSchema, blackoutPatchSchema } from "@/lib/validation/preferences";
import { exportQuery, historyImportQuery, importQuery } from "@/lib/validation/import";
import { queueSchema, suggestionsQuery } from "@/lib/validation/suggestions";
import { missedDecisionSchema } from "@/lib/validation/decisions";
import { op } from "../define";

const created = 201;

/** Schedules, series, blackouts, the calendar, import and export. */
export const SCHEDULES_OPERATIONS = [
  {
    method: "get",
    path: "/api/ics/{file}",
    tag: "calendar",
    summary: "Calendar feed (secret URL from /api/v1/ics-feed)",
    permission: null,
    status: 200,
    rawResponse: { type: "text/calendar", description: "RFC 5545 calendar" },
  },
  op("post", "/content/{id}/queue", "schedules", "Schedule into the next free queue slot", {
    permission: "schedules:write",
    body: queueSchema,
    status: created,
    response: z.object({ items: z.array(R.schedulesCreated) }),
    idempotent: true,
  }),
  op("get", "/schedules", "schedules", "List schedules", { permission: "schedules:read", query: scheduleListQuery, response: R.paged(R.schedule) }),
  op(
    "post",
    "/schedules",
    "schedules",
    "Schedule content on accounts (optionally recurring; a series' occurrences in a blackout are skipped and listed, or refused with on_blackout: reject)",
    { permission: "schedules:write", body: scheduleCreateSchema, status: created, response: R.schedulesCreated, idempotent: true },
  ),
  op("post", "/schedules/bulk", "schedules", "Schedule many items on a pattern, all or none", {
    permission: "schedules:write",
    body: bulkScheduleSchema,
    status: created,
    response: z.object({
      timezone: z.string(),
      items: z.array(
        R.schedulesCreated.extend({
          content_item_id: z.uuid(),
          local_time: z
            .string()
            .describe("the item's time in the pattern's zone; with best_times each account has its own (see schedules) and this is the earliest"),
        }),
      ),
      total_schedules: z.number().int(),
    }),
    idempotent: true,
  }),
  op("get", "/schedules/calendar", "schedules", "Events and conflicts of a range, in a zone", {
    permission: "schedules:read",
    query: calendarQuery,
    response: R.calendar,
  }),
  op("get", "/schedules/{id}", "schedules", "One schedule", { permission: "schedules:read", response: R.schedule }),
  op("patch", "/schedules/{id}", "schedules", "Reschedule or change retry settings", {
    permission: "schedules:write",
    body: schedulePatchSchema,
    response: R.schedule.extend({ warnings: z.array(R.warning) }),
  }),
  op("delete", "/schedules/{id}", "schedules", "Delete a schedule that never went out", { permission: "schedules:write" }),
  op("post", "/schedules/{id}/pause", "schedules", "Pause", { permission: "schedules:write", response: R.schedule }),
  op("post", "/schedules/{id}/resume", "schedules", "Resume", { permission: "schedules:write", response: R.schedule }),
  op("post", "/schedules/{id}/cancel", "schedules", "Cancel", { permission: "schedules:write", response: R.schedule }),
  op(
    "post",
    "/schedules/{id}/decision",
    "schedules",
    "Decide a missed post waiting for a decision (missed_policy ask): publish_now or skip. 409 when the schedule is not waiting for one, or when publishing needs approval first",
    { permission: "schedules:write", body: missedDecisionSchema, response: R.schedule },
  ),
  op("post", "/schedules/{id}/retry", "schedules", "Retry a failed, dead-lettered or skipped post now (same idempotency key)", {
    permission: "schedules:write",
    response: R.schedule,
  }),
  op(
    "post",
    "/schedules/{id}/comment/retry",
    "schedules",
    "Send a failed first comment again (same key; the post is untouched). 409 when the comment is not failed, 404 when there is none",
    {
      permission: "schedules:write",
      response: R.schedule,
    },
  ),
  op("get", "/events/stream", "schedules", "Live publishing events (server-sent events; send Last-Event-ID to replay what was missed)", {
    permission: "schedules:read",
    rawResponse: {
      type: "text/event-stream",
      description:
        "publishing_started, publishing_completed, publishing_failed, first_comment_published, first_comment_failed, schedule_missed, schedule_missed_decided, account_needs_reconnect",
    },
  }),
  op("get", "/schedules/{id}/attempts", "schedules", "Publish attempts, oldest first", { permission: "schedules:read", response: R.list(R.attempt) }),
  op("post", "/schedules/{id}/clone", "schedules", "Copy to another time or account", {
    permission: "schedules:write",
    body: scheduleCloneSchema,
    status: created,
    response: R.schedulesCreated,
    idempotent: true,
  }),
  op("get", "/series/{id}", "schedules", "A recurring series, its counts and next occurrences", { permission: "schedules:read", response: R.series }),
  op(
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
  op("delete", "/series/{id}", "schedules", "End a series; published occurrences stay", {
    permission: "schedules:write",
    status: 200,
    response: z.object({ removed: z.number().int() }),
  }),
  op("get", "/suggestions/times", "schedules", "Best times to post on an account", {
    permission: "schedules:read",
    query: suggestionsQuery,
    response: R.suggestions,
  }),
  op("get", "/blackouts", "schedules", "Blackout windows", { permission: "schedules:read", response: R.list(R.blackout) }),
  op("post", "/blackouts", "schedules", "Add a blackout window", {
    permission: "schedules:write",
    body: blackoutCreateSchema,
    status: created,
    response: R.blackout,
    idempotent: true,
  }),
  op("get", "/blackouts/{id}", "schedules", "One blackout window", { permission: "schedules:read", response: R.blackout }),
  op("patch", "/blackouts/{id}", "schedules", "Change a blackout window", { permission: "schedules:write", body: blackoutPatchSchema, response: R.blackout }),
  op("delete", "/blackouts/{id}", "schedules", "Remove a blackout window", { permission: "schedules:write" }),
  op("get", "/ics-feed", "calendar", "The workspace's secret calendar URL", { permission: "schedules:read", response: R.icsFeed }),
  op("post", "/ics-feed", "calendar", "Create or replace the secret calendar URL", { permission: "workspace:manage", response: R.icsFeed }),
  op("post", "/import/csv", "import", "Import content and schedules from CSV", {
    permission: "content:write",
    query: importQuery,
    rawBody: {
      type: "text/csv",
      description:
        "columns: title, content (required), summary, content_type, platforms, accounts (names, ids or platform:name), date, time, timezone, tags, variants (JSON per platform), content_item_id (rows with the same value are one post; the id of a post of this workspace is skipped, never created again), status, schedule_status; a content export imports as it is. A row repeating a post already here (same title and body, and for a dated row the same time on the same accounts) is skipped unless duplicates=import. A platform means its accounts that can take posts: one needing a reconnect or in error is left out with a note, and is the row's error when no other is left",
    },
    response: R.importResult,
    streamed: {
      type: "application/x-ndjson",
      description:
        'With Accept: application/x-ndjson the answer streams {"type":"progress","rows":n} lines as rows are read, and ends with {"type":"result", …the JSON answer} or {"type":"error", error}',
    },
  }),
  op("post", "/analytics/import", "import", "Import past results of posts (history for the best times) from CSV", {
    permission: "content:write",
    query: historyImportQuery,
    rawBody: {
      type: "text/csv",
      description:
        "header exactly account, posted_at, timezone, content_type, impressions, reach, likes, comments, shares, clicks (any order and letter case; another column is refused), then one row per post. account: the account's id, name or platform:name; posted_at: YYYY-MM-DD HH:mm[:ss] (or with T) read as a wall time in timezone (IANA), not in the future; a time the clocks skip is moved on by the gap and one they show twice is read as the first, both listed in warnings; content_type: post (empty), article, thread or carousel; counts: empty (not reported) or whole numbers 0 … 2147483647. All or nothing: any row error is a 400 whose details list every problem as { row, column, message } (row 1 is the header) and nothing is written. A row for an account and moment imported before updates it. At most 50,000 rows and 10 MiB (413)",
    },
    response: R.historyImportResult,
    streamed: {
      type: "application/x-ndjson",
      description:
        'With Accept: application/x-ndjson the answer streams {"type":"progress","stage":"check"|"write","rows":n,"total":n|null} lines and ends with {"type":"result", …the JSON answer} or {"type":"error", error}',
    },
  }),
  op("get", "/export/csv", "import", "Export schedules or content as CSV", {
    permission: "content:read",
    query: exportQuery,
    rawResponse: {
      type: "text/csv",
      description:
        "spreadsheet-safe CSV; type=content writes one row per post and time with the columns POST /import/csv reads back (content_item_id, title, content, summary, content_type, status, tags, variants, accounts, date, time, timezone, schedule_status, published_at, created_at)",
    },
  }),
] as const;
