/**
 * The bodies of the Trigger.dev tasks, as plain handlers over the same engine the embedded runner
 * uses. jobs/*.ts wrap them in task() / schedules.task(); tests call them directly.
 */
import type { Db } from "@/db/client";
import { claimOne } from "@/db/queries/publishing";
import { collectAnalytics } from "../analytics/collect";
import { log } from "../log";
import { notificationWork } from "../notifications/run";
import { Dispatcher, type DispatcherOptions } from "./dispatcher";
import { processClaim, type EngineDeps, type ProcessResult } from "./engine";
import { syncTriggerRuns, type TriggerClient } from "./trigger-sync";
import { sweepWebhooks } from "../webhooks/runner";

export interface PublishPayload {
  scheduleId: string;
}

/** publish-post: claims the row if it is due and pending, then publishes it. */
export async function handlePublishPost(db: Db, deps: EngineDeps, payload: PublishPayload, leaseSeconds: number): Promise<{ status: ProcessResult | "not_due" }> {
  const claim = await claimOne(db, { runnerId: deps.runnerId, id: payload.scheduleId, leaseSeconds });
  if (!claim) return { status: "not_due" };
  return { status: await processClaim(db, deps, claim) };
}

/**
 * sweep-overdue (every minute): the safety net. Recovers dead leases, judges missed rows,
 * publishes whatever is overdue and still pending (a lost or failed run), and re-syncs runs.
 */
/** Made once, so its digest pacing (every few minutes) holds across sweeps. */
const sweepNotifications = notificationWork();

export async function handleSweep(db: Db, deps: EngineDeps, dispatch: DispatcherOptions, client: TriggerClient | null) {
  const dispatcher = new Dispatcher(db, deps, { ...dispatch, intervalMs: undefined });
  const claimed = await dispatcher.tick();
  await dispatcher.idle();
  await dispatcher.stop();
  const sync = client ? await syncTriggerRuns(db, client, { limit: 1000 }) : null;
  // Outgoing webhooks ride on the sweep; their failures are caught there and never stop it.
  const webhooks = await sweepWebhooks(db);
  // Notifications ride along with the sweep (once a minute here); a failure there never fails the sweep.
  const notified = await sweepNotifications(db).catch((err) => {
    log.error("notification work failed", { err });
    return 0;
  });
  return { claimed, processed: dispatcher.processed, sync, webhooks, notified };
}

/** collect-analytics (every 10 minutes). */
export async function handleCollectAnalytics(db: Db, deps: EngineDeps) {
  return collectAnalytics(db, deps);
}
