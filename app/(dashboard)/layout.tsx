import { cookies } from "next/headers";
import { AppShell } from "@/components/shell/AppShell";
import { requireMember } from "@/app/_server/session";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user, workspaces, current } = await requireMember();
  return (
    <AppShell
      user={{ name: user.name, email: user.email }}
      workspaces={workspaces.map((w) => ({ id: w.workspaceId, name: w.workspaceName, role: w.role }))}
      currentWorkspaceId={current.workspaceId}
      role={current.role}
      theme={(await cookies()).get("theme")?.value}
    >
      {children}
    </AppShell>
  );
}
