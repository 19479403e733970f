import { schedules } from "@trigger.dev/sdk";
import { handleCollectAnalytics } from "@/lib/publishing/trigger-handlers";
import { taskEnv } from "./trigger/env";

/** Engagement of published posts at +1 h, +24 h and +7 d (lib/analytics/collect.ts). */
export const collectAnalyticsTask = schedules.task({
  id: "collect-analytics",
  cron: "*/10 * * * *",
  retry: { maxAttempts: 2 },
  maxDuration: 600,
  run: async () => {
    const env = await taskEnv("analytics");
    return handleCollectAnalytics(env.db, env.deps);
  },
});
