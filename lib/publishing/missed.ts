/**
 * Missed schedules (DESIGN.md §4 step 6): rows whose first attempt is overdue by more than the
 * grace period — the server was down or the queue far behind. Found at start and on every sweep,
 * judged by their policy, and left visible: metadata.missed on the row, an event, and for skips
 * a readable reason.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { emitEvent } from "./events";

export interface MissedOptions {
  graceSeconds: number;
  windowMinutes: number;
  limit?: number;
}

export type MissedVerdict = "published_late" | "skipped" | "asked";

export function judgeMissed(policy: string, lateMs: number, windowMinutes: number): MissedVerdict {
  if (policy === "skip") return "skipped";
  if (policy === "ask") return "asked";
  return lateMs <= windowMinutes * 60_000 ? "published_late" : "skipped";
}

function humanDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `${minutes} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${hours.toFixed(1)} h` : `${(hours / 24).toFixed(1)} days`;
}

export function missedMessage(verdict: MissedVerdict, lateMs: number, windowMinutes: number): string {
  const late = humanDuration(lateMs);
  if (verdict === "published_late") return `Missed its time by ${late}; publishing late (within the ${humanDuration(windowMinutes * 60_000)} window).`;
  if (verdict === "asked") return `Missed its time by ${late}; paused until someone decides (resume to publish now, or cancel).`;
  return `Missed its time by ${late}; skipped by its missed-schedule policy.`;
}

type Row = { id: string; workspace_id: string; content_item_id: string; platform_id: string; missed_policy: string; late_ms: number };

/** Judges up to `limit` missed rows; returns how many. */
export async function sweepMissed(db: Db, opts: MissedOptions): Promise<number> {
  return db.transaction((tx) => judgeBatch(tx as unknown as Db, opts));
}

async function judgeBatch(db: Db, opts: MissedOptions): Promise<number> {
  const result = await db.execute(sql`
    SELECT id, workspace_id, content_item_id, platform_id, missed_policy::text AS missed_policy,
      (extract(epoch from (now() - original_time)) * 1000)::float8 AS late_ms
    FROM schedules
    WHERE publish_status = 'pending' AND retry_count = 0
      AND scheduled_time < now() - make_interval(secs => ${opts.graceSeconds})
      AND NOT (metadata ? 'missed')
    ORDER BY scheduled_time
    LIMIT ${opts.limit ?? 500}
    FOR UPDATE SKIP LOCKED`);
  const found = rowsOf<Row>(result);
  for (const r of found) {
    const late = Number(r.late_ms);
    const verdict = judgeMissed(r.missed_policy, late, opts.windowMinutes);
    const message = missedMessage(verdict, late, opts.windowMinutes);
    const missed = JSON.stringify({ detected_at: new Date().toISOString(), late_seconds: Math.round(late / 1000), outcome: verdict, message });
    const status = verdict === "published_late" ? "pending" : verdict === "asked" ? "paused" : "skipped";
    const code = verdict === "published_late" ? null : verdict === "asked" ? "missed_ask" : "missed";
    await db.execute(sql`
      UPDATE schedules SET metadata = metadata || jsonb_build_object('missed', ${missed}::jsonb),
        publish_status = ${status}::publish_status, error_code = ${code}, error_message = ${code ? message : null}, updated_at = now()
      WHERE id = ${r.id} AND publish_status = 'pending'`);
    await emitEvent(db, r.workspace_id, "schedule_missed", {
      content_id: r.content_item_id,
      schedule_id: r.id,
      platform_id: r.platform_id,
      outcome: verdict,
      late_seconds: Math.round(late / 1000),
      message,
      timestamp: new Date().toISOString(),
    });
  }
  return found.length;
}
