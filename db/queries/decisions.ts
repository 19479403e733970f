/** Reads for "Needs a decision" (missed posts with the ask policy) and posts held by rate limits. */
import { and, asc, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { contentItems, platformAccounts, schedules } from "../schema";

const view = {
  id: schedules.id,
  contentItemId: schedules.contentItemId,
  platformId: schedules.platformId,
  localTime: schedules.localTime,
  timezone: schedules.timezone,
  originalTime: schedules.originalTime,
  scheduledTime: schedules.scheduledTime,
  publishStatus: schedules.publishStatus,
  errorCode: schedules.errorCode,
  errorMessage: schedules.errorMessage,
  metadata: schedules.metadata,
  version: schedules.version,
  title: contentItems.title,
  accountName: platformAccounts.name,
};

/** Schedules with their post's title and account's name. */
const scheduleViews = (db: Db) =>
  db
    .select(view)
    .from(schedules)
    .innerJoin(contentItems, eq(contentItems.id, schedules.contentItemId))
    .innerJoin(platformAccounts, eq(platformAccounts.id, schedules.platformAccountId));

/** Missed posts waiting for someone to choose Publish now or Skip, oldest first. */
export async function listAwaitingDecision(db: Db, workspaceId: string, limit = 50) {
  return scheduleViews(db)
    .where(and(eq(schedules.workspaceId, workspaceId), eq(schedules.publishStatus, "paused"), eq(schedules.errorCode, "missed_ask")))
    .orderBy(asc(schedules.originalTime))
    .limit(limit);
}

/** Pending posts whose rate-limit wait has not ended yet, soonest first. */
export async function listRateWaits(db: Db, workspaceId: string, limit = 50) {
  return scheduleViews(db)
    .where(
      and(
        eq(schedules.workspaceId, workspaceId),
        eq(schedules.publishStatus, "pending"),
        sql`(${schedules.metadata}->'deferred'->>'until')::timestamptz > now()`,
        sql`${schedules.errorCode} IN ('rate_limit_wait', 'rate_limited')`,
      ),
    )
    .orderBy(asc(schedules.scheduledTime))
    .limit(limit);
}

type Decided = { id: string; workspace_id: string; content_item_id: string; platform_id: string; platform_account_id: string; publish_status: string };

/**
 * Applies a decision to a schedule still waiting for one (paused with `code`): publish now puts it
 * due now, skip marks it skipped with `skipMessage`; the decision is kept in `metadata.missed`.
 * Null when the schedule is no longer waiting (another decision came first).
 */
export async function applyMissedDecision(
  db: Db,
  workspaceId: string,
  id: string,
  code: string,
  record: { decision: "publish_now" | "skip" } & Record<string, unknown>,
  skipMessage: string,
) {
  const publish = record.decision === "publish_now";
  const rows = rowsOf<Decided>(
    await db.execute(sql`
      UPDATE schedules SET
        publish_status = ${publish ? "pending" : "skipped"}::publish_status,
        scheduled_time = CASE WHEN ${record.decision} = 'publish_now' THEN now() ELSE scheduled_time END,
        error_code = ${publish ? null : "missed"},
        error_message = ${publish ? null : skipMessage},
        metadata = jsonb_set(metadata, '{missed}', coalesce(metadata->'missed', '{}'::jsonb) || jsonb_build_object('decision', ${JSON.stringify(record)}::jsonb)),
        updated_at = now()
      WHERE id = ${id} AND workspace_id = ${workspaceId} AND publish_status = 'paused' AND error_code = ${code}
      RETURNING id, workspace_id, content_item_id, platform_id, platform_account_id, publish_status::text AS publish_status`),
  );
  return rows[0] ?? null;
}
