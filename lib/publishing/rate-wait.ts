/**
 * Rate-limit waits (docs/publishing.md, Rate limits) are not missed schedules. A post held back
 * by its account's token bucket or by a 429 pause stays pending, and the row says why and until
 * when (`metadata.deferred` plus a readable `error_message`), so people see "waiting for the
 * Mastodon rate limit until 14:05" and the missed-schedule sweep measures lateness from the end
 * of the wait.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/client";
import { platformName } from "@/adapters/registry";
import { createFormat, type Format } from "../format";

// The stored message's clock: 24-hour with the day before the month, read the same everywhere.
const STORED_LOCALE = "en-GB";

export type DeferReason = "token_bucket" | "account_paused";

/** The error code of a pending row held only by a rate limit (a 429'd row keeps `rate_limited`). */
export const RATE_WAIT_CODE = "rate_limit_wait";

/**
 * "until 14:05 (Europe/Paris)", with the day when the wait ends on another day than today there.
 * `f` formats in a zone and locale: the schedule's zone for the stored message, the person's on screen.
 */
export function untilText(until: Date, f: Format, now = new Date()): string {
  const date = f.toDateInput(until) === f.toDateInput(now) ? "" : `${f.day(until)} `;
  return `until ${date}${f.time(until)} (${f.timeZone})`;
}

/**
 * The readable wait. Stored on the row (read by everyone) it says the schedule's own zone in a
 * 24-hour clock; a screen renders it again from `metadata.deferred` in the person's zone and locale.
 */
export function rateWaitMessage(platform: string, until: Date, zone: string | Format, reason: DeferReason, now = new Date()): string {
  const f = typeof zone === "string" ? createFormat({ locale: STORED_LOCALE, timeZone: zone }) : zone;
  const why = reason === "account_paused" ? " (the platform asked us to slow down)" : "";
  return `Waiting for the ${platformName(platform)} rate limit ${untilText(until, f, now)}${why}.`;
}

/** A held row's wait in the person's format, from its `metadata.deferred`; null when it has none. */
export function rateWaitFor(row: { platformId: string; metadata: unknown }, f: Format, now = new Date()): string | null {
  const d = (row.metadata as { deferred?: { until?: unknown; reason?: unknown } } | null)?.deferred;
  const until = typeof d?.until === "string" ? new Date(d.until) : null;
  if (!until || Number.isNaN(until.getTime())) return null;
  return rateWaitMessage(row.platformId, until, f, d?.reason === "account_paused" ? "account_paused" : "token_bucket", now);
}

function deferredJson(reason: DeferReason, until: Date, message: string) {
  return JSON.stringify({ reason, until: until.toISOString(), message, recorded_at: new Date().toISOString() });
}

/** The claimed row goes back to pending until a token is free, saying so. */
export async function deferForBucket(db: Db, runnerId: string, id: string, until: Date) {
  const rows = rowsOf<{ platform_id: string; timezone: string }>(
    await db.execute(sql`SELECT platform_id, timezone FROM schedules WHERE id = ${id} AND lease_owner = ${runnerId} AND publish_status = 'publishing'`),
  );
  const r = rows[0];
  if (!r) return;
  const message = rateWaitMessage(r.platform_id, until, r.timezone, "token_bucket");
  await db.execute(sql`
    UPDATE schedules SET publish_status = 'pending', scheduled_time = ${until.toISOString()}::timestamptz, lease_owner = NULL, lease_expires_at = NULL,
      metadata = metadata || jsonb_build_object('deferred', ${deferredJson("token_bucket", until, message)}::jsonb),
      error_code = CASE WHEN error_code IS NULL OR error_code IN ('rate_limited', ${RATE_WAIT_CODE}) THEN ${RATE_WAIT_CODE} ELSE error_code END,
      error_message = ${message}, updated_at = now()
    WHERE id = ${id} AND lease_owner = ${runnerId} AND publish_status = 'publishing'`);
}

type Held = { id: string; platform_id: string; timezone: string; until: Date | string };

/**
 * Pending rows of paused accounts (a 429 with Retry-After) that fall due before the pause ends:
 * recorded as waiting, with the pause's end. Runs on every sweep (rows scheduled into a pause
 * after it began are found too) and right after a pause starts. Returns how many were marked.
 */
export async function markPausedWaits(db: Db, accountId?: string): Promise<number> {
  const only = accountId ? sql`AND a.id = ${accountId}` : sql``;
  const rows = rowsOf<Held>(
    await db.execute(sql`
    SELECT s.id, s.platform_id, s.timezone, a.paused_until AS until
    FROM schedules s JOIN platform_accounts a ON a.id = s.platform_account_id
    WHERE a.paused_until > now() ${only} AND s.publish_status = 'pending' AND s.scheduled_time <= a.paused_until
      AND (s.metadata->'deferred'->>'until' IS NULL OR (s.metadata->'deferred'->>'until')::timestamptz < a.paused_until)
    LIMIT 1000`),
  );
  for (const r of rows) {
    const until = new Date(r.until);
    const message = rateWaitMessage(r.platform_id, until, r.timezone, "account_paused");
    await db.execute(sql`
      UPDATE schedules SET metadata = metadata || jsonb_build_object('deferred', ${deferredJson("account_paused", until, message)}::jsonb),
        error_code = CASE WHEN error_code IS NULL OR error_code = ${RATE_WAIT_CODE} THEN ${RATE_WAIT_CODE} ELSE error_code END,
        error_message = ${message}, updated_at = now()
      WHERE id = ${r.id} AND publish_status = 'pending'`);
  }
  return rows.length;
}

/**
 * SQL for the moment a pending row could first be published: its time, or the end of the rate
 * limit wait that held it (the bucket's recorded wait, or its account's pause), whichever is later.
 * Expects the schedule as `s` and its account as `a`.
 */
export const releasableAt = sql`greatest(s.scheduled_time, coalesce(a.paused_until, s.scheduled_time), coalesce((s.metadata->'deferred'->>'until')::timestamptz, s.scheduled_time))`;
