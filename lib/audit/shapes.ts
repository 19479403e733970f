/** JSON shape of an audit log entry: the documented schema and the mapper beside it. */
import { z } from "zod";
import { iso } from "@/lib/operations/shapes/common";
import type { AuditRow } from "@/db/queries/audit-log";
import { diffFields } from "./diff";

const id = z.uuid();
const ts = z.string().describe("ISO 8601 date-time");

export const auditShape = z.object({
  id: z.string(),
  created_at: ts,
  user: z.object({ id, name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  api_token_id: id.nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

export function auditOut(r: AuditRow): z.output<typeof auditShape> {
  return {
    id: String(r.id),
    created_at: iso(r.createdAt),
    user: r.actorUserId ? { id: r.actorUserId, name: r.actorName, email: r.actorEmail } : null,
    api_token_id: r.actorTokenId,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    changes: diffFields(r.before, r.after),
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
  };
}
