import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { userPreferences } from "../schema";

/**
 * The accounts a person last chose for drafts dropped on the calendar, per workspace. Kept in the
 * person's own preferences row, under one key of its free-form JSON (notification settings keep
 * fields they do not know, so neither side overwrites the other).
 */
const KEY = "calendar_drop_accounts";

export async function readDropTargets(db: Db, userId: string, workspaceId: string): Promise<string[] | null> {
  const [row] = await db
    .select({ v: sql<unknown>`${userPreferences.notificationPrefs} -> ${KEY}::text -> ${workspaceId}::text` })
    .from(userPreferences)
    .where(eq(userPreferences.userId, userId))
    .limit(1);
  const v = row?.v;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : null;
}

/** Sets this workspace's list in one statement: no read-modify-write to race with another tab. */
export async function writeDropTargets(db: Db, userId: string, workspaceId: string, accountIds: string[]): Promise<void> {
  const value = JSON.stringify(accountIds);
  await db
    .insert(userPreferences)
    .values({ userId, notificationPrefs: { [KEY]: { [workspaceId]: accountIds } } })
    .onConflictDoUpdate({
      target: userPreferences.userId,
      set: {
        notificationPrefs: sql`jsonb_set(
          case when jsonb_typeof(${userPreferences.notificationPrefs} -> ${KEY}::text) = 'object' then ${userPreferences.notificationPrefs} else coalesce(${userPreferences.notificationPrefs}, '{}'::jsonb) || jsonb_build_object(${KEY}::text, '{}'::jsonb) end,
          array[${KEY}::text, ${workspaceId}::text], ${value}::jsonb, true)`,
      },
    });
}
