import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { currentWorkspace } from "@/lib/workspaces";
import { notFound } from "@/lib/errors";
import { policyOut, requirePolicy, setApprovalPolicy } from "@/lib/approvals/policy";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { otherMethods } from "../_lib/methods";

async function workspaceOut(db: Db, actor: Actor) {
  const ws = await currentWorkspace(db, actor);
  if (!ws) throw notFound("workspace");
  const policy = policyOut(await requirePolicy(db, actor.workspaceId));
  return { id: ws.id, name: ws.name, slug: ws.slug, default_timezone: ws.defaultTimezone, created_at: ws.createdAt.toISOString(), role: actor.role, ...policy };
}

export const GET = apiRoute(operation("get /workspace"), async ({ db, actor }) => workspaceOut(db, actor));

export const PATCH = apiRoute(operation("patch /workspace"), async ({ db, actor, body }) => {
  await setApprovalPolicy(db, actor, body);
  return workspaceOut(db, actor);
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods(["GET", "PATCH"]);
