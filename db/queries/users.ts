import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { memberships, users, workspaces, userPreferences } from "../schema";
import type { Role } from "../schema/enums";

export async function findUserByEmail(db: Db, email: string) {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row ?? null;
}

export async function getUser(db: Db, id: string) {
  const [row] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}

export async function insertUser(db: Db, v: { email: string; name: string; passwordHash: string }) {
  const [row] = await db
    .insert(users)
    .values({ email: v.email.toLowerCase(), name: v.name, passwordHash: v.passwordHash })
    .returning({ id: users.id, email: users.email, name: users.name });
  return row!;
}

export async function touchLogin(db: Db, userId: string) {
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, userId));
}

export interface MembershipRow {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  role: Role;
}

export async function listMembershipsOfUser(db: Db, userId: string): Promise<MembershipRow[]> {
  return db
    .select({ workspaceId: workspaces.id, workspaceName: workspaces.name, workspaceSlug: workspaces.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(workspaces.name);
}

export async function getMembership(db: Db, userId: string, workspaceId: string) {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function getPreferences(db: Db, userId: string) {
  const [row] = await db
    .select({ timezone: userPreferences.timezone, theme: userPreferences.theme, lastWorkspaceId: userPreferences.lastWorkspaceId })
    .from(userPreferences)
    .where(eq(userPreferences.userId, userId))
    .limit(1);
  return row ?? null;
}

export async function setLastWorkspace(db: Db, userId: string, workspaceId: string) {
  await db
    .insert(userPreferences)
    .values({ userId, lastWorkspaceId: workspaceId })
    .onConflictDoUpdate({ target: userPreferences.userId, set: { lastWorkspaceId: workspaceId, updatedAt: new Date() } });
}
