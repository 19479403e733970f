import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../client";
import { memberships, passwordResets, recoveryCodes, users, workspaces } from "../schema";

/** What sign-in and the session checks need to know about a person's second factor and session. */
export async function getSecurityState(db: Db, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      sessionVersion: users.sessionVersion,
      totpSecretEncrypted: users.totpSecretEncrypted,
      totpEnabledAt: users.totpEnabledAt,
      totpLastStep: users.totpLastStep,
      // Any of their workspaces asks for a second factor: one factor is per person, not per workspace.
      twoFactorRequired: sql<boolean>`exists (select 1 from ${memberships} m join ${workspaces} w on w.id = m.workspace_id where m.user_id = ${users}.id and w.require_two_factor)`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export async function setPendingTotpSecret(db: Db, userId: string, encrypted: string) {
  await db
    .update(users)
    .set({ totpSecretEncrypted: encrypted })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)));
}

export async function enableTotp(db: Db, userId: string, step: number) {
  const [row] = await db
    .update(users)
    .set({ totpEnabledAt: new Date(), totpLastStep: step })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
    .returning({ id: users.id });
  return !!row;
}

export async function disableTotp(db: Db, userId: string) {
  await db.update(users).set({ totpEnabledAt: null, totpSecretEncrypted: null, totpLastStep: null }).where(eq(users.id, userId));
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/**
 * Records the step a code was accepted at, only if it is later than the last one: two requests
 * racing with the same code cannot both pass.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const [row] = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
    .returning({ id: users.id });
  return !!row;
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (hashes.length) await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

/** Marks one unused code used; false when it does not exist or was used already. */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const [row] = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return !!row;
}

export async function countUnusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.n ?? 0;
}

export async function getPasswordHash(db: Db, userId: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.passwordHash ?? null;
}

/** Sets the password and bumps the session version (ending every session); returns the new version. */
export async function setPasswordAndBump(db: Db, userId: string, passwordHash: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ v: users.sessionVersion });
  return row!.v;
}

export async function insertPasswordReset(db: Db, v: { userId: string; tokenHash: string; expiresAt: Date; createdBy: string | null }) {
  // A new link replaces any earlier one still open: only the latest email works.
  await voidOpenResets(db, v.userId);
  const [row] = await db.insert(passwordResets).values(v).returning({ id: passwordResets.id });
  return row!;
}

/** The open reset for a token hash: not used, not expired. */
export async function findOpenReset(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ id: passwordResets.id, userId: passwordResets.userId, email: users.email, createdBy: passwordResets.createdBy })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .limit(1);
  return row ?? null;
}

/** Uses the reset once: the update only matches while it is still open. */
export async function consumeReset(db: Db, id: string): Promise<boolean> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
    .returning({ id: passwordResets.id });
  return !!row;
}

export async function workspaceIdsOfUser(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: memberships.workspaceId }).from(memberships).where(eq(memberships.userId, userId));
  return rows.map((r) => r.id);
}

export async function setRequireTwoFactor(db: Db, workspaceId: string, on: boolean) {
  const [before] = await db.select({ v: workspaces.requireTwoFactor }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  await db.update(workspaces).set({ requireTwoFactor: on, updatedAt: new Date() }).where(eq(workspaces.id, workspaceId));
  return before?.v ?? false;
}

export async function getRequireTwoFactor(db: Db, workspaceId: string): Promise<boolean> {
  const [row] = await db.select({ v: workspaces.requireTwoFactor }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return row?.v ?? false;
}

/** Which members of a workspace have a second factor on (for the team screen). */
export async function twoFactorOfMembers(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.workspaceId, workspaceId), sql`${users.totpEnabledAt} is not null`));
  return new Set(rows.map((r) => r.id));
}

/**
 * For an admin's reset links: each member of the workspace (or just `userId`), their role there,
 * and how many of their other workspaces the acting person is not an admin of. A link resets the
 * whole account, so it may only be made where the admin already answers for everything it opens.
 */
export async function resetLinkReach(db: Db, workspaceId: string, actorUserId: string | null, userId?: string) {
  const other = sql`(select count(*) from ${memberships} o where o.user_id = ${memberships.userId} and o.workspace_id <> ${workspaceId}
    and not exists (select 1 from ${memberships} a where a.workspace_id = o.workspace_id and a.user_id = ${actorUserId} and a.role = 'admin'))::int`;
  return db
    .select({ userId: memberships.userId, role: memberships.role, unvouchedWorkspaces: sql<number>`${other}` })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), userId ? eq(memberships.userId, userId) : undefined));
}

/** Ends every open reset link of a person (their password just changed). */
export async function voidOpenResets(db: Db, userId: string) {
  await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/**
 * What a browser session needs to keep an open stream: the same facts as `getSecurityState`'s
 * session check, plus whether the person is still a member of the workspace, in one query.
 */
export async function getStreamSessionState(db: Db, userId: string, workspaceId: string) {
  const [row] = await db
    .select({
      sessionVersion: users.sessionVersion,
      totpEnabledAt: users.totpEnabledAt,
      twoFactorRequired: sql<boolean>`exists (select 1 from ${memberships} m join ${workspaces} w on w.id = m.workspace_id where m.user_id = ${users}.id and w.require_two_factor)`,
      member: sql<boolean>`exists (select 1 from ${memberships} m where m.user_id = ${users}.id and m.workspace_id = ${workspaceId})`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}
