import type { DeliveryRow, WebhookRow } from "@/db/queries/webhooks";

type Hook = Omit<WebhookRow, "failing" | "lastStatus"> & Partial<Pick<WebhookRow, "failing" | "lastStatus">>;

/** A webhook as the API shows it: never its secret. */
export function webhookOut(w: Hook) {
  return {
    id: w.id,
    url: w.url,
    events: w.events,
    active: w.active,
    created_at: w.createdAt.toISOString(),
    ...(w.failing === undefined ? {} : { failed_last_day: w.failing, last_status: w.lastStatus ?? null }),
  };
}

export function deliveryOut(d: DeliveryRow) {
  return {
    id: d.id,
    webhook_id: d.webhookId,
    event: d.event,
    status: d.status,
    attempt: d.attempt,
    http_status: d.httpStatus,
    duration_ms: d.durationMs,
    response_excerpt: d.responseExcerpt,
    next_attempt_at: d.nextAttemptAt && (d.status === "retrying" || d.status === "pending") ? d.nextAttemptAt.toISOString() : null,
    delivered_at: d.deliveredAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    payload: d.payload,
  };
}
