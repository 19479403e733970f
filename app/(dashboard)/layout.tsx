import { cookies } from "next/headers";
import { AppShell } from "@/components/shell/AppShell";
import { requireMember } from "@/app/_server/session";
import { pendingInvites } from "@/lib/workspaces";
import { InviteBanner } from "@/components/shell/InviteBanner";
import { pendingForMe } from "@/lib/approvals/review";
import { personFormat } from "@/app/_server/format";
import { FormatProvider } from "@/components/ui/FormatProvider";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { db, user, workspaces, current, actor } = await requireMember();
  const [invites, approvalsPending, format] = await Promise.all([pendingInvites(db, user), pendingForMe(db, actor), personFormat(db, actor)]);
  return (
    <FormatProvider locale={format.locale} timeZone={format.timeZone}>
      <AppShell
        user={{ name: user.name, email: user.email }}
        workspaces={workspaces.map((w) => ({ id: w.workspaceId, name: w.workspaceName, role: w.role }))}
        currentWorkspaceId={current.workspaceId}
        role={current.role}
        theme={(await cookies()).get("theme")?.value}
        approvalsPending={approvalsPending}
      >
        <InviteBanner invites={invites.map((i) => ({ id: i.id, workspaceName: i.workspaceName, role: i.role }))} />
        {children}
      </AppShell>
    </FormatProvider>
  );
}
