import { apiRoute } from "../_lib/handler";
import { getWorkspace } from "@/db/queries/workspaces";
import { notFound } from "@/lib/errors";

export const GET = apiRoute({ permission: "workspace:read" }, async ({ db, actor }) => {
  const ws = await getWorkspace(db, actor.workspaceId);
  if (!ws) throw notFound("workspace");
  return { id: ws.id, name: ws.name, slug: ws.slug, approval_policy: ws.approvalPolicy, default_timezone: ws.defaultTimezone, created_at: ws.createdAt.toISOString(), role: actor.role };
});
