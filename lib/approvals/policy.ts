/** The workspace's approval policy: who needs approval, four eyes, designated approvers, minor edits. */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getApprovalPolicy, updateApprovalPolicy } from "@/db/queries/approval-policy";
import { listMembers } from "@/db/queries/workspaces";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { ApprovalPolicyInput } from "../validation/approvals";

export async function requirePolicy(db: Db, workspaceId: string) {
  const p = await getApprovalPolicy(db, workspaceId);
  if (!p) throw notFound("workspace");
  return p;
}

export function policyOut(p: Awaited<ReturnType<typeof requirePolicy>>) {
  return {
    approval_policy: p.approvalPolicy,
    four_eyes: p.fourEyes,
    approvers: p.approverIds,
    minor_edit_chars: p.minorEditChars,
    allow_external_approvers: p.allowExternalApprovers,
  };
}

export async function setApprovalPolicy(db: Db, actor: Actor, input: ApprovalPolicyInput) {
  assertCan(actor.role, "workspace:manage");
  return db.transaction(async (tx) => {
    const before = await requirePolicy(tx, actor.workspaceId);
    let approverIds: string[] | undefined;
    if (input.approvers !== undefined) {
      approverIds = [...new Set(input.approvers)];
      const members = await listMembers(tx, actor.workspaceId);
      const bad = approverIds.filter((id) => !members.some((m) => m.userId === id && m.role !== "viewer"));
      if (bad.length) {
        throw new AppError("bad_request:validation", `approvers must be admins or editors of this workspace: ${bad.join(", ")}`, [
          { field: "approvers", message: "not an admin or editor of this workspace" },
        ]);
      }
    }
    await updateApprovalPolicy(tx, actor.workspaceId, {
      approvalPolicy: input.approval_policy,
      fourEyes: input.four_eyes,
      approverIds,
      minorEditChars: input.minor_edit_chars,
      allowExternalApprovers: input.allow_external_approvers,
    });
    const after = await requirePolicy(tx, actor.workspaceId);
    await writeAudit(tx, actor, {
      action: "workspace.approval_policy",
      entityType: "workspace",
      entityId: actor.workspaceId,
      before: policyOut(before),
      after: policyOut(after),
    });
    return after;
  });
}
