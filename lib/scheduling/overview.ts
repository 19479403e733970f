import type { Db } from "@/db/client";
import { overviewStats, scheduleCounts, upcomingSchedules } from "@/db/queries/overview";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";

/**
 * What the overview shows of the workspace's publishing: schedules by status, the next posts to go
 * out, and the counters of the day, which starts at `todayStart` (the person's midnight).
 */
export async function publishingOverview(db: Db, actor: Actor, todayStart?: Date) {
  assertCan(actor.role, "schedules:read");
  const [counts, upcoming, stats] = await Promise.all([
    scheduleCounts(db, actor.workspaceId),
    upcomingSchedules(db, actor.workspaceId),
    overviewStats(db, actor.workspaceId, todayStart),
  ]);
  return { counts, upcoming, stats };
}
