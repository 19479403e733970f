import type { FirstCommentView } from "@/lib/scheduling/comment-view";
import type { PublishedLink as Link } from "@/lib/scheduling/published-link";
import { PublishedLink } from "@/components/schedules/PublishedLink";
import { RetryCommentButton } from "./RetryCommentButton";

const LABEL: Record<FirstCommentView["status"], string> = {
  pending: "waiting to be sent",
  sending: "being sent",
  published: "published",
  failed: "failed",
};

/** The first comment under a post: its status, link, and why it is not out yet. */
export function FirstCommentStatus(props: { comment: FirstCommentView; link: Link | null; nextAttempt: string | null; retry?: { scheduleId: string } }) {
  const { comment: c } = props;
  const tone =
    c.status === "failed"
      ? "text-red-700 dark:text-red-300"
      : c.status === "published"
        ? "text-emerald-800 dark:text-emerald-300"
        : "text-amber-800 dark:text-amber-200";
  return (
    <div className="mt-3 rounded border border-slate-200 p-3 text-sm dark:border-slate-700" data-testid="first-comment-status">
      <p>
        <span className="font-medium">First comment</span> · <span className={tone}>{LABEL[c.status]}</span>
        {c.attempts > 1 && ` · ${c.attempts} attempts`}
        {props.nextAttempt && ` · next try ${props.nextAttempt}`}
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words text-slate-700 dark:text-slate-300">{c.text}</p>
      {c.error && <p className="mt-1 text-red-700 dark:text-red-300">{c.error}</p>}
      {props.retry && c.status === "failed" && <RetryCommentButton scheduleId={props.retry.scheduleId} />}
      {props.link && <PublishedLink link={{ ...props.link, label: props.link.label.replace("View", "View comment") }} className="mt-1 inline-block" />}
    </div>
  );
}
