/** Evergreen categories, their items, the slots they filled and the items they passed over. */
import { and, asc, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { contentItems, evergreenCategories, evergreenItems, evergreenPlacements, evergreenSkips, workspaces } from "../schema";

export type CategoryRow = typeof evergreenCategories.$inferSelect;
export type CategoryValues = Partial<Omit<typeof evergreenCategories.$inferInsert, "id" | "workspaceId" | "createdAt" | "createdBy">>;

/** Statuses of a schedule that has gone out or still will: what spacing and re-post counts look at. */
const LIVE = sql`('pending', 'paused', 'publishing', 'published')`;

export async function listCategoryRows(db: Db, workspaceId: string) {
  return db
    .select({
      category: evergreenCategories,
      itemCount: sql<number>`(SELECT count(*)::int FROM evergreen_items i WHERE i.category_id = ${evergreenCategories.id})`,
    })
    .from(evergreenCategories)
    .where(eq(evergreenCategories.workspaceId, workspaceId))
    .orderBy(asc(evergreenCategories.name));
}

export async function getCategoryRow(db: Db, workspaceId: string, id: string, forUpdate = false): Promise<CategoryRow | null> {
  const q = db
    .select()
    .from(evergreenCategories)
    .where(and(eq(evergreenCategories.id, id), eq(evergreenCategories.workspaceId, workspaceId)));
  const [row] = forUpdate ? await q.for("update") : await q;
  return row ?? null;
}

export async function categoryNameTaken(db: Db, workspaceId: string, name: string, exceptId?: string) {
  const rows = await db
    .select({ id: evergreenCategories.id })
    .from(evergreenCategories)
    .where(and(eq(evergreenCategories.workspaceId, workspaceId), sql`lower(${evergreenCategories.name}) = lower(${name})`));
  return rows.some((r) => r.id !== exceptId);
}

export async function insertCategory(db: Db, workspaceId: string, createdBy: string | null, v: CategoryValues & { name: string }) {
  const [row] = await db
    .insert(evergreenCategories)
    .values({ ...v, workspaceId, createdBy })
    .returning();
  return row!;
}

export async function updateCategoryRow(db: Db, workspaceId: string, id: string, v: CategoryValues) {
  const [row] = await db
    .update(evergreenCategories)
    .set({ ...v, updatedAt: new Date() })
    .where(and(eq(evergreenCategories.id, id), eq(evergreenCategories.workspaceId, workspaceId)))
    .returning();
  return row ?? null;
}

export async function deleteCategoryRow(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .delete(evergreenCategories)
    .where(and(eq(evergreenCategories.id, id), eq(evergreenCategories.workspaceId, workspaceId)))
    .returning({ id: evergreenCategories.id });
  return rows.length > 0;
}

/** Every active category of every workspace (the periodic fill), with its workspace's approval policy. */
export async function activeCategoryRows(db: Db) {
  return db
    .select({ category: evergreenCategories, approvalPolicy: workspaces.approvalPolicy })
    .from(evergreenCategories)
    .innerJoin(workspaces, eq(workspaces.id, evergreenCategories.workspaceId))
    .where(eq(evergreenCategories.active, true))
    .orderBy(asc(evergreenCategories.createdAt));
}

export async function workspaceApprovalPolicy(db: Db, workspaceId: string): Promise<string> {
  const [row] = await db.select({ p: workspaces.approvalPolicy }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return row?.p ?? "off";
}

export async function listItemRows(db: Db, categoryId: string) {
  return db
    .select({
      contentItemId: evergreenItems.contentItemId,
      texts: evergreenItems.texts,
      addedAt: evergreenItems.addedAt,
      title: contentItems.title,
      status: contentItems.status,
    })
    .from(evergreenItems)
    .innerJoin(contentItems, eq(contentItems.id, evergreenItems.contentItemId))
    .where(eq(evergreenItems.categoryId, categoryId))
    .orderBy(asc(evergreenItems.addedAt), asc(contentItems.title));
}

/** The ids among these that are content items of the workspace. */
export async function contentIdsOf(db: Db, workspaceId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: contentItems.id })
    .from(contentItems)
    .where(and(eq(contentItems.workspaceId, workspaceId), inArray(contentItems.id, ids)));
  return new Set(rows.map((r) => r.id));
}

/** Adds items; an item already in the category keeps its place and gets the texts sent, when sent. */
export async function upsertItems(db: Db, categoryId: string, items: { contentItemId: string; texts?: string[] }[]) {
  // A millisecond apart, in the order sent: "oldest first" breaks ties by the order items were added.
  const start = Date.now();
  for (const [i, it] of items.entries()) {
    const texts = it.texts ?? [];
    await db
      .insert(evergreenItems)
      .values({ categoryId, contentItemId: it.contentItemId, texts, addedAt: new Date(start + i) })
      .onConflictDoUpdate({
        target: [evergreenItems.categoryId, evergreenItems.contentItemId],
        set: it.texts ? { texts } : { texts: sql`${evergreenItems.texts}` },
      });
  }
}

