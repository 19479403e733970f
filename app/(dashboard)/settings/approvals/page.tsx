import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { policyOut, requirePolicy } from "@/lib/approvals/policy";
import { listTeam } from "@/lib/workspaces";
import { PolicyForm, type PolicyValue } from "@/components/approvals/PolicyForm";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalSettingsPage() {
  const { db, actor } = await requireMember();
  const [policy, team] = await Promise.all([requirePolicy(db, actor.workspaceId), listTeam(db, actor)]);
  const candidates = team.members.filter((m) => m.role !== "viewer").map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role }));
  return (
    <PolicyForm
      initial={policyOut(policy) as PolicyValue}
      candidates={candidates}
      canManage={can(actor.role, "workspace:manage")}
      workspaceId={actor.workspaceId}
    />
  );
}
