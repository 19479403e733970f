import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { findContent } from "@/lib/content";
import { mediaByIds } from "@/lib/media/store";
import { listContentVariants } from "@/lib/content/variants";
import { splitThread } from "@/lib/content/post-draft";
import { readPostLinkTracking } from "@/lib/links/settings";
import { postClicks } from "@/lib/links";
import { formatFor } from "@/app/_server/format";
import { LinkClicks } from "@/components/links/LinkClicks";
import { listSchedules } from "@/lib/scheduling/schedules";
import { scheduleListQuery } from "@/lib/validation/schedules";
import { scheduleRowView } from "@/lib/scheduling/details";
import { prefillSchedule, NO_RECURRENCE } from "@/lib/composer/schedule";
import type { ComposerInitial, ItemApproval, ScheduleSummary } from "@/lib/composer/types";
import { openSchedulesOf } from "@/lib/composer/edit-schedules";
import { isPlatformId } from "@/adapters/registry";
import { PageHeader } from "@/components/ui/PageHeader";
import { Composer } from "@/components/composer/Composer";
import { ReadOnlyContent } from "@/components/composer/ReadOnlyContent";
import { ScheduleList } from "@/components/composer/ScheduleList";
import { composerContext, timeZones } from "../new/data";
import { approvalInfo } from "@/lib/approvals/review";
import { listReviewComments } from "@/lib/approvals/comments";
import { isApprover } from "@/lib/approvals/state";
import { ApprovalPanel } from "@/components/approvals/ApprovalPanel";
import { CommentThread } from "@/components/approvals/CommentThread";

export const metadata: Metadata = { title: "Content" };

/** One content item: the composer to edit it, or a read-only view for viewers and finished posts. */
export default async function ContentPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { db, actor } = await requireMember();
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const item = await findContent(db, actor, id);
  if (!item) notFound();
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

  const [variants, media, scheduled, ctx, review, comments, open, clicks, fmt] = await Promise.all([
    listContentVariants(db, actor, id),
    mediaByIds(db, actor, item.mediaIds ?? []),
    listSchedules(db, actor, scheduleListQuery.parse({ content_item_id: id, limit: 100 })),
    composerContext(db, actor),
    approvalInfo(db, actor, id),
    listReviewComments(db, actor, id),
    openSchedulesOf(db, actor, id),
    can(actor.role, "analytics:read") ? postClicks(db, actor, id) : null,
    formatFor(db, actor),
  ]);
  const schedules = scheduled.items.map(scheduleRowView) satisfies ScheduleSummary[];
  // The next open schedule prefills the picker, unless its time has passed (a post going out now).
  const now = new Date();
  const next = open.find((s) => new Date(s.at) > now);
  const initial: ComposerInitial = {
    id: item.id,
    version: item.version,
    status: item.status,
    title: item.title,
    body: item.contentType === "thread" ? "" : item.content,
    contentType: item.contentType,
    parts: item.contentType === "thread" ? splitThread(item.content) : [""],
    tags: item.tags,
    media: media.map((m) => ({
      id: m.id,
      filename: m.filename,
      mimeType: m.mimeType,
      sizeBytes: m.sizeBytes,
      width: m.width,
      height: m.height,
      durationMs: m.durationMs,
      altText: m.altText,
    })),
    variants: Object.fromEntries(variants.filter((v) => v.text != null && isPlatformId(v.platform)).map((v) => [v.platform, v.text as string])),
    firstComments: Object.fromEntries(
      variants.filter((v) => v.firstComment != null && isPlatformId(v.platform)).map((v) => [v.platform, v.firstComment as string]),
    ),
    accountIds: [...new Set(open.map((s) => s.accountId))],
    schedule: next
      ? { date: next.localTime.slice(0, 10), time: next.localTime.slice(11, 16), zone: next.timezone }
      : prefillSchedule({ at: one(sp.at), zone: one(sp.zone) }, ctx.zone),
    recurrence: NO_RECURRENCE,
    open,
    anchorId: next?.id ?? null,
    linkTracking: readPostLinkTracking(item.linkTracking),
  };
  const itemApproval: ItemApproval = { waiting: review.required, canSubmit: review.canSubmit, inReview: review.state === "in_review" };
  // Never a bare "scheduled" for content that cannot go out until a reviewer approves it.
  const statusLabel = item.status === "scheduled" && review.required ? "scheduled — waiting for approval" : item.status.replaceAll("_", " ");
  const finished = item.status === "published" || item.status === "archived";
  const editable = can(actor.role, "content:write") && !finished;
  const reason = !can(actor.role, "content:write")
    ? "You can read this content; viewers cannot change it."
    : `This content is ${item.status}: it can no longer be edited.`;

  return (
    <>
      <PageHeader title={editable ? "Edit content" : item.title} description={`Status: ${statusLabel} · version ${item.version}`} />
      <div className="space-y-5">
        {(review.policy.approvalPolicy !== "off" || review.state !== "draft") && (
          <ApprovalPanel info={review} workspaceId={actor.workspaceId} showReviewLink={review.state !== "draft"} />
        )}
        <ScheduleList schedules={schedules} canWrite={can(actor.role, "schedules:write")} waitingForApproval={review.required} />
        {clicks?.links?.length ? (
          <LinkClicks
            rows={clicks.rows}
            total={clicks.total}
            enabled
            postLinks={false}
            day={(d) => fmt.withZone("UTC").date(`${d}T00:00:00Z`)}
            number={(n) => fmt.number(n)}
          />
        ) : null}
        {editable ? (
          <Composer
            key={item.version}
            initial={initial}
            accounts={ctx.accounts}
            zones={timeZones()}
            approval={ctx.approval}
            snippets={ctx.snippets}
            itemApproval={itemApproval}
            linkTracking={ctx.linkTracking}
          />
        ) : (
          <ReadOnlyContent item={initial} reason={reason} />
        )}
        {comments.length > 0 && (
          <CommentThread
            comments={comments}
            canComment={can(actor.role, "content:write") || isApprover(review.policy, actor)}
            contentId={id}
            workspaceId={actor.workspaceId}
          />
        )}
      </div>
    </>
  );
}
