import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, memberships, users } from "../schema";
import type { Role } from "../schema/enums";

/** The fields a token is ever shown with: never its hash. */
const publicColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  role: apiTokens.role,
  prefix: apiTokens.prefix,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  expiresAt: apiTokens.expiresAt,
  revokedAt: apiTokens.revokedAt,
};

export async function insertToken(
  db: Db,
  v: { workspaceId: string; name: string; role: Role; tokenHash: string; prefix: string; createdBy: string | null; expiresAt: Date | null },
) {
  const [row] = await db.insert(apiTokens).values(v).returning(publicColumns);
  return row!;
}

export async function listTokens(db: Db, workspaceId: string) {
  return db
    .select({ ...publicColumns, createdByName: users.name })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdBy))
    .where(eq(apiTokens.workspaceId, workspaceId))
    .orderBy(desc(apiTokens.createdAt));
}

export async function getToken(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(publicColumns)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function revokeTokenRow(db: Db, workspaceId: string, id: string) {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, workspaceId), isNull(apiTokens.revokedAt)))
    .returning(publicColumns);
  return rows[0] ?? null;
}

/** An unrevoked token with its creator's current role in the token's workspace (null: no longer a member). */
export async function findActiveTokenByHash(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      id: apiTokens.id,
      workspaceId: apiTokens.workspaceId,
      role: apiTokens.role,
      createdBy: apiTokens.createdBy,
      creatorRole: memberships.role,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .leftJoin(memberships, and(eq(memberships.userId, apiTokens.createdBy), eq(memberships.workspaceId, apiTokens.workspaceId)))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

/** Revokes every token a member made in a workspace (they leave it). */
export async function revokeTokensOf(db: Db, workspaceId: string, userId: string) {
  return db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.createdBy, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
}

export async function touchToken(db: Db, id: string) {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}
