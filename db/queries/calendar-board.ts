import { and, desc, eq, inArray, notExists, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { contentItems, schedules } from "../schema";

/** Statuses that mean an item already has a place on the calendar. */
const PLACED = ["pending", "paused", "publishing", "published"];
/** Content that may be dropped on the calendar: not archived, not yet out, and with no schedule in play. */
const DROPPABLE = ["draft", "in_review", "changes_requested", "approved", "failed"];

/** The calendar's side list: content with no schedule in play, newest first. */
export async function unscheduledContent(db: Db, workspaceId: string, limit = 50) {
  return db
    .select({ id: contentItems.id, title: contentItems.title, status: contentItems.status, contentType: contentItems.contentType, tags: contentItems.tags, preview: sql<string>`left(${contentItems.content}, 120)` })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.workspaceId, workspaceId),
        sql`${contentItems.status} in (${sql.join(DROPPABLE.map((s) => sql`${s}`), sql`, `)})`,
        notExists(db.select({ one: sql`1` }).from(schedules).where(and(eq(schedules.contentItemId, contentItems.id), inArray(schedules.publishStatus, PLACED as never[])))),
      ),
    )
    .orderBy(desc(contentItems.updatedAt), desc(contentItems.id))
    .limit(limit);
}

/** Every tag in use in the workspace, for the calendar's tag filter. */
export async function workspaceTags(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.execute(sql`select distinct unnest(${contentItems.tags}) as tag from ${contentItems} where ${contentItems.workspaceId} = ${workspaceId} order by 1 limit 200`);
  return rowsOf<{ tag: string }>(rows).map((r) => r.tag);
}
