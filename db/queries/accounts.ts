import { and, asc, count, eq, inArray, lt } from "drizzle-orm";
import type { Db } from "../client";
import { oauthStates, platformAccounts, schedules } from "../schema";

const accountColumns = {
  id: platformAccounts.id,
  platform: platformAccounts.platform,
  name: platformAccounts.name,
  status: platformAccounts.status,
  config: platformAccounts.config,
  statusReason: platformAccounts.statusReason,
  rateLimit: platformAccounts.rateLimit,
  postingSlots: platformAccounts.postingSlots,
  lastVerifiedAt: platformAccounts.lastVerifiedAt,
  createdAt: platformAccounts.createdAt,
};

export async function listAccounts(db: Db, workspaceId: string) {
  return db
    .select(accountColumns)
    .from(platformAccounts)
    .where(eq(platformAccounts.workspaceId, workspaceId))
    .orderBy(asc(platformAccounts.platform), asc(platformAccounts.name));
}

/** The workspace's accounts among these ids (others are simply absent). */
export async function getAccounts(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select(accountColumns)
    .from(platformAccounts)
    .where(and(eq(platformAccounts.workspaceId, workspaceId), inArray(platformAccounts.id, ids)));
}

/** Holds an account's row until the transaction ends: one queue placement at a time per account. */
export async function lockAccount(db: Db, workspaceId: string, id: string) {
  await db
    .select({ id: platformAccounts.id })
    .from(platformAccounts)
    .where(and(eq(platformAccounts.id, id), eq(platformAccounts.workspaceId, workspaceId)))
    .for("update");
}

/**
 * Everything the accounts API and verification need, including the sealed credentials: callers
 * must open or drop `credentialsEncrypted` before anything leaves the server.
 */
const fullColumns = {
  ...accountColumns,
  workspaceId: platformAccounts.workspaceId,
  externalId: platformAccounts.externalId,
  credentialsEncrypted: platformAccounts.credentialsEncrypted,
  tokenExpiresAt: platformAccounts.tokenExpiresAt,
  updatedAt: platformAccounts.updatedAt,
};
export type AccountRow = NonNullable<Awaited<ReturnType<typeof getAccountRow>>>;

export async function listAccountRows(db: Db, workspaceId: string) {
  return db
    .select(fullColumns)
    .from(platformAccounts)
    .where(eq(platformAccounts.workspaceId, workspaceId))
    .orderBy(asc(platformAccounts.platform), asc(platformAccounts.name));
}

/** One account of the workspace; `lock` holds its row until the transaction ends. */
export async function getAccountRow(db: Db, workspaceId: string, id: string, lock = false) {
  const q = db
    .select(fullColumns)
    .from(platformAccounts)
    .where(and(eq(platformAccounts.id, id), eq(platformAccounts.workspaceId, workspaceId)));
  const [row] = lock ? await q.for("update") : await q;
  return row ?? null;
}

export type AccountInsert = typeof platformAccounts.$inferInsert;
export type AccountUpdate = Partial<
  Pick<AccountInsert, "name" | "config" | "credentialsEncrypted" | "status" | "statusReason" | "rateLimit" | "tokenExpiresAt" | "lastVerifiedAt" | "externalId">
>;

export async function insertAccountRow(db: Db, values: AccountInsert) {
  const [row] = await db.insert(platformAccounts).values(values).returning({ id: platformAccounts.id });
  return (await getAccountRow(db, values.workspaceId, row!.id))!;
}

export async function updateAccountRow(db: Db, workspaceId: string, id: string, patch: AccountUpdate) {
  await db
    .update(platformAccounts)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(platformAccounts.id, id), eq(platformAccounts.workspaceId, workspaceId)));
  return getAccountRow(db, workspaceId, id);
}

export async function deleteAccountRow(db: Db, workspaceId: string, id: string) {
  await db.delete(platformAccounts).where(and(eq(platformAccounts.id, id), eq(platformAccounts.workspaceId, workspaceId)));
}

/** How many of the account's schedules are in each publish status, e.g. { pending: 3, published: 10 }. */
export async function scheduleCountsOfAccount(db: Db, accountId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: schedules.publishStatus, n: count() })
    .from(schedules)
    .where(eq(schedules.platformAccountId, accountId))
    .groupBy(schedules.publishStatus);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export type OAuthStateInsert = typeof oauthStates.$inferInsert;

export async function insertOAuthState(db: Db, values: OAuthStateInsert) {
  await db.insert(oauthStates).values(values);
}

/**
 * Takes (deletes and returns) a connect state of this user in this workspace: a state can be
 * used once, and only by the person who started it. Expired states are returned too, so the
 * caller can say why it refuses them.
 */
export async function takeOAuthState(db: Db, state: string, workspaceId: string, userId: string) {
  const [row] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.state, state), eq(oauthStates.workspaceId, workspaceId), eq(oauthStates.userId, userId)))
    .returning();
  return row ?? null;
}

export async function deleteExpiredOAuthStates(db: Db, now: Date) {
  await db.delete(oauthStates).where(lt(oauthStates.expiresAt, now));
}
