import { z } from "zod";

/** The events a webhook can subscribe to (what the event log carries and receivers care about). */
export const WEBHOOK_EVENTS = [
  "publishing_started",
  "publishing_completed",
  "publishing_failed",
  "first_comment_published",
  "first_comment_failed",
  "content_approved",
  "content_rejected",
  "review_decided",
  "schedule_created",
  "schedule_changed",
  "schedule_cancelled",
  "evergreen_scheduled",
  "schedule_missed_decided",
  "alert_fired",
  "alert_resolved",
  "feed_item_created",
  "feed_failed",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** What each event means, for the screen and the README. */
export const EVENT_LABELS: Record<WebhookEvent, string> = {
  publishing_started: "Publishing started",
  publishing_completed: "Publishing completed",
  publishing_failed: "Publishing failed",
  first_comment_published: "First comment published under a post",
  first_comment_failed: "First comment failed (for good, or retried later)",
  content_approved: "Content approved",
  content_rejected: "Content rejected",
  review_decided: "Review link decision (a client approved or asked for changes)",
  schedule_created: "Schedule created",
  schedule_changed: "Schedule changed",
  schedule_cancelled: "Schedule cancelled",
  evergreen_scheduled: "Evergreen post scheduled (a category filled an empty slot)",
  schedule_missed_decided: "Missed post decided (publish now or skip)",
  alert_fired: "Alert fired (an alert rule's condition held)",
  alert_resolved: "Alert resolved",
  feed_item_created: "Feed item became a draft or a queued post",
  feed_failed: "Feed started failing (first failed poll in a row)",
};

const url = z.string().trim().min(1, "url is required").max(2000, "url must be at most 2000 characters");
const events = z
  .array(z.enum(WEBHOOK_EVENTS, { message: `events must be among: ${WEBHOOK_EVENTS.join(", ")}` }))
  .min(1, "pick at least one event")
  .transform((v) => [...new Set(v)]);
const secret = z.string().min(16, "secret must be at least 16 characters").max(200, "secret must be at most 200 characters");

export const webhookCreateSchema = z.object({ url, events, secret: secret.optional(), active: z.boolean().optional() }).strict();
export type WebhookCreateInput = z.infer<typeof webhookCreateSchema>;

export const webhookPatchSchema = z
  .object({ url: url.optional(), events: events.optional(), secret: secret.optional(), active: z.boolean().optional() })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "give at least one of url, events, secret, active" });
export type WebhookPatchInput = z.infer<typeof webhookPatchSchema>;

export const DELIVERY_STATUSES = ["pending", "delivering", "retrying", "delivered", "failed", "cancelled"] as const;
export const deliveryListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    status: z.enum(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(", ")}` }).optional(),
  })
  .strict();
export type DeliveryListQuery = z.infer<typeof deliveryListQuery>;
