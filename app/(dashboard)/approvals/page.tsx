import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { approvalQueueList } from "@/lib/approvals/review";
import { approvalsQuery } from "@/lib/validation/approvals";
import { formatFor } from "@/app/_server/format";
import { PageHeader } from "@/components/ui/PageHeader";
import { LiveRefresh } from "@/components/jobs/LiveRefresh";
import { PolicyNote, QueueList, QueueTabs, TABS } from "@/components/approvals/ApprovalQueue";

export const metadata: Metadata = { title: "Approvals" };

const EMPTY: Record<string, string> = {
  pending: "Nothing is waiting for review. When someone submits content (the composer's “Submit for approval”), it appears here.",
  changes_requested: "No content is waiting for its author's changes.",
  approved: "No approved content yet.",
  rejected: "Nothing has been rejected.",
  all: "No content has been submitted for review yet. Open a post in the composer and choose “Submit for approval”.",
};

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  const sp = await searchParams;
  const parsed = approvalsQuery.safeParse({ status: typeof sp.status === "string" ? sp.status : undefined });
  const status = parsed.success ? parsed.data.status : "pending";
  const [queue, f] = await Promise.all([approvalQueueList(db, actor, status), formatFor(db, actor)]);
  const when = (d: Date) => f.dateTime(d);
  const label = TABS.find((t) => t.status === status)!.label;
  return (
    <>
      <PageHeader
        title="Approvals"
        description={queue.isApprover ? "Content waiting for your review, and what was decided." : "Where your team's content stands in review."}
        actions={<LiveRefresh />}
      />
      <PolicyNote policy={queue.policy} isAdmin={actor.role === "admin"} />
      <QueueTabs current={status} counts={queue.counts} />
      <h2 className="sr-only">{label}</h2>
      {queue.items.length === 0 ? (
        <div className="card flex flex-col items-center gap-2 py-10 text-center" data-testid="approvals-empty">
          <p className="font-medium">Nothing here</p>
          <p className="max-w-lg text-sm text-slate-600 dark:text-slate-400">{EMPTY[status]}</p>
        </div>
      ) : (
        <QueueList items={queue.items} when={when} />
      )}
    </>
  );
}
