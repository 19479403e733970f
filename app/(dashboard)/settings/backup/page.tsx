import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { ExportArchive } from "@/components/settings/backup/ExportArchive";
import { ImportArchive } from "@/components/settings/backup/ImportArchive";

export const metadata: Metadata = { title: "Backup" };

/** Export this workspace to one archive, or import one as a new workspace: admins only. */
export default async function BackupPage() {
  const { actor } = await requireMember();
  if (!can(actor.role, "workspace:manage")) {
    return (
      <section className="card" aria-labelledby="backup-denied">
        <h2 id="backup-denied" className="text-base font-semibold">
          Admins only
        </h2>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          An export holds everything in this workspace, so only admins can make one or import one. Ask an admin of this workspace.
        </p>
      </section>
    );
  }
  return (
    <div className="space-y-6">
      <ExportArchive />
      <ImportArchive />
    </div>
  );
}
