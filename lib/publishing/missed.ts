/**
 * Missed schedules (docs/publishing.md, Missed schedules): rows whose first attempt is overdue by
 * more than the grace period — the server was down or the queue far behind. Found at start and on
 * every sweep, judged by their policy, and left visible: metadata.missed on the row, an event, and
 * for skips a readable reason. A row held back by a rate limit (token bucket or a 429 pause) is
 * not missed: it is judged only once it has been free to go for the grace period (rate-wait.ts).
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { emitEvent } from "@/lib/events";
import { markPausedWaits, releasableAt } from "./rate-wait";

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
  if (verdict === "asked") return `Missed its time by ${late}; paused until someone decides: Publish now or Skip, under "Needs a decision".`;
  return `Missed its time by ${late}; skipped by its missed-schedule policy.`;
}

type Row = { id: string; workspace_id: string; content_item_id: string; platform_id: string; missed_policy: string; late_ms: number };

/** Judges up to `limit` missed rows; returns how many. */
export async function sweepMissed(db: Db, opts: MissedOptions): Promise<number> {
  return db.transaction(async (tx) => {
    // Rows held by a rate limit say so first, and are then measured from the end of their wait.
    await markPausedWaits(tx as unknown as Db);
    return (await judgeBatch(tx as unknown as Db, opts)) + (await expireUnapproved(tx as unknown as Db, opts));
  });
}

async function judgeBatch(db: Db, opts: MissedOptions): Promise<number> {
  const result = await db.execute(sql`
    SELECT s.id, s.workspace_id, s.content_item_id, s.platform_id, s.missed_policy::text AS missed_policy,
      (extract(epoch from (now() - greatest(s.original_time, ${releasableAt}))) * 1000)::float8 AS late_ms
    FROM schedules s JOIN platform_accounts a ON a.id = s.platform_account_id
    WHERE s.publish_status = 'pending' AND s.retry_count = 0
      AND s.scheduled_time < now() - make_interval(secs => ${opts.graceSeconds})
      AND ${releasableAt} < now() - make_interval(secs => ${opts.graceSeconds})
      AND NOT (s.metadata ? 'missed')
    ORDER BY s.scheduled_time
    LIMIT ${opts.limit ?? 500}
    FOR UPDATE OF s SKIP LOCKED`);
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

type HeldRow = { id: string; workspace_id: string; content_item_id: string; platform_id: string; missed_policy: string; late_ms: number };

/**
 * Once a version is approved, its held schedules go back to the queue. One whose time has passed
 * is judged right here by its missed policy (late within the window, skip, or ask), so no runner
 * can claim it first and publish days late.
 */
export async function releaseHeld(db: Db, contentItemId: string, opts: MissedOptions): Promise<{ released: number; judged: MissedVerdict[] }> {
  const rows = rowsOf<HeldRow>(
    await db.execute(sql`
    SELECT id, workspace_id, content_item_id, platform_id, missed_policy::text AS missed_policy,
      (extract(epoch from (now() - original_time)) * 1000)::float8 AS late_ms
    FROM schedules
    WHERE content_item_id = ${contentItemId} AND publish_status = 'paused' AND error_code = 'awaiting_approval'
    FOR UPDATE`),
  );
  const judged: MissedVerdict[] = [];
  for (const r of rows) {
    const late = Number(r.late_ms);
    if (late <= opts.graceSeconds * 1000) {
      await db.execute(sql`UPDATE schedules SET publish_status = 'pending', error_code = NULL, error_message = NULL, updated_at = now() WHERE id = ${r.id}`);
      continue;
    }
    const verdict = judgeMissed(r.missed_policy, late, opts.windowMinutes);
    judged.push(verdict);
    const message = `Approved after its time. ${missedMessage(verdict, late, opts.windowMinutes)}`;
    const missed = JSON.stringify({
      detected_at: new Date().toISOString(),
      late_seconds: Math.round(late / 1000),
      outcome: verdict,
      message,
      after_approval: true,
    });
    const status = verdict === "published_late" ? "pending" : verdict === "asked" ? "paused" : "skipped";
    const code = verdict === "published_late" ? null : verdict === "asked" ? "missed_ask" : "missed";
    await db.execute(sql`
      UPDATE schedules SET metadata = metadata || jsonb_build_object('missed', ${missed}::jsonb),
        publish_status = ${status}::publish_status, scheduled_time = CASE WHEN ${status} = 'pending' THEN now() ELSE scheduled_time END,
        error_code = ${code}, error_message = ${code ? message : null}, updated_at = now()
      WHERE id = ${r.id}`);
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
  return { released: rows.length, judged };
}

/** Held schedules never approved within the missed window after their time expire, with the reason. */
export async function expireUnapproved(db: Db, opts: MissedOptions): Promise<number> {
  const rows = rowsOf<Row>(
    await db.execute(sql`
    UPDATE schedules SET publish_status = 'expired', error_code = 'approval_expired',
      error_message = 'Expired: the content was not approved within ' || ${humanDuration(opts.windowMinutes * 60_000)} || ' of its time, so it was not published.', updated_at = now()
    WHERE id IN (SELECT id FROM schedules WHERE publish_status = 'paused' AND error_code = 'awaiting_approval'
      AND original_time < now() - make_interval(mins => ${opts.windowMinutes}) LIMIT ${opts.limit ?? 500} FOR UPDATE SKIP LOCKED)
    RETURNING id, workspace_id, content_item_id, platform_id, missed_policy::text AS missed_policy, 0::float8 AS late_ms`),
  );
  for (const r of rows) {
    await emitEvent(db, r.workspace_id, "schedule_missed", {
      content_id: r.content_item_id,
      schedule_id: r.id,
      platform_id: r.platform_id,
      outcome: "expired_unapproved",
      message: `Expired: the content was not approved within ${humanDuration(opts.windowMinutes * 60_000)} of its time, so it was not published.`,
      timestamp: new Date().toISOString(),
    });
  }
  return rows.length;
}
