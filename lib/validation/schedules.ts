import { z } from "zod";
import { MISSED_POLICIES, PRIORITIES, PUBLISH_STATUSES, RETRY_STRATEGIES } from "@/db/schema/values";
import { csvList, dateOrDateTime, pageQuery } from "./common";
import { versionField } from "./version";

/** What happens to a post whose time passed while the server was down (README, Missed posts). */
export { MISSED_POLICIES, PUBLISH_STATUSES };
export type MissedPolicy = (typeof MISSED_POLICIES)[number];

const timeString = z.string().trim().min(1, "scheduled_time is required").max(40, "scheduled_time is too long");
const zone = z.string().trim().min(1).max(64);

export const recurrenceSchema = z
  .object({
    rrule: z.string().trim().min(1).max(500).optional(),
    cron: z.string().trim().min(1).max(200).optional(),
    count: z.number().int().min(1).max(1000).optional(),
    until: z.string().trim().max(40).optional(),
  })
  .strict()
  .refine((r) => (r.rrule ? 1 : 0) + (r.cron ? 1 : 0) === 1, { message: "give exactly one of rrule or cron" });

const retryFields = {
  retry_strategy: z.enum(RETRY_STRATEGIES, { message: "retry_strategy must be exponential, linear or custom" }),
  /** Seconds to wait before each retry, for the custom strategy. */
  retry_delays: z
    .array(
      z
        .number()
        .int()
        .min(1)
        .max(7 * 86_400),
    )
    .min(1)
    .max(20),
  max_retries: z.number().int().min(0, "max_retries cannot be negative").max(20, "max_retries can be at most 20"),
  priority: z.enum(PRIORITIES, { message: "priority must be low, normal or high" }),
  missed_policy: z.enum(MISSED_POLICIES, { message: "missed_policy must be publish_late, skip or ask" }),
  metadata: z.record(z.string(), z.unknown()),
};

const retryDefaults = {
  retry_strategy: retryFields.retry_strategy.default("exponential"),
  retry_delays: retryFields.retry_delays.optional(),
  max_retries: retryFields.max_retries.default(3),
  priority: retryFields.priority.default("normal"),
  missed_policy: retryFields.missed_policy.default("publish_late"),
};

export const scheduleCreateSchema = z
  .object({
    content_item_id: z.uuid({ message: "content_item_id must be an id" }),
    platform_account_ids: z
      .array(z.uuid({ message: "platform_account_ids must be ids" }))
      .min(1, "name at least one account")
      .max(50)
      .optional(),
    platform_account_id: z.uuid({ message: "platform_account_id must be an id" }).optional(),
    scheduled_time: timeString,
    timezone: zone.optional(),
    ...retryDefaults,
    metadata: retryFields.metadata.optional(),
    recurrence: recurrenceSchema.optional(),
    /** A series with occurrences in a blackout: skip those (default) or refuse the whole series. */
    on_blackout: z.enum(["skip", "reject"], { message: "on_blackout must be skip or reject" }).optional(),
  })
  .strict()
  .refine((v) => !!v.platform_account_ids !== !!v.platform_account_id, {
    message: "give platform_account_ids (a list) or platform_account_id, not both",
    path: ["platform_account_ids"],
  })
  .refine((v) => v.retry_strategy !== "custom" || !!v.retry_delays, {
    message: "retry_delays (seconds) is required with the custom retry strategy",
    path: ["retry_delays"],
  });
export type ScheduleCreateInput = z.infer<typeof scheduleCreateSchema>;

export const schedulePatchSchema = z
  .object({
    scheduled_time: timeString,
    timezone: zone,
    ...retryFields,
    version: versionField,
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== "version"), { message: "send at least one field to change" });
export type SchedulePatchInput = z.infer<typeof schedulePatchSchema>;

export const scheduleListQuery = z
  .object({
    ...pageQuery,
    content_item_id: z.uuid().optional(),
    platform_account_id: z.uuid().optional(),
    platform: z.string().min(1).max(40).optional(),
    publish_status: csvList.pipe(z.array(z.enum(PUBLISH_STATUSES, { message: `publish_status must be among ${PUBLISH_STATUSES.join(", ")}` }))).optional(),
    date_from: dateOrDateTime.optional(),
    date_to: dateOrDateTime.optional(),
    sort: z.enum(["scheduled_time", "-scheduled_time", "created_at", "-created_at"]).default("scheduled_time"),
  })
  .strict();
export type ScheduleListQuery = z.infer<typeof scheduleListQuery>;

export const scheduleCloneSchema = z
  .object({ scheduled_time: timeString.optional(), timezone: zone.optional(), platform_account_id: z.uuid().optional() })
  .strict();

export const bulkScheduleSchema = z
  .object({
    content_item_ids: z
      .array(z.uuid({ message: "content_item_ids must be ids" }))
      .min(1, "name at least one content item")
      .max(500, "at most 500 items at once"),
    platform_account_ids: z
      .array(z.uuid({ message: "platform_account_ids must be ids" }))
      .min(1, "name at least one account")
      .max(50),
    pattern: z
      .object({
        type: z.enum(["daily", "weekly_slots", "spread", "best_times"], { message: "pattern.type must be daily, weekly_slots, spread or best_times" }),
        start_date: z.iso.date({ message: "pattern.start_date must be YYYY-MM-DD" }),
        end_date: z.iso.date({ message: "pattern.end_date must be YYYY-MM-DD" }),
        times: z.array(z.string()).min(1).max(24).optional(),
        days: z
          .array(z.union([z.number().int(), z.string()]))
          .max(7)
          .optional(),
        timezone: zone.optional(),
      })
      .strict(),
    ...retryDefaults,
  })
  .strict();
export type BulkScheduleInput = z.infer<typeof bulkScheduleSchema>;

/** The fields of a calendar event, in the order they are answered. */
export const CALENDAR_EVENT_FIELDS = [
  "id",
  "title",
  "start",
  "end",
  "platform_id",
  "platform_account_id",
  "publish_status",
  "content_item_id",
  "color",
  "account_name",
  "tags",
  "version",
  "editable",
  "awaiting_approval",
  "account_status",
  "account_broken",
] as const;
export type CalendarEventField = (typeof CALENDAR_EVENT_FIELDS)[number];

export const calendarQuery = z
  .object({
    start_date: dateOrDateTime,
    end_date: dateOrDateTime,
    platforms: csvList.optional(),
    status_filter: csvList.pipe(z.array(z.enum(PUBLISH_STATUSES, { message: `status_filter must be among ${PUBLISH_STATUSES.join(", ")}` }))).optional(),
    platform_account_id: z.uuid().optional(),
    timezone: zone.optional(),
    fields: csvList
      .pipe(
        z
          .array(z.enum(CALENDAR_EVENT_FIELDS, { message: `fields must be among ${CALENDAR_EVENT_FIELDS.join(", ")}` }))
          .min(1, "fields must name at least one field"),
      )
      .optional()
      .describe("the event fields to answer with, comma-separated (default: all); conflicts always come whole"),
  })
  .strict();
export type CalendarQuery = z.infer<typeof calendarQuery>;

export const seriesPatchSchema = z
  .object({ recurrence: recurrenceSchema, scheduled_time: timeString, timezone: zone })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send recurrence, scheduled_time or timezone" });
