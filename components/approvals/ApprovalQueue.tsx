import Link from "next/link";
import type { approvalQueueList } from "@/lib/approvals/review";
import { ApprovalStateBadge } from "./ApprovalState";

type Queue = Awaited<ReturnType<typeof approvalQueueList>>;

const POLICY: Record<string, string> = {
  off: "Off: posts go out without approval. Anyone can still ask for a review.",
  required_for_editors: "Required for editors: posts written by editors wait for approval; admins' posts go out directly.",
  required_for_all: "Required for everyone: every post waits for approval of its current version.",
};

export const TABS = [
  { status: "pending", label: "Waiting for review" },
  { status: "changes_requested", label: "Changes requested" },
  { status: "approved", label: "Approved" },
  { status: "rejected", label: "Rejected" },
  { status: "all", label: "All" },
] as const;

export function PolicyNote({ policy, isAdmin }: { policy: Queue["policy"]; isAdmin: boolean }) {
  return (
    <section className="card mb-5" aria-labelledby="policy-title">
      <h2 id="policy-title" className="text-base font-semibold">
        Approval policy
      </h2>
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="approval-policy">
        {POLICY[policy.approvalPolicy] ?? policy.approvalPolicy}
        {policy.fourEyes ? " Four eyes: nobody approves their own content." : ""}
      </p>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        The publisher holds a post at its time until its current version is approved; an edit after approval needs a new approval.
        {isAdmin && (
          <>
            {" "}
            <Link href="/settings/approvals" className="font-medium text-brand-700 underline dark:text-brand-100">
              Change the policy
            </Link>
          </>
        )}
      </p>
    </section>
  );
}

export function QueueTabs({ current, counts }: { current: string; counts: Queue["counts"] }) {
  const total = counts.pending + counts.approved + counts.changes_requested + counts.rejected;
  return (
    <nav aria-label="Approval states" className="mb-4 flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {TABS.map((t) => {
        const n = t.status === "all" ? total : counts[t.status];
        const active = t.status === current;
        return (
          <Link
            key={t.status}
            href={`/approvals?status=${t.status}`}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-600 text-brand-700 dark:text-white" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400"}`}
          >
            {t.label}{" "}
            <span
              className="ml-1 rounded-full bg-slate-100 px-1.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200"
              data-testid={`count-${t.status}`}
            >
              {n}
            </span>
          </Link>
        );
      })}
    </nav>
  );
}

/** Items by their latest request; each opens its review page. */
export function QueueList({ items, when }: { items: Queue["items"]; when: (d: Date) => string }) {
  return (
    <ul className="card divide-y divide-slate-100 p-0 dark:divide-slate-800" aria-label="Content">
      {items.map((i) => (
        <li key={i.id} className="px-4 py-3" data-testid="queue-item">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Link href={`/approvals/${i.contentId}`} className="font-medium text-brand-700 underline break-words dark:text-brand-100">
              {i.title}
            </Link>
            <ApprovalStateBadge state={i.state} />
          </div>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            Version {i.currentVersion}
            {i.authorName ? ` · by ${i.authorName}` : ""} · submitted <time dateTime={i.createdAt.toISOString()}>{when(i.createdAt)}</time>
            {i.nextTime && (
              <>
                {" "}
                · next post <time dateTime={i.nextTime.toISOString()}>{when(i.nextTime)}</time>
              </>
            )}
          </p>
          {i.held > 0 && (
            <p className="mt-1 text-sm font-medium text-amber-800 dark:text-amber-200">
              {i.held} post{i.held === 1 ? " is" : "s are"} held: due, waiting for this approval.
            </p>
          )}
          {i.decisionComment && <p className="mt-1 whitespace-pre-wrap break-words text-sm text-slate-700 dark:text-slate-300">“{i.decisionComment}”</p>}
        </li>
      ))}
    </ul>
  );
}
