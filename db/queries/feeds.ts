/** Feed subscriptions and the items they have shown; every query scoped to a workspace or a claimed feed. */
import { and, asc, desc, eq, getTableColumns, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { feedItems, feeds } from "../schema";

type FeedInsert = typeof feeds.$inferInsert;
export type FeedRow = typeof feeds.$inferSelect & { itemsSeen: number };

const itemsSeen = sql<number>`(select count(*)::int from feed_items i where i.feed_id = "feeds"."id")`;

export async function insertFeed(db: Db, v: FeedInsert): Promise<FeedRow> {
  const [row] = await db.insert(feeds).values(v).returning();
  return { ...row!, itemsSeen: 0 };
}

export async function listFeedRows(db: Db, workspaceId: string): Promise<FeedRow[]> {
  return db
    .select({ ...feedColumns(), itemsSeen })
    .from(feeds)
    .where(eq(feeds.workspaceId, workspaceId))
    .orderBy(asc(feeds.name), asc(feeds.createdAt));
}

const feedColumns = () => getTableColumns(feeds);

export async function getFeedRow(db: Db, workspaceId: string, id: string): Promise<FeedRow | null> {
  const [row] = await db
    .select({ ...feedColumns(), itemsSeen })
    .from(feeds)
    .where(and(eq(feeds.id, id), eq(feeds.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function updateFeedRow(db: Db, workspaceId: string, id: string, v: Partial<FeedInsert>) {
  const [row] = await db
    .update(feeds)
    .set({ ...v, updatedAt: new Date() })
    .where(and(eq(feeds.id, id), eq(feeds.workspaceId, workspaceId)))
    .returning({ id: feeds.id });
  return row ? getFeedRow(db, workspaceId, id) : null;
}

export async function deleteFeedRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .delete(feeds)
    .where(and(eq(feeds.id, id), eq(feeds.workspaceId, workspaceId)))
    .returning();
  return row ?? null;
}

/**
 * Due active feeds, claimed: their next check moves `leaseSeconds` ahead so another runner leaves
 * them alone while this one polls; the poll's outcome then sets the real next check.
 */
export async function claimDueFeeds(db: Db, limit: number, leaseSeconds: number, now: Date): Promise<{ id: string; workspaceId: string }[]> {
  const result = await db.execute(sql`
    UPDATE feeds SET next_check_at = ${new Date(now.getTime() + leaseSeconds * 1000).toISOString()}::timestamptz
    WHERE id IN (
      SELECT id FROM feeds WHERE active AND next_check_at <= ${now.toISOString()}::timestamptz
      ORDER BY next_check_at FOR UPDATE SKIP LOCKED LIMIT ${limit}
    )
    RETURNING id, workspace_id`);
  return rowsOf<{ id: string; workspace_id: string }>(result).map((r) => ({ id: r.id, workspaceId: r.workspace_id }));
}

export interface NewFeedItem {
  itemKey: string;
  title: string | null;
  link: string | null;
  publishedAt: Date | null;
  outcome: string;
}

/** Records items; answers only those not recorded before (the unique key decides, across processes). */
export async function insertNewItems(db: Db, feedId: string, items: NewFeedItem[]) {
  if (!items.length) return [];
  return db
    .insert(feedItems)
    .values(items.map((i) => ({ ...i, feedId })))
    .onConflictDoNothing({ target: [feedItems.feedId, feedItems.itemKey] })
    .returning({ id: feedItems.id, itemKey: feedItems.itemKey });
}

export async function setItemOutcome(db: Db, id: string, v: { outcome: string; note?: string | null; contentItemId?: string | null }) {
  await db.update(feedItems).set(v).where(eq(feedItems.id, id));
}

export async function listFeedItemRows(db: Db, feedId: string, limit: number) {
  return db
    .select({
      id: feedItems.id,
      itemKey: feedItems.itemKey,
      title: feedItems.title,
      link: feedItems.link,
      publishedAt: feedItems.publishedAt,
      outcome: feedItems.outcome,
      note: feedItems.note,
      contentItemId: feedItems.contentItemId,
      createdAt: feedItems.createdAt,
    })
    .from(feedItems)
    .where(eq(feedItems.feedId, feedId))
    .orderBy(desc(feedItems.createdAt), desc(feedItems.publishedAt))
    .limit(limit);
}
