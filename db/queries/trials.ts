import { and, asc, desc, eq, inArray, isNotNull, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { engagementObservations, optimizationTrials, platformAccounts, schedules } from "../schema";

export type TrialRow = typeof optimizationTrials.$inferSelect;
export type TrialInsert = typeof optimizationTrials.$inferInsert;

/** Statuses of a trial's post that no longer count for its arm: it never went out and never will. */
export const UNCOUNTED_STATUSES = ["cancelled", "skipped", "expired"] as const;

export async function insertTrialRow(db: Db, values: TrialInsert) {
  const [row] = await db.insert(optimizationTrials).values(values).returning();
  return row!;
}

/** One trial of the workspace; `lock` holds its row until the transaction ends. */
export async function getTrialRow(db: Db, workspaceId: string, id: string, o: { lock?: boolean } = {}) {
  const q = db
    .select()
    .from(optimizationTrials)
    .where(and(eq(optimizationTrials.id, id), eq(optimizationTrials.workspaceId, workspaceId)));
  const [row] = o.lock ? await q.for("update") : await q;
  return row ?? null;
}

/** The workspace's trials: running ones first, then newest first. */
export async function listTrialRows(db: Db, workspaceId: string) {
  return db
    .select()
    .from(optimizationTrials)
    .where(eq(optimizationTrials.workspaceId, workspaceId))
    .orderBy(sql`${optimizationTrials.status} <> 'running'`, desc(optimizationTrials.createdAt), asc(optimizationTrials.id));
}

export async function updateTrialRow(db: Db, workspaceId: string, id: string, patch: Partial<TrialInsert>) {
  const [row] = await db
    .update(optimizationTrials)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(optimizationTrials.id, id), eq(optimizationTrials.workspaceId, workspaceId)))
    .returning();
  return row ?? null;
}

/**
 * The running trials that cover any of these accounts: a trial of one of them, or a trial of the
 * platform of one of them. `lock` holds the rows (queueing deals arms under this lock).
 */
export async function runningTrialsCovering(db: Db, workspaceId: string, accounts: { id: string; platform: string }[], o: { lock?: boolean } = {}) {
  if (!accounts.length) return [];
  const q = db
    .select()
    .from(optimizationTrials)
    .where(
      and(
        eq(optimizationTrials.workspaceId, workspaceId),
        eq(optimizationTrials.status, "running"),
        or(
          inArray(
            optimizationTrials.platformAccountId,
            accounts.map((a) => a.id),
          ),
          inArray(optimizationTrials.platformId, [...new Set(accounts.map((a) => a.platform))]),
        ),
      ),
    )
    .orderBy(asc(optimizationTrials.createdAt), asc(optimizationTrials.id));
  return o.lock ? q.for("update") : q;
}

/** The accounts a trial runs on: its account, or every account of its platform in the workspace. */
export async function accountsOfTrial(db: Db, trial: Pick<TrialRow, "workspaceId" | "platformAccountId" | "platformId">) {
  return db
    .select({ id: platformAccounts.id, name: platformAccounts.name, platform: platformAccounts.platform, postingSlots: platformAccounts.postingSlots })
    .from(platformAccounts)
    .where(
      and(
        eq(platformAccounts.workspaceId, trial.workspaceId),
        trial.platformAccountId ? eq(platformAccounts.id, trial.platformAccountId) : eq(platformAccounts.platform, trial.platformId ?? ""),
      ),
    )
    .orderBy(asc(platformAccounts.name), asc(platformAccounts.id));
}

/** Posts each arm has that still count (not cancelled, skipped or expired; deleted ones are gone). */
export async function armCounts(db: Db, trialId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ arm: schedules.trialArm, n: sql<number>`count(*)::int` })
    .from(schedules)
    .where(and(eq(schedules.trialId, trialId), isNotNull(schedules.trialArm), notInArray(schedules.publishStatus, [...UNCOUNTED_STATUSES])))
    .groupBy(schedules.trialArm);
  return new Map(rows.map((r) => [r.arm!, Number(r.n)]));
}

/** Every post of a trial with its +24 h result (null columns while unmeasured). */
export async function trialPostRows(db: Db, workspaceId: string, trialId: string) {
  return db
    .select({
      id: schedules.id,
      platformAccountId: schedules.platformAccountId,
      arm: schedules.trialArm,
      status: schedules.publishStatus,
      scheduledTime: schedules.scheduledTime,
      engagementRate: engagementObservations.engagementRate,
      clicks: engagementObservations.clicks,
      observed: engagementObservations.id,
    })
    .from(schedules)
    .leftJoin(engagementObservations, eq(engagementObservations.scheduleId, schedules.id))
    .where(and(eq(schedules.workspaceId, workspaceId), eq(schedules.trialId, trialId)))
    .orderBy(asc(schedules.scheduledTime), asc(schedules.id));
}
export type TrialPostRow = Awaited<ReturnType<typeof trialPostRows>>[number];

/** Records a new post's trial and arm. */
export async function markTrialPost(db: Db, scheduleId: string, trialId: string, arm: string) {
  await db.update(schedules).set({ trialId, trialArm: arm }).where(eq(schedules.id, scheduleId));
}
