import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { contentItems, platformAccounts, schedules } from "../schema";

export async function scheduleCounts(db: Db, workspaceId: string) {
  const rows = await db
    .select({ status: schedules.publishStatus, n: sql<number>`count(*)::int` })
    .from(schedules)
    .where(eq(schedules.workspaceId, workspaceId))
    .groupBy(schedules.publishStatus);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<string, number>>;
}

export async function upcomingSchedules(db: Db, workspaceId: string, limit = 8) {
  return db
    .select({
      id: schedules.id,
      scheduledTime: schedules.scheduledTime,
      status: schedules.publishStatus,
      title: contentItems.title,
      preview: contentItems.content,
      platform: schedules.platformId,
      accountName: platformAccounts.name,
    })
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .where(and(eq(schedules.workspaceId, workspaceId), eq(schedules.publishStatus, "pending"), gte(schedules.scheduledTime, sql`now() - interval '1 hour'`)))
    .orderBy(asc(schedules.scheduledTime))
    .limit(limit);
}
