import { and, asc, count, desc, eq, gte, lte, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { auditLog, users } from "../schema";

/** Reading the audit log of a workspace: filtered, newest first, paged. */
export interface AuditFilter {
  userId?: string;
  action?: string;
  entityType?: string;
  from?: Date;
  to?: Date;
}

const columns = {
  id: auditLog.id,
  createdAt: auditLog.createdAt,
  actorUserId: auditLog.actorUserId,
  actorName: users.name,
  actorEmail: users.email,
  actorTokenId: auditLog.actorTokenId,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  before: auditLog.before,
  after: auditLog.after,
  ip: auditLog.ip,
};
export type AuditRow = Awaited<ReturnType<typeof listAuditRows>>[number];

function where(workspaceId: string, f: AuditFilter): SQL {
  const w: SQL[] = [eq(auditLog.workspaceId, workspaceId)];
  if (f.userId) w.push(eq(auditLog.actorUserId, f.userId));
  if (f.action) w.push(eq(auditLog.action, f.action));
  if (f.entityType) w.push(eq(auditLog.entityType, f.entityType));
  if (f.from) w.push(gte(auditLog.createdAt, f.from));
  if (f.to) w.push(lte(auditLog.createdAt, f.to));
  return and(...w)!;
}

export async function listAuditRows(db: Db, workspaceId: string, f: AuditFilter, page: { limit: number; offset: number }) {
  return db
    .select(columns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where(workspaceId, f))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(page.limit)
    .offset(page.offset);
}

export async function countAuditRows(db: Db, workspaceId: string, f: AuditFilter) {
  const [row] = await db.select({ n: count() }).from(auditLog).where(where(workspaceId, f));
  return row?.n ?? 0;
}

/** Every matching row, newest first, a batch at a time (for CSV export). */
export async function* auditRowsInBatches(db: Db, workspaceId: string, f: AuditFilter, batch = 500) {
  for (let offset = 0; ; offset += batch) {
    const rows = await listAuditRows(db, workspaceId, f, { limit: batch, offset });
    yield* rows;
    if (rows.length < batch) return;
  }
}

/** The actions and entity types this workspace's log contains, for the filter menus. */
export async function auditFilterOptions(db: Db, workspaceId: string) {
  const [actions, entities] = await Promise.all([
    db.selectDistinct({ v: auditLog.action }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(asc(auditLog.action)),
    db.selectDistinct({ v: auditLog.entityType }).from(auditLog).where(eq(auditLog.workspaceId, workspaceId)).orderBy(asc(auditLog.entityType)),
  ]);
  return { actions: actions.map((r) => r.v), entityTypes: entities.map((r) => r.v) };
}
