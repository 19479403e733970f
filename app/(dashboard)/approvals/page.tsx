import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { approvalQueue } from "@/lib/approvals/queue";
import { getMyPreferences } from "@/lib/preferences";
import { DESCRIPTORS, isPlatformId } from "@/adapters/registry";
import { PageHeader } from "@/components/ui/PageHeader";
import { LiveRefresh } from "@/components/jobs/LiveRefresh";
import { PolicyNote, QueueSection } from "@/components/approvals/ApprovalQueue";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const { db, actor } = await requireMember();
  const [queue, prefs] = await Promise.all([approvalQueue(db, actor), getMyPreferences(db, actor)]);
  const zone = prefs.timezone;
  const fmt = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  const when = (d: Date) => `${fmt.format(d)} ${zone}`;
  const platformName = (p: string) => (isPlatformId(p) ? DESCRIPTORS[p].name : p);
  const empty = queue.held.length === 0 && queue.upcoming.length === 0;
  return (
    <>
      <PageHeader title="Approvals" description="Posts the publisher holds, or will hold, until their current version is approved." actions={<LiveRefresh />} />
      <PolicyNote policy={queue.policy} />
      {empty ? (
        <div className="card flex flex-col items-center gap-2 py-10 text-center" data-testid="approvals-empty">
          <p className="font-medium">Nothing is waiting for approval</p>
          <p className="max-w-lg text-sm text-slate-600 dark:text-slate-400">
            {queue.policy === "off"
              ? "This workspace publishes without approval. When an admin turns approval on, held posts are listed here."
              : "Posts that need approval appear here before their time and stay here, held, until approved."}{" "}
            Reviewing in the app (approve, request changes, comments, and a diff since the last review) arrives with the team workflow.
          </p>
        </div>
      ) : (
        <>
          {queue.held.length > 0 && <QueueSection id="held" title="Held" hint="Their time came and the publisher held them. Once this version is approved, resume or reschedule them to send them." items={queue.held} when={when} platformName={platformName} />}
          {queue.upcoming.length > 0 && <QueueSection id="upcoming" title="Will be held" hint="Scheduled, but not approved in this version: they will be held when due unless approved first." items={queue.upcoming} when={when} platformName={platformName} />}
        </>
      )}
    </>
  );
}
