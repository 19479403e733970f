import Link from "next/link";
import type { approvalInfo } from "@/lib/approvals/review";
import { ApprovalStateBadge } from "./ApprovalState";
import { SubmitButton } from "./SubmitButton";

type Info = Awaited<ReturnType<typeof approvalInfo>>;

const EXPLAIN: Record<string, string> = {
  draft: "Not submitted for review yet.",
  in_review: "Waiting for a reviewer. Edits you save now update the version under review.",
  approved: "This version is approved. Editing it sends it back to review.",
  changes_requested: "A reviewer asked for changes. Saving your edits sends it back to review.",
  rejected: "A reviewer rejected this content. Revise it and submit again if it should still go out.",
  outdated: "Approved earlier, but edited since: this version is not approved.",
};

/** The approval state on the content page (composer): state, the latest reviewer note, submit. */
export function ApprovalPanel({ info, workspaceId, showReviewLink }: { info: Info; workspaceId: string; showReviewLink: boolean }) {
  const decided = info.history.find((h) => h.decidedAt && h.decisionComment);
  return (
    <section className="card space-y-2" aria-labelledby="approval-panel-title" data-testid="approval-panel">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="approval-panel-title" className="text-base font-semibold">
          Approval
        </h2>
        <ApprovalStateBadge state={info.state} />
        {info.required && <span className="text-xs text-slate-600 dark:text-slate-400">Required before anything is published</span>}
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">{EXPLAIN[info.state]}</p>
      {decided && (info.state === "changes_requested" || info.state === "rejected" || info.state === "in_review") && (
        <blockquote className="rounded-md border-l-4 border-orange-400 bg-orange-50 p-2 text-sm dark:bg-orange-950" data-testid="reviewer-note">
          <span className="font-medium">{decided.decidedByName ?? "A reviewer"}:</span>{" "}
          <span className="whitespace-pre-wrap break-words">{decided.decisionComment}</span>
        </blockquote>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {info.canSubmit && <SubmitButton contentId={info.item.id} workspaceId={workspaceId} />}
        {showReviewLink && (
          <Link href={`/approvals/${info.item.id}`} className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
            {info.canDecide ? "Review this version" : "Open the review page"}
          </Link>
        )}
      </div>
    </section>
  );
}