export async function deleteItems(db: Db, categoryId: string, contentItemIds: string[]) {
  if (!contentItemIds.length) return 0;
  const rows = await db
    .delete(evergreenItems)
    .where(and(eq(evergreenItems.categoryId, categoryId), inArray(evergreenItems.contentItemId, contentItemIds)))
    .returning({ id: evergreenItems.contentItemId });
  return rows.length;
}

export interface CandidateRow {
  id: string;
  title: string;
  content: string;
  content_type: string;
  status: string;
  texts: unknown;
  added_at: Date | string;
  approved_once: boolean;
  published_before: boolean;
}

/** A category's items with what decides whether they may go out again unread. */
export async function candidateRows(db: Db, categoryId: string): Promise<CandidateRow[]> {
  return rowsOf<CandidateRow>(
    await db.execute(sql`
      SELECT c.id, c.title, c.content, c.content_type::text AS content_type, c.status::text AS status, i.texts, i.added_at,
        EXISTS (SELECT 1 FROM approval_requests ar WHERE ar.content_item_id = c.id AND ar.status = 'approved' AND ar.content_version <= c.version) AS approved_once,
        EXISTS (SELECT 1 FROM schedules s WHERE s.content_item_id = c.id AND s.publish_status = 'published') AS published_before
      FROM evergreen_items i JOIN content_items c ON c.id = i.content_item_id
      WHERE i.category_id = ${categoryId}
      ORDER BY i.added_at, c.id`),
  );
}

/** When each item went out or will go out on the account (live schedules only). */
export async function itemTimesOnAccount(db: Db, accountId: string, contentIds: string[]) {
  if (!contentIds.length) return [];
  return rowsOf<{ content_item_id: string; at: Date | string; evergreen: boolean; text: string | null }>(
    await db.execute(sql`
      SELECT s.content_item_id, s.scheduled_time AS at, (p.id IS NOT NULL) AS evergreen, p.text
      FROM schedules s LEFT JOIN evergreen_placements p ON p.schedule_id = s.id
      WHERE s.platform_account_id = ${accountId} AND s.publish_status::text IN ${LIVE}
        AND s.content_item_id IN (${sql.join(
          contentIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
      ORDER BY s.scheduled_time`),
  );
}

/** Slots of the account already filled by a category (a slot filled once is never filled again). */
export async function filledSlots(db: Db, accountId: string, from: Date, to: Date): Promise<Set<number>> {
  const rows = await db
    .select({ at: evergreenPlacements.slotAt })
    .from(evergreenPlacements)
    .where(and(eq(evergreenPlacements.platformAccountId, accountId), gte(evergreenPlacements.slotAt, from), lte(evergreenPlacements.slotAt, to)));
  return new Set(rows.map((r) => r.at.getTime()));
}

/** Records a filled slot; false when another runner filled it first (the unique slot index). */
export async function insertPlacement(db: Db, v: typeof evergreenPlacements.$inferInsert): Promise<boolean> {
  const rows = await db.insert(evergreenPlacements).values(v).onConflictDoNothing().returning({ id: evergreenPlacements.id });
  return rows.length > 0;
}

export async function setPlacementSchedule(db: Db, id: string, scheduleId: string) {
  await db.update(evergreenPlacements).set({ scheduleId }).where(eq(evergreenPlacements.id, id));
}

export async function upsertSkip(db: Db, v: { categoryId: string; contentItemId: string; platformAccountId: string; code: string; reason: string; at: Date }) {
  await db
    .insert(evergreenSkips)
    .values(v)
    .onConflictDoUpdate({
      target: [evergreenSkips.categoryId, evergreenSkips.contentItemId, evergreenSkips.platformAccountId],
      set: { code: v.code, reason: v.reason, at: v.at },
    });
}

export async function clearSkip(db: Db, categoryId: string, contentItemId: string, accountId: string) {
  await db
    .delete(evergreenSkips)
    .where(and(eq(evergreenSkips.categoryId, categoryId), eq(evergreenSkips.contentItemId, contentItemId), eq(evergreenSkips.platformAccountId, accountId)));
}

export async function listSkipRows(db: Db, categoryId: string) {
  return db
    .select({ skip: evergreenSkips, title: contentItems.title })
    .from(evergreenSkips)
    .innerJoin(contentItems, eq(contentItems.id, evergreenSkips.contentItemId))
    .where(eq(evergreenSkips.categoryId, categoryId))
    .orderBy(desc(evergreenSkips.at));
}

/** A category's upcoming placements (the slots it filled that are still ahead). */
export async function upcomingPlacements(db: Db, categoryId: string, from: Date, limit = 50) {
  return rowsOf<{ schedule_id: string; content_item_id: string; title: string; platform_account_id: string; scheduled_time: Date | string; status: string }>(
    await db.execute(sql`
      SELECT s.id AS schedule_id, s.content_item_id, c.title, s.platform_account_id, s.scheduled_time, s.publish_status::text AS status
      FROM evergreen_placements p JOIN schedules s ON s.id = p.schedule_id JOIN content_items c ON c.id = s.content_item_id
      WHERE p.category_id = ${categoryId} AND s.scheduled_time >= ${from.toISOString()}::timestamptz AND s.publish_status::text IN ('pending', 'paused', 'publishing')
      ORDER BY s.scheduled_time LIMIT ${limit}`),
  );
}
