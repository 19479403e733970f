import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/app/_server/session";
import { membershipsOf, pendingInvites } from "@/lib/workspaces";
import { getConfig } from "@/lib/config";
import { InviteBanner } from "@/components/shell/InviteBanner";
import { CreateWorkspaceForm } from "@/components/auth/CreateWorkspaceForm";
import { SignOutButton } from "@/components/auth/SignOutButton";

export const metadata: Metadata = { title: "Invitations" };

/** Where a signed-in person without a workspace lands: their invitations, or a workspace of their own. */
export default async function InvitesPage() {
  const { db, user } = await requireUser();
  const [memberships, invites] = await Promise.all([membershipsOf(db, user.id), pendingInvites(db, user)]);
  return (
    <div className="card space-y-4 p-6">
      <h1 className="text-xl font-semibold">Invitations</h1>
      {invites.length > 0 ? (
        <InviteBanner invites={invites.map((i) => ({ id: i.id, workspaceName: i.workspaceName, role: i.role }))} enterOnAccept />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {memberships.length
            ? "No invitations are waiting for you."
            : `You (${user.email}) are not a member of any workspace yet, and no invitation is waiting.`}
        </p>
      )}
      {memberships.length > 0 ? (
        <Link href="/" className="btn-secondary">
          Back to your workspace
        </Link>
      ) : getConfig().signupEnabled ? (
        <CreateWorkspaceForm />
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Ask an admin of a workspace to invite {user.email}.</p>
      )}
      <SignOutButton />
    </div>
  );
}
