/**
 * Trigger.dev driver, database side (docs/publishing.md, Under Trigger.dev): every pending
 * schedule has one delayed `publish-post` run for its current due time. Rows are the outbox: a
 * sync pass finds rows whose run is missing or stale and fixes them through the client (trigger,
 * reschedule while DELAYED, cancel), so a crash between a database write and the API call only
 * delays the fix.
 *
 * The run key carries the schedule version and due time: `schedule:<id>:v<version>:<unix>`.
 * The payload carries ids only; the task claims the row itself, so a stale or duplicate run is
 * harmless (its claim finds nothing due).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { log } from "../log";

export const PUBLISH_TASK = "publish-post";

export interface TriggerRequest {
  scheduleId: string;
  delayUntil: Date;
  idempotencyKey: string;
  tags: string[];
  queue: string;
}

/** What the engine needs of Trigger.dev; jobs/trigger/client.ts implements it with the SDK. */
export interface TriggerClient {
  trigger(req: TriggerRequest): Promise<string>;
  /** Moves a DELAYED run; false when the run is no longer delayed (then a new run is made). */
  reschedule(runId: string, delayUntil: Date): Promise<boolean>;
  cancel(runId: string): Promise<void>;
}

export const queueFor = (platformId: string) => `publish-${platformId}`;
export const runKey = (id: string, version: number, at: Date) => `schedule:${id}:v${version}:${Math.floor(at.getTime() / 1000)}`;

type Row = {
  id: string;
  workspace_id: string;
  platform_id: string;
  version: number;
  scheduled_time: string | Date;
  publish_status: string;
  trigger_run_id: string | null;
  trigger: { key?: string; version?: number } | null;
};

/** Rows whose run does not match: pending without the right run, or closed with a live one. */
async function stale(db: Db, limit: number, ids?: string[], since?: Date): Promise<Row[]> {
  const only = ids?.length
    ? sql`AND id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const changed = since ? sql`AND updated_at >= ${since.toISOString()}::timestamptz` : sql``;
  const result = await db.execute(sql`
    SELECT id, workspace_id, platform_id, version, scheduled_time, publish_status::text AS publish_status, trigger_run_id, metadata->'trigger' AS trigger
    FROM schedules
    WHERE ((publish_status = 'pending' AND (trigger_run_id IS NULL OR coalesce(metadata->'trigger'->>'key', '') <>
             'schedule:' || id || ':v' || version || ':' || floor(extract(epoch from scheduled_time))::bigint))
        OR (publish_status IN ('paused', 'cancelled', 'skipped', 'expired') AND trigger_run_id IS NOT NULL))
      ${only} ${changed}
    ORDER BY scheduled_time LIMIT ${limit}`);
  return rowsOf<Row>(result);
}

async function remember(db: Db, id: string, runId: string | null, trigger: Record<string, unknown> | null) {
  await db.execute(sql`
    UPDATE schedules SET trigger_run_id = ${runId},
      metadata = CASE WHEN ${trigger === null} THEN metadata - 'trigger' ELSE jsonb_set(metadata, '{trigger}', ${JSON.stringify(trigger ?? {})}::jsonb) END
    WHERE id = ${id}`);
}

export interface SyncResult {
  triggered: number;
  rescheduled: number;
  cancelled: number;
  failed: number;
}

/**
 * One sync pass. The web process runs it every second over rows changed since its last clean
 * pass (`since`, read through an index); the sweep task runs a full pass every minute.
 */
export async function syncTriggerRuns(db: Db, client: TriggerClient, opts: { limit?: number; ids?: string[]; since?: Date } = {}): Promise<SyncResult> {
  const out: SyncResult = { triggered: 0, rescheduled: 0, cancelled: 0, failed: 0 };
  for (const r of await stale(db, opts.limit ?? 200, opts.ids, opts.since)) {
    try {
      if (r.publish_status !== "pending") {
        await client.cancel(r.trigger_run_id!);
        await remember(db, r.id, null, null);
        out.cancelled++;
        continue;
      }
      const at = new Date(r.scheduled_time);
      const key = runKey(r.id, r.version, at);
      // Moved while the run still waits: move the run (same version or a drag that bumped it).
      if (r.trigger_run_id && (await client.reschedule(r.trigger_run_id, at))) {
        await remember(db, r.id, r.trigger_run_id, { key, version: r.version, at: at.toISOString() });
        out.rescheduled++;
        continue;
      }
      const runId = await client.trigger({
        scheduleId: r.id,
        delayUntil: at,
        idempotencyKey: key,
        tags: [`schedule:${r.id}`, `workspace:${r.workspace_id}`, `platform:${r.platform_id}`],
        queue: queueFor(r.platform_id),
      });
      await remember(db, r.id, runId, { key, version: r.version, at: at.toISOString() });
      out.triggered++;
    } catch (err) {
      out.failed++;
      log.warn("Trigger.dev sync failed for a schedule; retrying on the next pass", { scheduleId: r.id, err });
    }
  }
  return out;
}
