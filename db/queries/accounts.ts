import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { platformAccounts } from "../schema";

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
  return db.select(accountColumns).from(platformAccounts).where(eq(platformAccounts.workspaceId, workspaceId)).orderBy(asc(platformAccounts.platform), asc(platformAccounts.name));
}

/** The workspace's accounts among these ids (others are simply absent). */
export async function getAccounts(db: Db, workspaceId: string, ids: string[]) {
  if (!ids.length) return [];
  return db.select(accountColumns).from(platformAccounts).where(and(eq(platformAccounts.workspaceId, workspaceId), inArray(platformAccounts.id, ids)));
}

/** Holds an account's row until the transaction ends: one queue placement at a time per account. */
export async function lockAccount(db: Db, workspaceId: string, id: string) {
  await db.select({ id: platformAccounts.id }).from(platformAccounts).where(and(eq(platformAccounts.id, id), eq(platformAccounts.workspaceId, workspaceId))).for("update");
}
