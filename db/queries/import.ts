import { and, eq, inArray, sql } from "drizzle-orm";
import { UNSENT_STATUSES } from "./schedules";
import type { Db } from "../client";
import { contentItems, schedules } from "../schema";

/** The workspace's post with this id, if any (an id from another workspace is simply absent). */
export async function findWorkspacePost(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select({ id: contentItems.id, title: contentItems.title, status: contentItems.status })
    .from(contentItems)
    .where(and(eq(contentItems.workspaceId, workspaceId), eq(contentItems.id, id)));
  return row ?? null;
}

/** A schedule that still stands: it will publish, or is publishing right now. */
const STANDING = UNSENT_STATUSES;

/**
 * The workspace's posts with this title (trimmed, any case), with their body and the schedules
 * that still stand (account and instant), for the import to recognise a row it already holds.
 */
export async function postsTitled(db: Db, workspaceId: string, title: string) {
  const posts = await db
    .select({ id: contentItems.id, title: contentItems.title, content: contentItems.content, status: contentItems.status })
    .from(contentItems)
    .where(and(eq(contentItems.workspaceId, workspaceId), sql`lower(btrim(${contentItems.title})) = lower(btrim(${title}))`))
    .limit(50);
  if (!posts.length) return [];
  const times = await db
    .select({ contentItemId: schedules.contentItemId, platformAccountId: schedules.platformAccountId, scheduledTime: schedules.scheduledTime })
    .from(schedules)
    .where(
      and(
        inArray(
          schedules.contentItemId,
          posts.map((p) => p.id),
        ),
        inArray(schedules.publishStatus, [...STANDING]),
      ),
    );
  return posts.map((p) => ({ ...p, schedules: times.filter((t) => t.contentItemId === p.id) }));
}
