import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { listTeam } from "@/lib/workspaces";
import { can } from "@/lib/auth/permissions";
import { TeamManager } from "@/components/settings/TeamManager";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const { db, actor } = await requireMember();
  const { members, invites } = await listTeam(db, actor);
  return (
    <TeamManager
      canManage={can(actor.role, "members:manage")}
      selfId={actor.userId!}
      members={members.map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role }))}
      invites={invites.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.toISOString() }))}
    />
  );
}
