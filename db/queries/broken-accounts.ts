import { and, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { platformAccounts, schedules } from "../schema";

/** Accounts in these states, each with how many posts are still to go out on it and the next one. */
export async function accountsInStates(db: Db, workspaceId: string, states: ("needs_reconnect" | "error")[]) {
  return db
    .select({
      id: platformAccounts.id,
      name: platformAccounts.name,
      platform: platformAccounts.platform,
      status: platformAccounts.status,
      statusReason: platformAccounts.statusReason,
      open: count(schedules.id),
    })
    .from(platformAccounts)
    .leftJoin(schedules, and(eq(schedules.platformAccountId, platformAccounts.id), inArray(schedules.publishStatus, ["pending", "paused"])))
    .where(and(eq(platformAccounts.workspaceId, workspaceId), inArray(platformAccounts.status, states)))
    .groupBy(platformAccounts.id)
    .orderBy(platformAccounts.name);
}
