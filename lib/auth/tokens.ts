import type { Db } from "@/db/client";
import { checkTokenHash, insertToken, listTokens, revokeTokenRow } from "@/db/queries/tokens";
import type { Counted } from "@/db/queries/rate-limits";
import { writeAudit } from "@/db/queries/audit";
import { hashToken, newToken } from "../crypto";
import { AppError, notFound, unauthorized } from "../errors";
import type { Actor } from "./actor";
import { assertCan, roleAtMost, type Role } from "./permissions";

export const TOKEN_PREFIX = "sch";

export async function createApiToken(db: Db, actor: Actor, input: { name: string; role?: Role; expiresInDays?: number }) {
  assertCan(actor.role, "tokens:manage");
  const role = input.role ?? "editor";
  if (!roleAtMost(role, actor.role)) throw new AppError("forbidden", `a ${actor.role} cannot create a token with the ${role} role`);
  const token = newToken(TOKEN_PREFIX);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await db.transaction(async (tx) => {
    const created = await insertToken(tx, {
      workspaceId: actor.workspaceId,
      name: input.name,
      role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      createdBy: actor.userId,
      expiresAt,
    });
    await writeAudit(tx, actor, { action: "token.create", entityType: "api_token", entityId: created.id, after: { name: created.name, role } });
    return created;
  });
  return { ...row, token };
}

export async function listApiTokens(db: Db, actor: Actor) {
  assertCan(actor.role, "tokens:manage");
  return listTokens(db, actor.workspaceId);
}

export async function revokeApiToken(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "tokens:manage");
  return db.transaction(async (tx) => {
    const row = await revokeTokenRow(tx, actor.workspaceId, id);
    if (!row) throw notFound("api_token");
    await writeAudit(tx, actor, { action: "token.revoke", entityType: "api_token", entityId: id, before: { name: row.name, role: row.role } });
    return row;
  });
}

/**
 * Resolves `Authorization: Bearer sch_…` to an actor; any flaw is a 401 that does not say which.
 * Given `countIn` (a rate-limit window's seconds), the request is counted against the token in the
 * same round trip (`counted`); a refused token is not counted there, so its caller counts it under
 * the client's address.
 */
export async function actorFromToken(
  db: Db,
  token: string,
  ip: string | null,
  countIn: number | null = null,
): Promise<{ actor: Actor; counted: Counted | null }> {
  if (!token.startsWith(`${TOKEN_PREFIX}_`)) throw unauthorized("the API token is not valid");
  const row = await checkTokenHash(db, hashToken(token), countIn);
  if (!row || row.expired) throw unauthorized("the API token is not valid, revoked or expired");
  // A token acts for the person who made it: never with more than their role today.
  if (!row.creatorRole) throw unauthorized("the API token's creator is no longer a member of this workspace");
  const role = roleAtMost(row.role, row.creatorRole) ? row.role : row.creatorRole;
  return { actor: { userId: row.createdBy, tokenId: row.id, workspaceId: row.workspaceId, role, ip }, counted: row.counted };
}
