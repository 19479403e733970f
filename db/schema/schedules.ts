import { sql } from "drizzle-orm";
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { attemptOutcomeEnum, missedPolicyEnum, priorityEnum, publishStatusEnum, retryStrategyEnum } from "./enums";
import { platformAccounts } from "./accounts";
import { contentItems } from "./content";
import { users, workspaces } from "./identity";
import { optimizationTrials } from "./trials";
import { timeOrderedId } from "./time-ordered-id";

/** A recurring series; occurrences are materialised ahead as ordinary schedules. */
export const recurrenceSeries = pgTable("recurrence_series", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  contentItemId: uuid("content_item_id")
    .notNull()
    .references(() => contentItems.id, { onDelete: "cascade" }),
  platformAccountIds: uuid("platform_account_ids").array().notNull(),
  rrule: text("rrule"),
  cron: text("cron"),
  timezone: text("timezone").notNull(),
  localTime: text("local_time").notNull(),
  startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
  until: timestamp("until", { withTimezone: true }),
  count: integer("count"),
  materializedUntil: timestamp("materialized_until", { withTimezone: true }),
  template: jsonb("template").notNull().default({}),
  endedAt: timestamp("ended_at", { withTimezone: true }),
  createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const schedules = pgTable(
  "schedules",
  {
    /** Time-ordered (uuid_v7(), lib/ids.ts): the posts being published are the recently made ones, on the index's last pages. */
    id: uuid("id").primaryKey().default(timeOrderedId),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    platformAccountId: uuid("platform_account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    /** Platform of the account, denormalised for filters and per-platform queues. */
    platformId: text("platform_id").notNull(),
    /** The UTC instant to publish at … */
    scheduledTime: timestamp("scheduled_time", { withTimezone: true }).notNull(),
    /** … and the wall time + zone the user chose, so DST shifts keep 09:00 at 09:00 local. */
    localTime: text("local_time").notNull(),
    timezone: text("timezone").notNull().default("UTC"),
    /** When the first attempt was due; scheduled_time moves forward on retries. */
    originalTime: timestamp("original_time", { withTimezone: true }).notNull(),
    publishStatus: publishStatusEnum("publish_status").notNull().default("pending"),
    retryCount: integer("retry_count").notNull().default(0),
    maxRetries: integer("max_retries").notNull().default(3),
    retryStrategy: retryStrategyEnum("retry_strategy").notNull().default("exponential"),
    retryDelays: integer("retry_delays").array(),
    priority: priorityEnum("priority").notNull().default("normal"),
    /** Numeric priority for the claim's ORDER BY (high=2, normal=1, low=0). */
    priorityRank: smallint("priority_rank").notNull().default(1),
    missedPolicy: missedPolicyEnum("missed_policy").notNull().default("publish_late"),
    platformPostId: text("platform_post_id"),
    platformPostUrl: text("platform_post_url"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    metadata: jsonb("metadata").notNull().default({}),
    recurrenceSeriesId: uuid("recurrence_series_id").references(() => recurrenceSeries.id, { onDelete: "set null" }),
    /** The posting-time trial this post is part of, and its arm's key (lib/trials). */
    trialId: uuid("trial_id").references(() => optimizationTrials.id, { onDelete: "set null" }),
    trialArm: text("trial_arm"),
    /** Stable key sent to platforms: `<id>:v<version>`; version bumps when the post changes. */
    idempotencyKey: text("idempotency_key"),
    version: integer("version").notNull().default(1),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    triggerRunId: text("trigger_run_id"),
    /** Thread progress: ids of the parts already published, so a retry resumes. */
    publishedParts: jsonb("published_parts").notNull().default([]),
    /**
     * The first comment's own outbox (lib/publishing/comment.ts): its text as published with the
     * post, status, attempts, lease and the platform's id once it is out. Null: no comment.
     */
    firstComment: jsonb("first_comment"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The claim reads only pending rows in time order: this index stays small however much history piles up.
    index("schedules_due_idx").on(t.priorityRank.desc(), t.scheduledTime).where(sql`${t.publishStatus} = 'pending'`),
    index("schedules_lease_idx").on(t.leaseExpiresAt).where(sql`${t.publishStatus} = 'publishing'`),
    index("schedules_workspace_time_idx").on(t.workspaceId, t.scheduledTime),
    index("schedules_content_idx").on(t.contentItemId),
    index("schedules_account_time_idx").on(t.platformAccountId, t.scheduledTime),
    index("schedules_series_idx").on(t.recurrenceSeriesId),
    // The comment sweep reads only comments still owed.
    index("schedules_comment_due_idx").on(t.publishedAt).where(sql`(${t.firstComment}->>'status') IN ('pending', 'sending')`),
    index("schedules_trial_idx").on(t.trialId).where(sql`${t.trialId} IS NOT NULL`),
    // Posts held for approval: the expiry sweep of every dispatcher tick and the approval queue read
    // only these, never the whole table.
    index("schedules_held_idx").on(t.workspaceId, t.originalTime).where(sql`${t.publishStatus} = 'paused' AND ${t.errorCode} = 'awaiting_approval'`),
    // Trigger.dev sync reads rows changed since its last pass.
    index("schedules_updated_idx").on(t.updatedAt),
  ],
);

export const publishAttempts = pgTable(
  "publish_attempts",
  {
    id: uuid("id").primaryKey().default(timeOrderedId),
    scheduleId: uuid("schedule_id")
      .notNull()
      .references(() => schedules.id, { onDelete: "cascade" }),
    attemptNumber: integer("attempt_number").notNull(),
    runnerId: text("runner_id"),
    idempotencyKey: text("idempotency_key"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    outcome: attemptOutcomeEnum("outcome").notNull().default("in_progress"),
    httpStatus: integer("http_status"),
    responseExcerpt: text("response_excerpt"),
    errorMessage: text("error_message"),
  },
  (t) => [index("publish_attempts_schedule_idx").on(t.scheduleId, t.attemptNumber), index("publish_attempts_started_idx").on(t.startedAt)],
);

/** Blackout windows: nothing is published to the account (or any account when null) inside one. */
export const scheduleExceptions = pgTable(
  "schedule_exceptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    platformAccountId: uuid("platform_account_id").references(() => platformAccounts.id, { onDelete: "cascade" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    rrule: text("rrule"),
    reason: text("reason"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("schedule_exceptions_range_idx").on(t.workspaceId, t.startsAt, t.endsAt)],
);

/** Responses remembered for `Idempotency-Key` on creating POSTs (24 h). */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    responseStatus: integer("response_status").notNull(),
    // The answer exactly as it was sent (text, not jsonb, which would reorder keys): a replay is byte for byte.
    responseBody: text("response_body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);

/**
 * Requests counted per client (API token, user or address) per one-minute window, shared by every
 * process on the database. Old windows are pruned hourly.
 */
export const rateLimitWindows = pgTable(
  "rate_limit_windows",
  {
    bucket: text("bucket").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index("rate_limit_windows_start_idx").on(t.windowStart)],
);

/** One row per job runner process; the health page reads the beat. */
export const runnerHeartbeats = pgTable("runner_heartbeats", {
  runnerId: text("runner_id").primaryKey(),
  driver: text("driver").notNull(),
  host: text("host").notNull(),
  pid: integer("pid").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  lastBeatAt: timestamp("last_beat_at", { withTimezone: true }).notNull().defaultNow(),
  claimedTotal: integer("claimed_total").notNull().default(0),
  info: jsonb("info").notNull().default({}),
});

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorTokenId: uuid("actor_token_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_log_workspace_time_idx").on(t.workspaceId, t.createdAt), index("audit_log_entity_idx").on(t.entityType, t.entityId)],
);

/**
 * Publishing events (started / completed / failed …) in order, per workspace. The SSE stream
 * replays from here after `Last-Event-ID`; NOTIFY carries new ones to every process. Pruned
 * after the workspace's event retention (a day by default; lib/retention).
 */
export const publishingEvents = pgTable(
  "publishing_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    data: jsonb("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("publishing_events_workspace_idx").on(t.workspaceId, t.id), index("publishing_events_created_idx").on(t.createdAt)],
);

/** Monotonic counters for /api/metrics that no table already records (conflicts seen …). */
export const metricCounters = pgTable(
  "metric_counters",
  {
    name: text("name").notNull(),
    labels: text("labels").notNull().default(""),
    value: bigint("value", { mode: "number" }).notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.name, t.labels] })],
);

/**
 * Which consumer of publishing_events (notifications, outgoing webhooks) has handled which event.
 * A row per handled event, written in the same transaction as what the handling produced: an
 * event is handed out once per consumer, whatever the number of runners and whatever order
 * concurrent transactions commit their events in. Rows go with their event when it is pruned.
 */
export const eventConsumptions = pgTable(
  "event_consumptions",
  {
    consumer: text("consumer").notNull(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => publishingEvents.id, { onDelete: "cascade" }),
    handledAt: timestamp("handled_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.consumer, t.eventId] }), index("event_consumptions_event_idx").on(t.eventId)],
);
