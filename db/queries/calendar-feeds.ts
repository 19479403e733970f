import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { calendarFeeds } from "../schema";

export async function liveFeed(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ id: calendarFeeds.id, tokenEncrypted: calendarFeeds.tokenEncrypted, createdAt: calendarFeeds.createdAt })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.workspaceId, workspaceId), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function feedByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ id: calendarFeeds.id, workspaceId: calendarFeeds.workspaceId })
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)))
    .limit(1);
  return row ?? null;
}

export async function revokeLiveFeeds(db: Db, workspaceId: string) {
  await db
    .update(calendarFeeds)
    .set({ revokedAt: new Date() })
    .where(and(eq(calendarFeeds.workspaceId, workspaceId), isNull(calendarFeeds.revokedAt)));
}

export async function insertFeed(db: Db, v: { workspaceId: string; userId: string | null; tokenHash: string; tokenEncrypted: string }) {
  const [row] = await db.insert(calendarFeeds).values(v).returning({ id: calendarFeeds.id, createdAt: calendarFeeds.createdAt });
  return row!;
}
