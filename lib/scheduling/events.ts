/**
 * Schedule events (schedule_created / schedule_changed / schedule_cancelled) for the event log,
 * written inside the transaction that makes the change. Many schedules at once (a series, a bulk
 * run) become one multi-row insert and one NOTIFY statement, never one round trip per schedule.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { notifyInserted, type EventType } from "@/db/queries/events";

export interface ScheduleLike {
  id: string;
  workspaceId: string;
  contentItemId: string;
  platformAccountId: string;
  platformId: string;
  scheduledTime?: Date | null;
}

/** The data each schedule event carries (the contract other parts read). */
export function scheduleEventData(
  type: "schedule_created" | "schedule_changed" | "schedule_cancelled",
  s: ScheduleLike,
  previousTime?: Date | null,
): Record<string, unknown> {
  const base = { schedule_id: s.id, content_item_id: s.contentItemId, platform_account_id: s.platformAccountId, platform_id: s.platformId };
  if (type === "schedule_cancelled") return base;
  const withTime = { ...base, scheduled_time: s.scheduledTime ? s.scheduledTime.toISOString() : null };
  return type === "schedule_changed" ? { ...withTime, previous_time: previousTime ? previousTime.toISOString() : null } : withTime;
}

/** Events to insert in bulk: at most this many rows per statement (parameters stay bounded). */
const CHUNK = 500;

/** Inserts the events (one statement per 500) and announces them on the stream; returns how many. */
export async function emitEvents(db: Db, events: { workspaceId: string; type: EventType; data: Record<string, unknown> }[]): Promise<number> {
  for (let i = 0; i < events.length; i += CHUNK) {
    const part = events.slice(i, i + CHUNK);
    const values = sql.join(
      part.map((e) => sql`(${e.workspaceId}::uuid, ${e.type}, ${JSON.stringify(e.data)}::jsonb)`),
      sql`, `,
    );
    await db.execute(sql`
      WITH e AS (
        INSERT INTO publishing_events (workspace_id, type, data) VALUES ${values}
        RETURNING id, workspace_id, type, data, created_at
      )
      SELECT ${notifyInserted} AS notified`);
  }
  return events.length;
}

export function emitScheduleCreated(db: Db, rows: ScheduleLike[]) {
  return emitEvents(
    db,
    rows.map((s) => ({ workspaceId: s.workspaceId, type: "schedule_created" as const, data: scheduleEventData("schedule_created", s) })),
  );
}

export function emitScheduleChanged(db: Db, row: ScheduleLike, previousTime: Date) {
  return emitEvents(db, [{ workspaceId: row.workspaceId, type: "schedule_changed", data: scheduleEventData("schedule_changed", row, previousTime) }]);
}

export function emitScheduleCancelled(db: Db, rows: ScheduleLike[]) {
  return emitEvents(
    db,
    rows.map((s) => ({ workspaceId: s.workspaceId, type: "schedule_cancelled" as const, data: scheduleEventData("schedule_cancelled", s) })),
  );
}
