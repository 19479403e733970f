/** The workspace's approval policy columns and the approval part of its settings JSON. */
import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { workspaces } from "../schema";

export async function getApprovalPolicy(db: Db, workspaceId: string) {
  const [row] = await db
    .select({ approvalPolicy: workspaces.approvalPolicy, fourEyes: workspaces.fourEyes, approverIds: workspaces.approverIds, settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId))
    .limit(1);
  if (!row) return null;
  const approvals = ((row.settings ?? {}) as { approvals?: { minor_edit_chars?: number; allow_external_approvers?: boolean } }).approvals ?? {};
  return {
    approvalPolicy: row.approvalPolicy as string,
    fourEyes: row.fourEyes,
    approverIds: row.approverIds ?? [],
    minorEditChars: Number(approvals.minor_edit_chars ?? 0),
    allowExternalApprovers: approvals.allow_external_approvers === true,
  };
}

export async function updateApprovalPolicy(
  db: Db,
  workspaceId: string,
  v: {
    approvalPolicy?: "off" | "required_for_editors" | "required_for_all";
    fourEyes?: boolean;
    approverIds?: string[];
    minorEditChars?: number;
    allowExternalApprovers?: boolean;
  },
) {
  const approvals: Record<string, number | boolean> = {};
  if (v.minorEditChars !== undefined) approvals.minor_edit_chars = v.minorEditChars;
  if (v.allowExternalApprovers !== undefined) approvals.allow_external_approvers = v.allowExternalApprovers;
  await db
    .update(workspaces)
    .set({
      ...(v.approvalPolicy !== undefined ? { approvalPolicy: v.approvalPolicy } : {}),
      ...(v.fourEyes !== undefined ? { fourEyes: v.fourEyes } : {}),
      ...(v.approverIds !== undefined ? { approverIds: v.approverIds } : {}),
      // Other parts own other keys of settings: merge, never replace.
      // Within the approvals key too: setting one of its keys keeps the others.
      ...(Object.keys(approvals).length
        ? {
            settings: sql`coalesce(${workspaces.settings}, '{}'::jsonb) || jsonb_build_object('approvals', coalesce(${workspaces.settings}->'approvals', '{}'::jsonb) || ${JSON.stringify(approvals)}::jsonb)`,
          }
        : {}),
    })
    .where(eq(workspaces.id, workspaceId));
}
