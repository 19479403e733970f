/**
 * One Trigger.dev scheduled task per periodic job of the catalogue (jobs/catalogue.ts), at the
 * job's cadence. Trigger.dev finds tasks by their exports, so each is named here; a test checks
 * that this list and the catalogue are the same.
 */
import { schedules } from "@trigger.dev/sdk";
import { periodicJob, triggerCron } from "./catalogue";
import { handlePeriodic } from "./trigger/handlers";
import { taskEnv } from "./trigger/env";

function periodicTask<const Id extends string>(id: Id) {
  const job = periodicJob(id);
  return schedules.task({
    id,
    cron: { pattern: triggerCron(job), window: "0m" },
    retry: { maxAttempts: 1 },
    maxDuration: 300,
    run: async (payload) => handlePeriodic(id, await taskEnv(id), payload.timestamp),
  });
}

export const extendSeriesTask = periodicTask("extend-series");
export const pruneTask = periodicTask("prune");
export const publishDueTask = periodicTask("publish-due");
export const syncTriggerRunsTask = periodicTask("sync-trigger-runs");
export const collectAnalyticsTask = periodicTask("collect-analytics");
export const deliverWebhooksTask = periodicTask("deliver-webhooks");
export const notifyTask = periodicTask("notify");
export const recordHealthTask = periodicTask("record-health");
export const evaluateAlertsTask = periodicTask("evaluate-alerts");
export const learnBestTimesTask = periodicTask("learn-best-times");
export const fillEvergreenTask = periodicTask("fill-evergreen");
export const pollFeedsTask = periodicTask("poll-feeds");
export const firstCommentsTask = periodicTask("first-comments");
