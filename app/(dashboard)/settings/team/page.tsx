import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { listTeam } from "@/lib/workspaces";
import { can } from "@/lib/auth/permissions";
import { TeamManager } from "@/components/settings/TeamManager";
import { TwoFactorRequirement } from "@/components/settings/TwoFactorRequirement";
import { membersWithTwoFactor, twoFactorRequired } from "@/lib/auth/workspace-security";
import { getConfig } from "@/lib/config";
import { resetLinkRefusals } from "@/lib/auth/password-reset";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const { db, actor } = await requireMember();
  const [{ members, invites }, withTwoFactor, required] = await Promise.all([
    listTeam(db, actor),
    membersWithTwoFactor(db, actor),
    twoFactorRequired(db, actor),
  ]);
  const canManage = can(actor.role, "members:manage");
  // With SMTP people reset their own password by email; without it, an admin hands a link over.
  const canMakeResetLinks = canManage && !getConfig().smtp.url;
  const refusals = canMakeResetLinks ? await resetLinkRefusals(db, actor) : new Map<string, string>();
  return (
    <div className="space-y-6">
      {canManage && <TwoFactorRequirement required={required} />}
      <TeamManager
        canManage={canManage}
        canMakeResetLinks={canMakeResetLinks}
        selfId={actor.userId!}
        members={members.map((m) => ({
          userId: m.userId,
          name: m.name,
          email: m.email,
          role: m.role,
          twoFactor: withTwoFactor.has(m.userId),
          resetRefusal: refusals.get(m.userId) ?? null,
        }))}
        invites={invites.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))}
      />
    </div>
  );
}
