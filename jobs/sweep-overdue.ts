import { schedules } from "@trigger.dev/sdk";
import { handleSweep } from "@/lib/publishing/trigger-handlers";
import { taskEnv } from "./trigger/env";

/** Every minute, on the minute: overdue rows, dead leases, missed schedules, run sync. */
export const sweepOverdue = schedules.task({
  id: "sweep-overdue",
  cron: { pattern: "* * * * *", window: "0m" },
  retry: { maxAttempts: 1 },
  maxDuration: 300,
  run: async () => {
    const env = await taskEnv("sweep");
    return handleSweep(env.db, env.deps, env.dispatch, env.client);
  },
});
