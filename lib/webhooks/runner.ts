import type { Db } from "@/db/client";
import { log } from "../log";
import { webhookDeps, type WebhookDeps } from "./deps";
import { DeliveryPool, deliverDue } from "./deliver";
import { fanOutEvents } from "./fanout";

/**
 * The webhook share of a runner's tick: turn new events into deliveries, fill the delivery pool,
 * prune the old log daily. Nothing here is awaited by the tick and every failure is caught and
 * logged, so receivers (slow, failing, unreachable) never hold up publishing.
 */
export function webhookRunner(db: Db, over: Partial<WebhookDeps> = {}) {
  let deps: WebhookDeps | null = null;
  let pool: DeliveryPool | null = null;
  let fanning: Promise<unknown> | null = null;
  return {
    tick() {
      try {
        deps ??= webhookDeps(over);
        pool ??= new DeliveryPool(db, deps);
      } catch (err) {
        log.error("webhooks are not configured", { err });
        return;
      }
      const p = pool;
      fanning ??= fanOutEvents(db)
        .then(() => p.tick())
        .catch((err) => log.error("webhook work failed", { err }))
        .finally(() => (fanning = null));
    },
    pool: () => pool,
  };
}

/** One pass for a scheduled sweep (Trigger.dev): fan out new events, deliver what is due. */
export async function sweepWebhooks(db: Db, over: Partial<WebhookDeps> = {}) {
  try {
    const events = await fanOutEvents(db);
    const delivered = await deliverDue(db, webhookDeps(over));
    return { events, deliveries: delivered.length };
  } catch (err) {
    log.error("webhook sweep failed", { err });
    return { events: 0, deliveries: 0 };
  }
}
