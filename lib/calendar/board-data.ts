/** What the calendar board lists beside its events: tags to filter by, drafts to drop, posts that failed. */
import type { Db } from "@/db/client";
import { failedPostCount, unscheduledContent, workspaceTags } from "@/db/queries/calendar-board";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";

/** Every tag in use in the workspace, for the tag filter. */
export async function calendarTags(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  return workspaceTags(db, actor.workspaceId);
}

/** Content with no schedule in play and no failed post, newest first: what may be dropped on a day. */
export async function unscheduledDrafts(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  return unscheduledContent(db, actor.workspaceId);
}

/** How many posts failed or were given up (the job monitor's "Needs attention"). */
export async function failedPosts(db: Db, actor: Actor) {
  assertCan(actor.role, "schedules:read");
  return failedPostCount(db, actor.workspaceId);
}
