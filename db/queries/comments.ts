/**
 * The first comment's outbox: `schedules.first_comment`, a JSON record written when its post is
 * published (settleSuccess) and then claimed, sent and settled on its own, with its own lease, so
 * a failed or lost comment never puts the post back in the queue. Every change of a claimed
 * comment is guarded by its lease owner, as for posts.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { notifyInserted } from "./events";

export interface CommentPart {
  index: number;
  id: string;
  url?: string | null;
  extra?: Record<string, string>;
}

/** What `schedules.first_comment` holds. */
export interface CommentRecord {
  text: string;
  /** `<post key>:comment`. */
  key: string;
  /** The post's first part, which the comment answers. */
  parent: CommentPart;
  status: "pending" | "sending" | "published" | "failed";
  attempts: number;
  retry_at?: string | null;
  lease_owner?: string | null;
  lease_until?: string | null;
  /** An earlier attempt may have reached the platform: look before sending. */
  uncertain?: boolean;
  id?: string | null;
  url?: string | null;
  error?: string | null;
  error_code?: string | null;
  http_status?: number | null;
  published_at?: string | null;
  /** Adapter checkpoints of this comment only. */
  state?: Record<string, string>;
}

export function newCommentRecord(text: string, key: string, parent: CommentPart): CommentRecord {
  return { text, key, parent, status: "pending", attempts: 0, retry_at: new Date().toISOString(), state: {} };
}

export interface ClaimedComment {
  scheduleId: string;
  workspaceId: string;
  comment: CommentRecord;
}

/**
 * Claims comments that are due (pending and past retry_at) or whose sender died (sending, lease
 * run out: marked uncertain). `scheduleId` claims that one only (right after its post).
 */
export async function claimComments(db: Db, runnerId: string, o: { scheduleId?: string; limit: number; leaseMs: number }): Promise<ClaimedComment[]> {
  const only = o.scheduleId ? sql`AND id = ${o.scheduleId}` : sql``;
  const result = await db.execute(sql`
    UPDATE schedules s SET first_comment = s.first_comment || jsonb_build_object(
        'status', 'sending',
        'lease_owner', ${runnerId}::text,
        'lease_until', to_jsonb(now() + ${o.leaseMs} * interval '1 millisecond'),
        'attempts', coalesce((s.first_comment->>'attempts')::int, 0) + 1,
        'uncertain', (s.first_comment->>'status') = 'sending' OR coalesce((s.first_comment->>'uncertain')::boolean, false)),
      updated_at = now()
    WHERE s.id IN (
      SELECT id FROM schedules
      WHERE publish_status = 'published' AND (first_comment->>'status') IN ('pending', 'sending') ${only}
        AND CASE WHEN (first_comment->>'status') = 'pending' THEN coalesce((first_comment->>'retry_at')::timestamptz, now()) <= now()
                 ELSE (first_comment->>'lease_until')::timestamptz < now() END
      ORDER BY published_at LIMIT ${o.limit} FOR UPDATE SKIP LOCKED)
    RETURNING s.id, s.workspace_id, s.first_comment`);
  return rowsOf<{ id: string; workspace_id: string; first_comment: CommentRecord | string }>(result).map((r) => ({
    scheduleId: r.id,
    workspaceId: r.workspace_id,
    comment: typeof r.first_comment === "string" ? (JSON.parse(r.first_comment) as CommentRecord) : r.first_comment,
  }));
}

/** Merges adapter checkpoints into the comment's state while this runner holds it. */
export async function saveCommentState(db: Db, runnerId: string, scheduleId: string, patch: Record<string, string>) {
  await db.execute(sql`
    UPDATE schedules SET first_comment = jsonb_set(first_comment, '{state}', coalesce(first_comment->'state', '{}'::jsonb) || ${JSON.stringify(patch)}::jsonb)
    WHERE id = ${scheduleId} AND first_comment->>'lease_owner' = ${runnerId}`);
}

/**
 * Ends a claimed comment (published, back to pending with a retry time, or failed), releasing
 * its lease, with its event in the same statement. False when the lease was lost.
 */
export async function settleComment(
  db: Db,
  runnerId: string,
  scheduleId: string,
  patch: Partial<CommentRecord>,
  event: { type: "first_comment_published" | "first_comment_failed"; data: Record<string, unknown> } | null,
): Promise<boolean> {
  const merged = { ...patch, lease_owner: null, lease_until: null };
  const eventSql = event
    ? sql`, e AS (INSERT INTO publishing_events (workspace_id, type, data) SELECT s.workspace_id, ${event.type}, ${JSON.stringify(event.data)}::jsonb FROM s
          RETURNING id, workspace_id, type, data, created_at)`
    : sql``;
  const result = await db.execute(sql`
    WITH s AS (
      UPDATE schedules SET first_comment = first_comment || ${JSON.stringify(merged)}::jsonb, updated_at = now()
      WHERE id = ${scheduleId} AND first_comment->>'lease_owner' = ${runnerId} AND (first_comment->>'status') = 'sending'
      RETURNING id, workspace_id
    ) ${eventSql}
    SELECT (SELECT count(*) FROM s)::int AS settled${event ? sql`, ${notifyInserted} AS notified` : sql``}`);
  return Number(rowsOf<{ settled: number }>(result)[0]?.settled ?? 0) > 0;
}

/** A failed comment back in the queue by hand (the job monitor's Retry comment). */
export async function requeueComment(db: Db, workspaceId: string, scheduleId: string): Promise<boolean> {
  const result = await db.execute(sql`
    UPDATE schedules SET first_comment = first_comment || jsonb_build_object('status', 'pending', 'retry_at', to_jsonb(now()), 'attempts', 0, 'error', null),
      updated_at = now()
    WHERE id = ${scheduleId} AND workspace_id = ${workspaceId} AND (first_comment->>'status') = 'failed'
    RETURNING id`);
  return rowsOf(result).length > 0;
}
