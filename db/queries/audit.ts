import type { Db } from "../client";
import { auditLog } from "../schema";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Every mutation writes one row: who, what, before and after. Call it inside the mutation's transaction. */
export async function writeAudit(db: Db, actor: { workspaceId: string; userId: string | null; tokenId: string | null; ip?: string | null }, entry: AuditEntry) {
  await db.insert(auditLog).values({
    workspaceId: actor.workspaceId,
    actorUserId: actor.userId,
    actorTokenId: actor.tokenId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: actor.ip ?? null,
  });
}
