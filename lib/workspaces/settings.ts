/** The workspace's own settings as GET and PATCH /workspace answer them: approval policy and link tracking. */
import type { Db } from "@/db/client";
import { notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { policyOut, requirePolicy, setApprovalPolicy } from "../approvals/policy";
import { getLinkTracking, linkTrackingView, saveLinkTracking } from "../links";
import type { WorkspacePatchInput } from "../validation/workspace";
import { currentWorkspace } from ".";

export async function workspaceView(db: Db, actor: Actor) {
  const ws = await currentWorkspace(db, actor);
  if (!ws) throw notFound("workspace");
  const policy = policyOut(await requirePolicy(db, actor.workspaceId));
  return {
    id: ws.id,
    name: ws.name,
    slug: ws.slug,
    default_timezone: ws.defaultTimezone,
    created_at: ws.createdAt.toISOString(),
    role: actor.role,
    ...policy,
    link_tracking: linkTrackingView(await getLinkTracking(db, actor.workspaceId)),
  };
}

/** Applies the parts given, all or nothing. */
export async function updateWorkspaceSettings(db: Db, actor: Actor, input: WorkspacePatchInput) {
  assertCan(actor.role, "workspace:manage");
  const { link_tracking, ...policy } = input;
  await db.transaction(async (tx) => {
    if (Object.keys(policy).length) await setApprovalPolicy(tx, actor, policy);
    if (link_tracking) await saveLinkTracking(tx, actor, link_tracking);
  });
}
