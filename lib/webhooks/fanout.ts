/**
 * The "webhooks" consumer of the event log: every event becomes a delivery for each active
 * webhook of its workspace that subscribed to its type, and was there when it happened (a webhook
 * added later does not get the past). One insert per batch of events.
 */
import type { Db } from "@/db/client";
import { activeWebhooksOf, insertDeliveries, type DeliveryInsert } from "@/db/queries/webhooks";
import { consumeEvents } from "../events/consume";
import type { PublishingEvent } from "@/lib/events";
import { envelope } from "./manage";

export const WEBHOOKS_CONSUMER = "webhooks";

export async function fanOut(tx: Db, events: PublishingEvent[]): Promise<number> {
  const hooks = await activeWebhooksOf(tx, [...new Set(events.map((e) => e.workspaceId))]);
  if (!hooks.length) return 0;
  const rows: DeliveryInsert[] = [];
  for (const e of events) {
    const at = new Date(e.createdAt);
    for (const h of hooks) {
      if (h.workspaceId !== e.workspaceId || !h.events.includes(e.type) || h.createdAt > at) continue;
      rows.push({ webhookId: h.id, event: e.type, payload: envelope(`evt_${e.id}`, e.type, e.createdAt, e.workspaceId, e.data) });
    }
  }
  return (await insertDeliveries(tx, rows)).length;
}

/** Turns unhandled events into deliveries; returns how many events were handled. */
export function fanOutEvents(db: Db, limit = 200): Promise<number> {
  return consumeEvents(db, WEBHOOKS_CONSUMER, async (tx, events) => void (await fanOut(tx, events)), limit);
}
