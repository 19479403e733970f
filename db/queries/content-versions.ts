import { and, eq, sql } from "drizzle-orm";
import { anyUuid, rowsOf, type Db } from "../client";
import { contentItems, contentVersions } from "../schema";

export async function insertContentVersion(db: Db, v: typeof contentVersions.$inferInsert) {
  await db.insert(contentVersions).values(v);
}

/** Locks an item's row for the rest of the transaction, so changes to it queue one after another. */
export async function lockContentRow(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: contentItems.id })
    .from(contentItems)
    .where(and(eq(contentItems.id, id), eq(contentItems.workspaceId, workspaceId)))
    .for("update");
  return rows.length > 0;
}

/**
 * The roles each item was changed under since its last approval (all its versions when never
 * approved). A version without a record (written before versions were recorded, or by hand)
 * counts as made under its author's membership role; an author who left counts as null.
 */
export async function rolesSinceApproval(db: Db, contentIds: string[]): Promise<Map<string, (string | null)[]>> {
  const out = new Map<string, (string | null)[]>();
  if (!contentIds.length) return out;
  const rows = rowsOf<{ id: string; author_role: string | null; span: number; recorded: number; roles: string | null }>(
    await db.execute(sql`
      SELECT c.id, m.role::text AS author_role, c.version - a.v AS span,
        (SELECT count(*)::int FROM content_versions cv WHERE cv.content_item_id = c.id AND cv.version > a.v AND cv.version <= c.version) AS recorded,
        (SELECT string_agg(DISTINCT cv.actor_role, ',') FROM content_versions cv WHERE cv.content_item_id = c.id AND cv.version > a.v AND cv.version <= c.version) AS roles
      FROM content_items c
      CROSS JOIN LATERAL (SELECT coalesce(max(ar.content_version), 0) AS v FROM approval_requests ar
        WHERE ar.content_item_id = c.id AND ar.status = 'approved' AND ar.content_version <= c.version) a
      LEFT JOIN memberships m ON m.user_id = c.author_id AND m.workspace_id = c.workspace_id
      WHERE c.id = ${anyUuid(contentIds)}`),
  );
  for (const r of rows) {
    const roles: (string | null)[] = r.roles ? r.roles.split(",") : [];
    if (Number(r.recorded) < Number(r.span)) roles.push(r.author_role);
    out.set(r.id, roles);
  }
  return out;
}

/**
 * Items that use a media file (attached, or in a platform's variant) whose posts are not all out:
 * every unpublished item, and any item, whatever its status, with a schedule still to go out or a
 * live recurring series (a published item can be scheduled again). `open` says which of them have
 * posts to come, so the caller can tell content that can change from content that will post.
 */
export async function contentUsingMedia(db: Db, workspaceId: string, mediaId: string): Promise<{ id: string; title: string; status: string; open: boolean }[]> {
  const rows = rowsOf<{ id: string; title: string; status: string; open: boolean }>(
    await db.execute(sql`
      SELECT c.id, c.title, c.status::text AS status,
        (EXISTS (SELECT 1 FROM schedules s WHERE s.content_item_id = c.id AND s.publish_status IN ('pending', 'paused', 'publishing'))
          OR EXISTS (SELECT 1 FROM recurrence_series r WHERE r.content_item_id = c.id AND r.ended_at IS NULL)) AS open
      FROM content_items c
      WHERE c.workspace_id = ${workspaceId}
        AND (EXISTS (SELECT 1 FROM content_media cm WHERE cm.content_item_id = c.id AND cm.media_id = ${mediaId}::uuid)
          OR EXISTS (SELECT 1 FROM content_variants v WHERE v.content_item_id = c.id AND ${mediaId}::uuid = ANY (v.media_ids)))
      ORDER BY c.id`),
  );
  return rows.filter((r) => r.open || (r.status !== "published" && r.status !== "archived"));
}
