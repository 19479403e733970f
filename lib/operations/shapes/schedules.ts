import { z } from "zod";
import { firstCommentView } from "@/lib/scheduling/comment-view";
import { ACCOUNT_STATUSES, ATTEMPT_OUTCOMES, MISSED_POLICIES, PRIORITIES, PUBLISH_STATUSES, RETRY_STRATEGIES } from "@/db/schema/values";
import { id, iso, record, ts, tsN, warning } from "./common";

/** Schedules, publish attempts, series, blackouts, the calendar, suggestions and imports. The documented schema of each answer, and beside it the mapper that builds it from rows (typed by the schema, so the two cannot drift). */
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
  first_comment: z
    .object({
      status: z.enum(["pending", "sending", "published", "failed"]),
      text: z.string(),
      id: z.string().nullable(),
      url: z.string().nullable(),
      attempts: z.number().int(),
      error: z.string().nullable(),
      next_attempt_at: z.string().nullable(),
      published_at: z.string().nullable(),
    })
    .nullable()
    .describe("the first comment published after the post (null: none): its status, link and last error"),
  error_code: z.string().nullable(),
  error_message: z.string().nullable(),
  retry_count: z.number().int(),
  max_retries: z.number().int(),
  retry_strategy: z.enum(RETRY_STRATEGIES),
  retry_delays: z.array(z.number().int()).nullable(),
  priority: z.enum(PRIORITIES),
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
  outcome: z.enum(ATTEMPT_OUTCOMES),
  http_status: z.number().int().nullable(),
  response_excerpt: z.string().nullable(),
  error_message: z.string().nullable(),
});
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
    z
      .object({
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
        account_status: z.enum(ACCOUNT_STATUSES),
        account_broken: z.boolean().describe("still to go out on an account that needs reconnecting or is in error: it would fail when due"),
      })
      .partial()
      .describe("every field, or only those the `fields` parameter names"),
  ),
  conflicts: z.array(z.object({ type: z.string(), severity: z.enum(["error", "warning"]), schedule_ids: z.array(id), message: z.string() })),
});
export const blackout = z.object({ id, platform_account_id: id.nullable(), starts_at: ts, ends_at: ts, reason: z.string().nullable(), created_at: ts });
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
  basis: z
    .object({
      source: z.enum(["learned", "baseline"]).describe("learned: the workspace's own results; baseline: published research only"),
      reason: z
        .string()
        .describe('e.g. "learned from 38 of your posts", "learned from 12 posts on your other Bluesky accounts", "research baseline for LinkedIn"'),
      posts: z.number().int().describe("the account's own posts behind the model (0 with the research baseline)"),
    })
    .describe("where the times come from"),
  items: z.array(
    z.object({
      start: ts,
      local_time: z.string(),
      score: z.number().describe("0–1 from the model or research, less any penalty for other posts, the daily cap or the weekly limits"),
      expected_engagement_rate: z.number().nullable().describe("expected engagement rate at that local weekday and hour; null without a learned level"),
      interval: z
        .object({ low: z.number(), high: z.number(), probability: z.number() })
        .nullable()
        .describe("the interval the rate lies in with `probability` (the model's uncertainty)"),
      posts: z.number().int().describe("the account's own posts at that weekday and hour"),
      reason: z.string().describe("where the estimate comes from, as in basis.reason"),
      reasons: z.array(z.string()),
    }),
  ),
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

export function scheduleOut(s: {
  id: string;
  contentItemId: string;
  platformAccountId: string;
  platformId: string;
  scheduledTime: Date;
  localTime: string;
  timezone: string;
  publishStatus: (typeof PUBLISH_STATUSES)[number];
  retryCount: number;
  maxRetries: number;
  retryStrategy: (typeof RETRY_STRATEGIES)[number];
  retryDelays: number[] | null;
  priority: (typeof PRIORITIES)[number];
  missedPolicy: (typeof MISSED_POLICIES)[number];
  platformPostId: string | null;
  platformPostUrl: string | null;
  firstComment?: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  metadata: unknown;
  recurrenceSeriesId: string | null;
  version: number;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  contentTitle?: string;
  accountName?: string;
}): z.output<typeof schedule> {
  return {
    id: s.id,
    content_item_id: s.contentItemId,
    content_title: s.contentTitle ?? null,
    platform_account_id: s.platformAccountId,
    platform_account_name: s.accountName ?? null,
    platform_id: s.platformId,
    scheduled_time: iso(s.scheduledTime),
    local_time: s.localTime,
    timezone: s.timezone,
    publish_status: s.publishStatus,
    platform_post_id: s.platformPostId,
    platform_post_url: s.platformPostUrl,
    first_comment: firstCommentView(s.firstComment),
    error_code: s.errorCode,
    error_message: s.errorMessage,
    retry_count: s.retryCount,
    max_retries: s.maxRetries,
    retry_strategy: s.retryStrategy,
    retry_delays: s.retryDelays,
    priority: s.priority,
    missed_policy: s.missedPolicy,
    metadata: record(s.metadata),
    recurrence_series_id: s.recurrenceSeriesId,
    version: s.version,
    published_at: iso(s.publishedAt),
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
}

export function blackoutOut(b: {
  id: string;
  platformAccountId: string | null;
  startsAt: Date;
  endsAt: Date;
  reason: string | null;
  createdAt: Date;
}): z.output<typeof blackout> {
  return {
    id: b.id,
    platform_account_id: b.platformAccountId,
    starts_at: iso(b.startsAt),
    ends_at: iso(b.endsAt),
    reason: b.reason,
    created_at: iso(b.createdAt),
  };
}

export function seriesOut(
  s: {
    id: string;
    contentItemId: string;
    platformAccountIds: string[];
    rrule: string | null;
    cron: string | null;
    timezone: string;
    localTime: string;
    startsAt: Date;
    materializedUntil: Date | null;
    endedAt: Date | null;
    createdAt: Date;
  },
  counts: Record<string, number>,
  next: Parameters<typeof scheduleOut>[0][],
): z.output<typeof series> {
  return {
    id: s.id,
    content_item_id: s.contentItemId,
    platform_account_ids: s.platformAccountIds,
    rrule: s.rrule,
    cron: s.cron,
    timezone: s.timezone,
    local_time: s.localTime,
    starts_at: iso(s.startsAt),
    materialized_until: iso(s.materializedUntil),
    ended_at: iso(s.endedAt),
    created_at: iso(s.createdAt),
    occurrences: counts,
    next: next.map(scheduleOut),
  };
}

export function attemptOut(a: {
  id: string;
  attemptNumber: number;
  runnerId: string | null;
  idempotencyKey: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  outcome: (typeof ATTEMPT_OUTCOMES)[number];
  httpStatus: number | null;
  responseExcerpt: string | null;
  errorMessage: string | null;
}): z.output<typeof attempt> {
  return {
    id: a.id,
    attempt_number: a.attemptNumber,
    runner_id: a.runnerId,
    idempotency_key: a.idempotencyKey,
    started_at: a.startedAt.toISOString(),
    finished_at: a.finishedAt?.toISOString() ?? null,
    duration_ms: a.durationMs,
    outcome: a.outcome,
    http_status: a.httpStatus,
    response_excerpt: a.responseExcerpt,
    error_message: a.errorMessage,
  };
}
