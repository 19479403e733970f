/**
 * Queries of the best-time model (lib/besttimes): the observations it learns from, the fitted
 * models, and the refit queue the learn-best-times job works through.
 */
import { and, asc, eq, gt, inArray, isNotNull, lt, notInArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { bestTimeModels, bestTimeRefits, engagementObservations, platformAccounts } from "../schema";

/** Puts accounts on the refit queue (idempotent): their observations changed. */
export async function requestRefits(db: Db, workspaceId: string, accountIds: readonly string[]) {
  if (!accountIds.length) return;
  await db
    .insert(bestTimeRefits)
    .values([...new Set(accountIds)].map((platformAccountId) => ({ platformAccountId, workspaceId })))
    .onConflictDoUpdate({ target: bestTimeRefits.platformAccountId, set: { requestedAt: sql`now()` } });
}

/** Puts every account of the workspace that has results on the refit queue (after a workspace import). */
export async function queueWorkspaceRefits(db: Db, workspaceId: string) {
  await db.execute(sql`
    INSERT INTO best_time_refits (platform_account_id, workspace_id)
    SELECT DISTINCT platform_account_id, workspace_id FROM engagement_observations WHERE workspace_id = ${workspaceId}
    ON CONFLICT (platform_account_id) DO NOTHING`);
}

/** Up to `limit` queued accounts, oldest request first, with their request moments. */
export async function queuedRefits(db: Db, limit: number) {
  return db.select().from(bestTimeRefits).orderBy(asc(bestTimeRefits.requestedAt)).limit(limit);
}

/** Takes accounts off the queue unless they were queued again after `seen` (a newer change). */
export async function clearRefits(db: Db, seen: readonly { platformAccountId: string; requestedAt: Date }[]) {
  for (const r of seen) {
    await db
      .delete(bestTimeRefits)
      .where(and(eq(bestTimeRefits.platformAccountId, r.platformAccountId), lt(bestTimeRefits.requestedAt, new Date(r.requestedAt.getTime() + 1))));
  }
}

/** Accounts whose models were fitted before `before` (recency weights move on): a daily refit. */
export async function modelsLearnedBefore(db: Db, before: Date, limit: number) {
  return db
    .selectDistinct({ workspaceId: bestTimeModels.workspaceId, platformAccountId: bestTimeModels.platformAccountId })
    .from(bestTimeModels)
    .where(lt(bestTimeModels.learnedAt, before))
    .limit(limit);
}

/** The workspace's accounts (on these platforms, or all): the pools platform priors are fitted from. */
export async function accountsOnPlatforms(db: Db, workspaceId: string, platforms: readonly string[] | null) {
  if (platforms && !platforms.length) return [];
  return db
    .select({ id: platformAccounts.id, platform: platformAccounts.platform })
    .from(platformAccounts)
    .where(and(eq(platformAccounts.workspaceId, workspaceId), platforms ? inArray(platformAccounts.platform, [...platforms]) : undefined));
}

/** Observations with a rate of these accounts posted after `since`. */
export async function observationsFor(db: Db, accountIds: readonly string[], since: Date) {
  if (!accountIds.length) return [];
  return db
    .select({
      accountId: engagementObservations.platformAccountId,
      weekday: engagementObservations.weekday,
      minuteOfDay: engagementObservations.minuteOfDay,
      contentType: engagementObservations.contentType,
      timezone: engagementObservations.timezone,
      rate: engagementObservations.engagementRate,
      postedAt: engagementObservations.postedAt,
      updatedAt: engagementObservations.updatedAt,
    })
    .from(engagementObservations)
    .where(
      and(
        inArray(engagementObservations.platformAccountId, [...accountIds]),
        gt(engagementObservations.postedAt, since),
        isNotNull(engagementObservations.engagementRate),
      ),
    );
}
export type ObservationRow = Awaited<ReturnType<typeof observationsFor>>[number];

export type ModelRow = typeof bestTimeModels.$inferInsert;

/**
 * Stores the models of these accounts: `rows` upserted (two refits at once both succeed, the last
 * one stays), and the models of a content type no longer in `rows` removed.
 */
export async function replaceModels(db: Db, accountIds: readonly string[], rows: readonly ModelRow[]) {
  if (rows.length) {
    await db
      .insert(bestTimeModels)
      .values([...rows])
      .onConflictDoUpdate({
        target: [bestTimeModels.platformAccountId, bestTimeModels.contentType],
        set: Object.fromEntries(
          ["timezone", "prior", "priorPosts", "posts", "effectivePosts", "level", "levelSd", "sigma", "slots", "dataThrough", "learnedAt"].map((k) => [
            k,
            sql.raw(`excluded.${bestTimeModels[k as "prior"].name}`),
          ]),
        ),
      });
  }
  for (const id of new Set(accountIds)) {
    const keep = rows.filter((r) => r.platformAccountId === id).map((r) => r.contentType ?? "*");
    await db
      .delete(bestTimeModels)
      .where(and(eq(bestTimeModels.platformAccountId, id), keep.length ? notInArray(bestTimeModels.contentType, keep) : undefined));
  }
}

/** The fitted models of these accounts: "*" and the asked content type when there is one. */
export async function modelsOf(db: Db, workspaceId: string, accountIds: readonly string[], contentType?: string) {
  if (!accountIds.length) return [];
  return db
    .select()
    .from(bestTimeModels)
    .where(
      and(
        eq(bestTimeModels.workspaceId, workspaceId),
        inArray(bestTimeModels.platformAccountId, [...accountIds]),
        inArray(bestTimeModels.contentType, contentType ? ["*", contentType] : ["*"]),
      ),
    );
}
export type StoredModel = Awaited<ReturnType<typeof modelsOf>>[number];
