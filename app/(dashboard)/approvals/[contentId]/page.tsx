import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireMember } from "@/app/_server/session";
import { approvalInfo } from "@/lib/approvals/review";
import { listReviewComments } from "@/lib/approvals/comments";
import { isApprover } from "@/lib/approvals/state";
import { reviewPreviews } from "@/lib/approvals/previews";
import { can } from "@/lib/auth/permissions";
import { formatFor } from "@/app/_server/format";
import { PageHeader } from "@/components/ui/PageHeader";
import { ApprovalStateBadge } from "@/components/approvals/ApprovalState";
import { ApprovalHistory } from "@/components/approvals/ApprovalHistory";
import { CommentThread } from "@/components/approvals/CommentThread";
import { DecisionForm } from "@/components/approvals/DecisionForm";
import { DiffView } from "@/components/approvals/DiffView";
import { ReviewPreviews } from "@/components/approvals/ReviewPreviews";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ contentId: string }> }) {
  const { db, actor } = await requireMember();
  const { contentId } = await params;
  if (!z.uuid().safeParse(contentId).success) notFound();
  const info = await approvalInfo(db, actor, contentId).catch(() => null);
  if (!info) notFound();
  const { item } = info;
  const [comments, f, previews] = await Promise.all([listReviewComments(db, actor, contentId), formatFor(db, actor), reviewPreviews(db, item)]);
  const when = (d: Date) => f.dateTime(d);
  const canComment = can(actor.role, "content:write") || isApprover(info.policy, actor);
  return (
    <>
      <PageHeader
        title={item.title}
        description={`Version ${item.version}${item.authorName ? ` · by ${item.authorName}` : ""}`}
        actions={
          <Link href="/approvals" className="btn-secondary">
            Back to the queue
          </Link>
        }
      />
      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-5">
          <section className="card space-y-2" aria-labelledby="state-title">
            <div className="flex flex-wrap items-center gap-2">
              <h2 id="state-title" className="text-base font-semibold">
                State
              </h2>
              <ApprovalStateBadge state={info.state} />
            </div>
            {info.decideRefusal && (
              <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="decide-refusal">
                {info.decideRefusal}
              </p>
            )}
            {info.state !== "in_review" && <p className="text-sm text-slate-600 dark:text-slate-400">Decisions are made on content waiting for review.</p>}
            <p>
              <Link href={`/content/${item.id}`} className="text-sm font-medium text-brand-700 underline dark:text-brand-100">
                Open in the composer
              </Link>
            </p>
          </section>
          <ReviewPreviews data={previews} />
          <section className="card space-y-3" aria-labelledby="diff-title">
            <h2 id="diff-title" className="text-base font-semibold">
              {info.diff ? `Changes since the last review (version ${info.diff.since_version})` : "Changes since the last review"}
            </h2>
            {info.diff ? (
              <>
                <DiffView label="Title" lines={info.diff.title} />
                <DiffView label="Text" lines={info.diff.content} />
              </>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">First review: there is no earlier reviewed version to compare with.</p>
            )}
          </section>
        </div>
        <div className="min-w-0 space-y-5">
          {info.canDecide && <DecisionForm contentId={item.id} version={item.version} workspaceId={actor.workspaceId} />}
          <CommentThread comments={comments} canComment={canComment} contentId={item.id} workspaceId={actor.workspaceId} />
          <ApprovalHistory rows={info.history} when={when} />
        </div>
      </div>
    </>
  );
}
