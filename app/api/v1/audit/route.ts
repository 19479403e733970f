import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { listAudit } from "@/lib/audit";
import { auditOut } from "@/lib/audit/shapes";
import { otherMethods } from "../_lib/methods";

/** The workspace's audit log, newest first, filtered and paged (admins only). */
export const GET = apiRoute(operation("get /audit"), async ({ db, actor, query }) => {
  const r = await listAudit(db, actor, query);
  return { items: r.rows.map(auditOut), total: r.total, page: r.page, limit: r.limit };
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
