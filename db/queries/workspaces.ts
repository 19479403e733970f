import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { isUniqueViolation, type Db } from "../client";
import { invites, memberships, users, workspaces } from "../schema";
import type { Role } from "../schema/enums";

export async function getWorkspace(db: Db, id: string) {
  const [row] = await db
    .select({
      id: workspaces.id,
      name: workspaces.name,
      slug: workspaces.slug,
      approvalPolicy: workspaces.approvalPolicy,
      defaultTimezone: workspaces.defaultTimezone,
      createdAt: workspaces.createdAt,
    })
    .from(workspaces)
    .where(eq(workspaces.id, id))
    .limit(1);
  return row ?? null;
}

/** Holds the workspace row for update until the transaction ends: a workspace-wide change waits for another one in flight. */
export async function lockWorkspace(db: Db, id: string) {
  const [row] = await db.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, id)).for("update");
  return !!row;
}

export async function getWorkspaceBySlug(db: Db, slug: string) {
  const [row] = await db.select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  return row ?? null;
}

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base || "workspace";
}

/**
 * Creates a workspace with a unique slug derived from its name (`acme`, `acme-2`, …). Two
 * sign-ups choosing the same name at once may pick the same slug: the loser tries the next one
 * (each try in a savepoint, so the failed insert does not spoil the caller's transaction).
 */
export async function insertWorkspace(db: Db, v: { name: string; slug?: string; defaultTimezone?: string }) {
  const base = v.slug ?? slugify(v.name);
  for (let attempt = 0; ; attempt++) {
    const taken = await db
      .select({ slug: workspaces.slug })
      .from(workspaces)
      .where(sql`${workspaces.slug} = ${base} or ${workspaces.slug} like ${base + "-%"}`);
    const used = new Set(taken.map((r) => r.slug));
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
    try {
      return await db.transaction(async (sp) => {
        const [row] = await sp
          .insert(workspaces)
          .values({ name: v.name, slug, defaultTimezone: v.defaultTimezone ?? "UTC" })
          .returning({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug });
        return row!;
      });
    } catch (err) {
      if (attempt >= 4 || !isUniqueViolation(err)) throw err;
    }
  }
}

export async function insertMembership(db: Db, v: { workspaceId: string; userId: string; role: Role }) {
  await db.insert(memberships).values(v).onConflictDoNothing();
}

export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, joinedAt: memberships.createdAt, lastLoginAt: users.lastLoginAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(users.name);
}

export async function getMember(db: Db, workspaceId: string, userId: string) {
  const [row] = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)))
    .limit(1);
  return row ?? null;
}

/**
 * Counts a workspace's admins while locking their rows until the transaction ends, so two
 * admins stepping down at once cannot both see the other one still there.
 */
export async function countAdminsForUpdate(db: Db, workspaceId: string): Promise<number> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "admin")))
    .for("update");
  return rows.length;
}

export async function updateMemberRole(db: Db, workspaceId: string, userId: string, role: Role) {
  await db
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

export async function deleteMembership(db: Db, workspaceId: string, userId: string) {
  await db.delete(memberships).where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, userId)));
}

/** Not accepted, not revoked, not expired. */
const openInvite = () => and(isNull(invites.acceptedAt), isNull(invites.revokedAt), gt(invites.expiresAt, new Date()));

const inviteColumns = {
  id: invites.id,
  workspaceId: invites.workspaceId,
  email: invites.email,
  role: invites.role,
  expiresAt: invites.expiresAt,
  acceptedAt: invites.acceptedAt,
  createdAt: invites.createdAt,
};

export async function insertInvite(
  db: Db,
  v: { workspaceId: string; email: string; role: Role; tokenHash: string; invitedBy: string | null; expiresAt: Date },
) {
  const [row] = await db
    .insert(invites)
    .values({ ...v, email: v.email.toLowerCase() })
    .returning(inviteColumns);
  return row!;
}

export async function listOpenInvites(db: Db, workspaceId: string) {
  return db
    .select(inviteColumns)
    .from(invites)
    .where(and(eq(invites.workspaceId, workspaceId), openInvite()))
    .orderBy(invites.createdAt);
}

export async function findOpenInviteByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({ ...inviteColumns, workspaceName: workspaces.name })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(and(eq(invites.tokenHash, tokenHash), openInvite()))
    .limit(1);
  return row ?? null;
}

/**
 * Takes an open invite for this email, once: the condition and the write are one statement, so
 * an invite revoked, expired or used a moment ago is not taken.
 */
export async function claimInvite(db: Db, where: { id?: string; tokenHash?: string }, email: string) {
  const [row] = await db
    .update(invites)
    .set({ acceptedAt: new Date() })
    .where(
      and(
        where.id ? eq(invites.id, where.id) : eq(invites.tokenHash, where.tokenHash ?? ""),
        sql`lower(${invites.email}) = ${email.toLowerCase()}`,
        openInvite(),
      ),
    )
    .returning({ id: invites.id, workspaceId: invites.workspaceId, role: invites.role });
  return row ?? null;
}

/** Open invites addressed to an email, across workspaces, for the invitee to accept or decline. */
export async function listOpenInvitesForEmail(db: Db, email: string) {
  return db
    .select({ id: invites.id, role: invites.role, workspaceId: invites.workspaceId, workspaceName: workspaces.name, expiresAt: invites.expiresAt })
    .from(invites)
    .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
    .where(and(sql`lower(${invites.email}) = ${email.toLowerCase()}`, openInvite()))
    .orderBy(invites.createdAt);
}

export async function declineInviteRow(db: Db, id: string, email: string) {
  const rows = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.id, id), sql`lower(${invites.email}) = ${email.toLowerCase()}`, openInvite()))
    .returning({ id: invites.id, workspaceId: invites.workspaceId });
  return rows[0] ?? null;
}

/** Withdraws earlier open invites to the same email in a workspace (a new one replaces them). */
export async function revokeOpenInvitesTo(db: Db, workspaceId: string, email: string) {
  await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.workspaceId, workspaceId), sql`lower(${invites.email}) = ${email.toLowerCase()}`, openInvite()));
}

export async function revokeInvite(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.id, id), eq(invites.workspaceId, workspaceId), isNull(invites.acceptedAt), isNull(invites.revokedAt)))
    .returning({ id: invites.id });
  return rows.length > 0;
}
