import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { executePrepared, type Db } from "../client";
import { apiTokens, memberships, users } from "../schema";
import type { Role } from "../schema/enums";
import { countedOf, countInto, QUICK_COMMIT, type Counted } from "./rate-limits";

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

export interface TokenCheck {
  id: string;
  workspaceId: string;
  role: Role;
  createdBy: string | null;
  /** The creator's current role in the token's workspace; null once they are no longer a member. */
  creatorRole: Role | null;
  expired: boolean;
  /** The request's count in the token's rate-limit window, when one was asked for and the token is usable. */
  counted: Counted | null;
}

/**
 * An unrevoked token by its hash, in one round trip with what every authenticated call also writes:
 * its last use, noted at most once a minute (every call would turn reads into writes), and, given
 * `countIn` (a window's seconds), the request counted against `token:<id>`. Both only for a usable
 * token (unexpired, its creator still a member): a refused one is counted by the caller under the
 * client's address. Never inside a transaction (see QUICK_COMMIT).
 */
export async function checkTokenHash(db: Db, tokenHash: string, countIn: number | null): Promise<TokenCheck | null> {
  const usable = sql`not tok.expired and tok.creator_role is not null`;
  const [row] = await executePrepared<{
    id: string;
    workspace_id: string;
    role: Role;
    created_by: string | null;
    creator_role: Role | null;
    expired: boolean;
    count: number | null;
    reset_seconds: number | null;
  }>(
    db,
    "token_check",
    sql`
      with tok as (
        select t.id, t.workspace_id, t.role, t.created_by, m.role as creator_role, coalesce(t.expires_at <= now(), false) as expired, t.last_used_at
        from ${apiTokens} t left join ${memberships} m on m.user_id = t.created_by and m.workspace_id = t.workspace_id
        where t.token_hash = ${tokenHash} and t.revoked_at is null
        limit 1
      ),
      touched as (
        update ${apiTokens} set last_used_at = now() from tok
        where ${apiTokens.id} = tok.id and ${usable} and (tok.last_used_at is null or tok.last_used_at < now() - interval '1 minute')
        returning 1
      )${countIn === null ? sql`` : sql`, ${QUICK_COMMIT}, counted as (${countInto(sql`select 'token:' || tok.id as bucket from tok, quick where ${usable}`, countIn)})`}
      select tok.id, tok.workspace_id, tok.role, tok.created_by, tok.creator_role, tok.expired,
        ${countIn === null ? sql`null::int as count, null::int as reset_seconds from tok` : sql`counted.count, counted.reset_seconds from tok left join counted on true`}`,
  );
  if (!row) return null;
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    role: row.role,
    createdBy: row.created_by,
    creatorRole: row.creator_role,
    expired: row.expired,
    counted: row.count === null ? null : countedOf({ count: row.count, reset_seconds: row.reset_seconds ?? 1 }),
  };
}

/** Revokes every token a member made in a workspace (they leave it). */
export async function revokeTokensOf(db: Db, workspaceId: string, userId: string) {
  return db
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.workspaceId, workspaceId), eq(apiTokens.createdBy, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
}
