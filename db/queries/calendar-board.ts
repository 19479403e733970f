import { and, desc, eq, inArray, notExists, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { contentItems, schedules } from "../schema";

/** Statuses that mean an item already has a place on the calendar. */
const PLACED = ["pending", "paused", "publishing", "published"];
/** Statuses of a post that went wrong: it is listed under "Needs attention" (the job monitor), not as unscheduled. */
const FAILED = ["failed", "dead_letter"];
/**
 * Content that may be dropped on the calendar: not archived, not yet out, and with no schedule in play.
 * A failed item whose failed post is gone (deleted, cancelled) is back to being unscheduled; one with a
 * failed post is left out below, as that post is under "Needs attention".
 */
const DROPPABLE = ["draft", "in_review", "changes_requested", "approved", "failed"];

/** The calendar's side list: content with no schedule in play and no failed post, newest first. */
export async function unscheduledContent(db: Db, workspaceId: string, limit = 50) {
  return db
    .select({
      id: contentItems.id,
      title: contentItems.title,
      status: contentItems.status,
      contentType: contentItems.contentType,
      tags: contentItems.tags,
      preview: sql<string>`left(${contentItems.content}, 120)`,
    })
    .from(contentItems)
    .where(
      and(
        eq(contentItems.workspaceId, workspaceId),
        sql`${contentItems.status} in (${sql.join(
          DROPPABLE.map((s) => sql`${s}`),
          sql`, `,
        )})`,
        notExists(
          db
            .select({ one: sql`1` })
            .from(schedules)
            .where(and(eq(schedules.contentItemId, contentItems.id), inArray(schedules.publishStatus, [...PLACED, ...FAILED] as never[]))),
        ),
      ),
    )
    .orderBy(desc(contentItems.updatedAt), desc(contentItems.id))
    .limit(limit);
}

/** Every tag in use in the workspace, for the calendar's tag filter. */
export async function workspaceTags(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db.execute(
    sql`select distinct unnest(${contentItems.tags}) as tag from ${contentItems} where ${contentItems.workspaceId} = ${workspaceId} order by 1 limit 200`,
  );
  return rowsOf<{ tag: string }>(rows).map((r) => r.tag);
}

/** How many posts need attention (failed or given up), as the job monitor lists them. */
export async function failedPostCount(db: Db, workspaceId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schedules)
    .where(and(eq(schedules.workspaceId, workspaceId), inArray(schedules.publishStatus, FAILED as never[])));
  return Number(row?.n ?? 0);
}
