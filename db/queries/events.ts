/**
 * Publishing events: stored in order (replay after Last-Event-ID) and announced with NOTIFY so
 * the web process hears what a separate worker did. One statement does both.
 */
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { publishingEvents } from "@/db/schema";

export const EVENTS_CHANNEL = "scheduler_events";

export type EventType =
  | "publishing_started"
  | "publishing_completed"
  | "publishing_failed"
  | "schedule_missed"
  /** A member chose Publish now or Skip for a missed post whose policy is "ask". */
  | "schedule_missed_decided"
  | "account_needs_reconnect"
  // Scheduling and the approval workflow (outgoing webhooks and notifications listen to these).
  | "schedule_created"
  | "schedule_changed"
  | "schedule_cancelled"
  /** An evergreen category filled an empty posting slot (lib/evergreen). */
  | "evergreen_scheduled"
  | "content_submitted"
  | "content_approved"
  | "content_changes_requested"
  | "content_rejected"
  /** A reviewer without an account decided on a post through a review link (lib/review-links). */
  | "review_decided"
  // An alert rule's incident (lib/alerts) fired or resolved.
  | "alert_fired"
  | "alert_resolved"
  // A feed subscription (lib/feeds) made a post from a new item, or its poll started failing.
  | "feed_item_created"
  | "feed_failed"
  // The first comment under a published post (lib/publishing/comment.ts).
  | "first_comment_published"
  | "first_comment_failed";

export interface PublishingEvent {
  id: number;
  workspaceId: string;
  type: EventType;
  data: Record<string, unknown>;
  createdAt: string;
}

/** NOTIFY for every row of a CTE `e` that inserted publishing_events (RETURNING *). */
export const notifyInserted = sql`(SELECT string_agg(pg_notify(${EVENTS_CHANNEL}, json_build_object('id', e.id, 'workspace_id', e.workspace_id, 'type', e.type, 'data', e.data, 'created_at', e.created_at)::text)::text, '') FROM e)`;

export async function emitEvent(db: Db, workspaceId: string, type: EventType, data: Record<string, unknown>): Promise<number> {
  const result = await db.execute(sql`
    WITH e AS (
      INSERT INTO publishing_events (workspace_id, type, data) VALUES (${workspaceId}, ${type}, ${JSON.stringify(data)}::jsonb)
      RETURNING id, workspace_id, type, data, created_at
    )
    SELECT (SELECT id FROM e) AS id, ${notifyInserted} AS notified`);
  return Number(rowsOf<{ id: number | string }>(result)[0]?.id ?? 0);
}

export function parseNotification(payload: string): PublishingEvent | null {
  try {
    const p = JSON.parse(payload) as { id: number | string; workspace_id: string; type: EventType; data: Record<string, unknown>; created_at: string };
    return { id: Number(p.id), workspaceId: p.workspace_id, type: p.type, data: p.data, createdAt: new Date(p.created_at).toISOString() };
  } catch {
    return null;
  }
}

/** Events of the workspace after `afterId`, oldest first (reconnect replay). */
export async function eventsSince(db: Db, workspaceId: string, afterId: number, limit = 500): Promise<PublishingEvent[]> {
  const rows = await db
    .select()
    .from(publishingEvents)
    .where(and(eq(publishingEvents.workspaceId, workspaceId), gt(publishingEvents.id, afterId)))
    .orderBy(asc(publishingEvents.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    workspaceId: r.workspaceId,
    type: r.type as EventType,
    data: r.data as Record<string, unknown>,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Every event older than this, handled or not, at once (tests; the app prunes per workspace through lib/retention). */
export async function pruneEvents(db: Db, olderThanHours = 24): Promise<number> {
  const gone = await db
    .delete(publishingEvents)
    .where(lt(publishingEvents.createdAt, sql`now() - make_interval(hours => ${olderThanHours})`))
    .returning({ id: publishingEvents.id });
  return gone.length;
}
