/**
 * The engine's per-post writes for many posts in one statement each: attempt rows opened with
 * their publishing_started events, successes settled with their attempts, items and
 * publishing_completed events. Each row keeps the guarantees of the one-post statement (the
 * schedule moves only under this runner's lease; the attempt, the schedule, the item and the event
 * are written atomically), so a batch is the same as its rows one after another.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { notifyInserted } from "./events";

export interface AttemptStart {
  scheduleId: string;
  attemptNumber: number;
  runnerId: string;
  idempotencyKey: string;
  workspaceId: string;
  event: Record<string, unknown>;
}

/** Opens one in-progress attempt per row, with its publishing_started event (and NOTIFY). Returns the attempt ids, in order. */
export async function startAttempts(db: Db, list: AttemptStart[]): Promise<string[]> {
  if (!list.length) return [];
  const input = list.map((a, ord) => ({
    ord,
    schedule_id: a.scheduleId,
    attempt_number: a.attemptNumber,
    runner_id: a.runnerId,
    idempotency_key: a.idempotencyKey,
    workspace_id: a.workspaceId,
    event: a.event,
  }));
  const result = await db.execute(sql`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb)
        AS r(ord int, schedule_id uuid, attempt_number int, runner_id text, idempotency_key text, workspace_id uuid, event jsonb)
    ), a AS (
      INSERT INTO publish_attempts (schedule_id, attempt_number, runner_id, idempotency_key)
      SELECT schedule_id, attempt_number, runner_id, idempotency_key FROM r ORDER BY ord
      RETURNING id, schedule_id, attempt_number
    ), e AS (
      INSERT INTO publishing_events (workspace_id, type, data)
      SELECT workspace_id, 'publishing_started', event FROM r ORDER BY ord
      RETURNING id, workspace_id, type, data, created_at
    )
    SELECT a.id, r.ord, ${notifyInserted} AS notified
    FROM a JOIN r ON r.schedule_id = a.schedule_id AND r.attempt_number = a.attempt_number`);
  const ids: string[] = new Array(list.length);
  for (const row of rowsOf<{ id: string; ord: number }>(result)) ids[Number(row.ord)] = row.id;
  return ids;
}

export interface SuccessSettle {
  runnerId: string;
  scheduleId: string;
  attemptId: string;
  outcome: "success" | "found_existing";
  platformPostId: string;
  url: string | null;
  durationMs: number;
  httpStatus: number | null;
  responseExcerpt: string | null;
  event: Record<string, unknown>;
  /** The first comment owed after this post (db/queries/comments.ts): queued with the success. */
  firstComment?: unknown;
}

/**
 * Successes in one statement: each row becomes published (only under its runner's lease), its
 * attempt is closed, its item's status follows, and publishing_completed is stored and announced.
 * Returns, in order, whether each row was settled (false: the lease was lost, and nothing but the
 * attempt was written for it). Items are locked in id order, so two runners settling rows of the
 * same items cannot deadlock.
 */
export async function settleSuccesses(db: Db, list: SuccessSettle[]): Promise<boolean[]> {
  if (!list.length) return [];
  const input = list.map((s, ord) => ({
    ord,
    schedule_id: s.scheduleId,
    attempt_id: s.attemptId,
    runner_id: s.runnerId,
    outcome: s.outcome,
    platform_post_id: s.platformPostId,
    url: s.url,
    duration_ms: s.durationMs,
    http_status: s.httpStatus,
    response_excerpt: s.responseExcerpt,
    event: s.event,
    has_comment: !!s.firstComment,
    first_comment: s.firstComment ?? null,
  }));
  const result = await db.execute(sql`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(input)}::jsonb) AS r(ord int, schedule_id uuid, attempt_id uuid, runner_id text,
        outcome text, platform_post_id text, url text, duration_ms int, http_status int, response_excerpt text, event jsonb,
        has_comment boolean, first_comment jsonb)
    ), a AS (
      UPDATE publish_attempts pa SET outcome = r.outcome::attempt_outcome, duration_ms = r.duration_ms, http_status = r.http_status,
        response_excerpt = r.response_excerpt, finished_at = now()
      FROM r WHERE pa.id = r.attempt_id RETURNING pa.id
    ), s AS (
      UPDATE schedules sc SET publish_status = 'published', platform_post_id = r.platform_post_id, platform_post_url = r.url,
        published_at = now(), error_code = NULL, error_message = NULL, lease_owner = NULL, lease_expires_at = NULL, updated_at = now(),
        first_comment = CASE WHEN r.has_comment THEN r.first_comment ELSE sc.first_comment END
      FROM r WHERE sc.id = r.schedule_id AND sc.lease_owner = r.runner_id AND sc.publish_status = 'publishing'
      RETURNING sc.id, sc.workspace_id, sc.content_item_id, r.ord, r.event
    ), l AS MATERIALIZED (
      SELECT ci.id FROM content_items ci
      WHERE ci.id IN (SELECT content_item_id FROM s) AND ci.status IN ('scheduled', 'approved', 'published', 'failed')
      ORDER BY ci.id FOR UPDATE OF ci
    ), c AS (
      UPDATE content_items ci SET
        status = CASE WHEN EXISTS (SELECT 1 FROM schedules o WHERE o.content_item_id = ci.id AND o.id NOT IN (SELECT id FROM s)
                   AND o.publish_status IN ('pending', 'paused', 'publishing')) THEN ci.status ELSE 'published'::content_status END,
        published_at = coalesce(ci.published_at, now()), updated_at = now()
      FROM l WHERE ci.id = l.id AND ci.status IN ('scheduled', 'approved', 'published', 'failed')
      RETURNING ci.id
    ), e AS (
      INSERT INTO publishing_events (workspace_id, type, data)
      SELECT s.workspace_id, 'publishing_completed', s.event FROM s ORDER BY s.ord
      RETURNING id, workspace_id, type, data, created_at
    )
    SELECT (SELECT coalesce(json_agg(s.ord), '[]'::json) FROM s) AS settled, (SELECT count(*) FROM a)::int AS attempts,
      (SELECT count(*) FROM c)::int AS items, ${notifyInserted} AS notified`);
  const row = rowsOf<{ settled: number[] | string }>(result)[0];
  const settled = new Set<number>((typeof row?.settled === "string" ? (JSON.parse(row.settled) as number[]) : (row?.settled ?? [])).map(Number));
  return list.map((_, i) => settled.has(i));
}
