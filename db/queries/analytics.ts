/**
 * Queries of the collect-analytics job (lib/analytics/collect.ts).
 *
 * A measurement is claimed by writing `metadata.analytics_claim = { token, until }` on the
 * schedule in one statement (`FOR UPDATE SKIP LOCKED`, so two runners never take the same row
 * and neither waits). The claim is a lease: no transaction stays open while the platform is asked.
 * Recording the result is one short transaction guarded by `token = mine`, so a runner whose
 * lease ran out and was taken over can never add a second reading for the same checkpoint.
 */
import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { rowsOf } from "../client";
import { contentAnalytics, contentItems, engagementObservations, platformAccounts, schedules } from "../schema";
import { requestRefits } from "./best-times";

export interface CheckpointWindow {
  label: string;
  offsetMs: number;
}

export interface ClaimMeasurementsInput {
  token: string;
  now: Date;
  /** The lease: another runner may take the row over after this. */
  leaseUntil: Date;
  limit: number;
  /** At most this many rows of one account per claim, so one busy or rate-limited account cannot fill every batch. */
  perAccount: number;
  /** Ascending by offset. */
  checkpoints: readonly CheckpointWindow[];
  /** Rows published before this are not measured any more. */
  publishedAfter: Date;
}

const iso = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** True for a published row that has a checkpoint due at `now` and not done. */
function dueCondition(now: Date, checkpoints: readonly CheckpointWindow[]) {
  const parts = checkpoints.map(
    (c) => sql`(NOT (coalesce(s.metadata->'analytics', '{}'::jsonb) ? ${c.label}) AND s.published_at <= ${iso(new Date(now.getTime() - c.offsetMs))})`,
  );
  return sql`(${sql.join(parts, sql` OR `)})`;
}

/** The earliest not-done checkpoint's moment: the claim's "oldest first". */
function dueAt(checkpoints: readonly CheckpointWindow[]) {
  const parts = checkpoints.map(
    (c) =>
      sql`CASE WHEN NOT (coalesce(s.metadata->'analytics', '{}'::jsonb) ? ${c.label}) THEN s.published_at + make_interval(secs => ${c.offsetMs / 1000}) END`,
  );
  return sql`least(${sql.join(parts, sql`, `)})`;
}

/**
 * Claims up to `limit` schedules with a due measurement, oldest due first, at most `perAccount`
 * per account. Skips rows of accounts that are paused (a publish 429), disabled or waiting to be
 * reconnected, and rows another runner holds a live claim on. Returns the claimed ids.
 */
export async function claimDueMeasurements(db: Db, i: ClaimMeasurementsInput): Promise<string[]> {
  if (i.limit <= 0 || i.checkpoints.length === 0) return [];
  const now = iso(i.now);
  const claim = JSON.stringify({ token: i.token, until: i.leaseUntil.toISOString() });
  // Every condition sits on `s` in the locking SELECT, so a row another runner finished while this
  // statement ran is re-checked on its new version and dropped.
  const eligible = sql`
    s.publish_status = 'published' AND s.platform_post_id IS NOT NULL AND s.published_at IS NOT NULL
    AND s.published_at > ${iso(i.publishedAfter)}
    AND ${dueCondition(i.now, i.checkpoints)}
    AND (NOT (s.metadata ? 'analytics_claim') OR (s.metadata->'analytics_claim'->>'until')::timestamptz <= ${now})
    AND NOT EXISTS (
      SELECT 1 FROM platform_accounts a WHERE a.id = s.platform_account_id
        AND (a.status IN ('disabled', 'needs_reconnect') OR a.paused_until > ${now}))`;
  const result = await db.execute(sql`
    WITH ranked AS (
      SELECT s.id, row_number() OVER (PARTITION BY s.platform_account_id ORDER BY ${dueAt(i.checkpoints)}, s.id) AS rn
      FROM schedules s WHERE ${eligible}
    ),
    picked AS (
      SELECT s.id FROM schedules s
      WHERE s.id IN (SELECT id FROM ranked WHERE rn <= ${i.perAccount}) AND ${eligible}
      ORDER BY ${dueAt(i.checkpoints)}, s.id
      LIMIT ${i.limit}
      FOR UPDATE OF s SKIP LOCKED
    )
    UPDATE schedules SET metadata = jsonb_set(schedules.metadata, '{analytics_claim}', ${claim}::jsonb)
    FROM picked WHERE schedules.id = picked.id
    RETURNING schedules.id`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** The claimed schedules with their accounts, oldest published first. */
export async function loadClaimedMeasurements(db: Db, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({
      id: schedules.id,
      workspaceId: schedules.workspaceId,
      contentItemId: schedules.contentItemId,
      platformAccountId: schedules.platformAccountId,
      platformId: schedules.platformId,
      platformPostId: schedules.platformPostId,
      publishedAt: schedules.publishedAt,
      timezone: schedules.timezone,
      metadata: schedules.metadata,
      contentType: contentItems.contentType,
      account: {
        id: platformAccounts.id,
        platform: platformAccounts.platform,
        config: platformAccounts.config,
        credentialsEncrypted: platformAccounts.credentialsEncrypted,
      },
    })
    .from(schedules)
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId))
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .where(inArray(schedules.id, ids))
    .orderBy(schedules.publishedAt, schedules.id);
}
export type ClaimedMeasurement = Awaited<ReturnType<typeof loadClaimedMeasurements>>[number];

/** Hands claims back untouched (rate limit, auth, a retryable error): the checkpoints stay due. */
export async function releaseMeasurementClaims(db: Db, token: string, ids: string[]) {
  if (!ids.length) return;
  await db.execute(sql`
    UPDATE schedules SET metadata = metadata - 'analytics_claim'
    WHERE id IN (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      AND metadata->'analytics_claim'->>'token' = ${token}`);
}

export interface RecordMeasurementInput {
  scheduleId: string;
  token: string;
  /** Merged into metadata.analytics (one entry per checkpoint covered). */
  entries: Record<string, unknown>;
  /** The reading; absent when the checkpoints are closed with an error. */
  analytics?: typeof contentAnalytics.$inferInsert & { id: string };
  /** The post's result for the best-time model (the +24 h reading): one per schedule. */
  observation?: typeof engagementObservations.$inferInsert;
}

/**
 * Marks the checkpoints done, drops the claim and stores the reading and the post's observation,
 * all or nothing. False (and nothing written) when this runner no longer holds the claim.
 */
export async function recordMeasurement(db: Db, i: RecordMeasurementInput): Promise<boolean> {
  return db.transaction(async (tx) => {
    const marked = await tx.execute(sql`
      UPDATE schedules SET metadata = jsonb_set(metadata - 'analytics_claim', '{analytics}',
        coalesce(metadata->'analytics', '{}'::jsonb) || ${JSON.stringify(i.entries)}::jsonb)
      WHERE id = ${i.scheduleId} AND metadata->'analytics_claim'->>'token' = ${i.token}
      RETURNING id`);
    if (rowsOf(marked).length === 0) return false;
    if (i.analytics) await tx.insert(contentAnalytics).values(i.analytics);
    if (i.observation) {
      await tx.insert(engagementObservations).values(i.observation).onConflictDoNothing();
      await requestRefits(tx, i.observation.workspaceId, [i.observation.platformAccountId]);
    }
    return true;
  });
}

/** Readings of one schedule, oldest first (tests, the analytics screens). */
export async function measurementsOf(db: Db, scheduleId: string) {
  return db.select().from(contentAnalytics).where(eq(contentAnalytics.scheduleId, scheduleId)).orderBy(contentAnalytics.measuredAt, contentAnalytics.createdAt);
}
