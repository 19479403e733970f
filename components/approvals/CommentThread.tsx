"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { addCommentAction } from "@/app/_actions/approvals";
import type { CommentOut } from "@/lib/approvals/comments";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useToast } from "@/components/ui/Toast";
import { useFormat } from "@/components/ui/FormatProvider";

function CommentForm({
  contentId,
  workspaceId,
  parentId,
  label,
  onDone,
}: {
  contentId: string;
  workspaceId: string;
  parentId?: string;
  label: string;
  onDone?: () => void;
}) {
  const [body, setBody] = useState("");
  const { pending, error, run } = useActionRunner();
  const router = useRouter();
  const notify = useToast();
  const fieldId = `comment-${parentId ?? "new"}`;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => addCommentAction({ id: contentId, body, ...(parentId ? { parent_id: parentId } : {}) }, workspaceId),
          (c) => {
            setBody("");
            notify(c.mentions.length ? `Comment posted; mentioned ${c.mentions.map((m) => m.name).join(", ")}` : "Comment posted");
            onDone?.();
            router.refresh();
          },
        );
      }}
    >
      <label htmlFor={fieldId} className="label">
        {label}
      </label>
      <textarea
        id={fieldId}
        className="input min-h-20"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        placeholder="Write a comment; @name mentions a member"
      />
      <FormError message={error} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Posting…" : parentId ? "Reply" : "Comment"}
      </button>
    </form>
  );
}

function Comment({
  c,
  replies,
  canComment,
  contentId,
  workspaceId,
}: {
  c: CommentOut;
  replies: CommentOut[];
  canComment: boolean;
  contentId: string;
  workspaceId: string;
}) {
  const [replying, setReplying] = useState(false);
  const f = useFormat();
  return (
    <li className="rounded-md border border-slate-200 p-3 dark:border-slate-700" data-testid="comment">
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <span className="font-medium text-slate-800 dark:text-slate-200">{c.author_name ?? "Former member"}</span> ·{" "}
        <time dateTime={c.created_at}>{f.dateTime(c.created_at)}</time>
      </p>
      <p className="mt-1 whitespace-pre-wrap break-words text-sm">{c.body}</p>
      {c.mentions.length > 0 && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Mentions: {c.mentions.map((m) => m.name).join(", ")}</p>}
      {replies.length > 0 && (
        <ul className="mt-2 space-y-2 border-l-2 border-slate-200 pl-3 dark:border-slate-700" aria-label="Replies">
          {replies.map((r) => (
            <li key={r.id} data-testid="reply">
              <p className="text-xs text-slate-600 dark:text-slate-400">
                <span className="font-medium text-slate-800 dark:text-slate-200">{r.author_name ?? "Former member"}</span> ·{" "}
                <time dateTime={r.created_at}>{f.dateTime(r.created_at)}</time>
              </p>
              <p className="whitespace-pre-wrap break-words text-sm">{r.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canComment &&
        (replying ? (
          <div className="mt-2">
            <CommentForm contentId={contentId} workspaceId={workspaceId} parentId={c.id} label="Your reply" onDone={() => setReplying(false)} />
          </div>
        ) : (
          <button type="button" className="mt-2 text-sm font-medium text-brand-700 underline dark:text-brand-100" onClick={() => setReplying(true)}>
            Reply
          </button>
        ))}
    </li>
  );
}

/** The review thread: top-level comments with their replies, and a form for those who may comment. */
export function CommentThread({
  comments,
  canComment,
  contentId,
  workspaceId,
}: {
  comments: CommentOut[];
  canComment: boolean;
  contentId: string;
  workspaceId: string;
}) {
  const top = comments.filter((c) => !c.parent_id || !comments.some((p) => p.id === c.parent_id));
  return (
    <section className="card space-y-3" aria-labelledby="thread-title">
      <h2 id="thread-title" className="text-base font-semibold">
        Review comments ({comments.length})
      </h2>
      {top.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No comments yet. Reviewers&apos; notes and replies appear here.</p>
      ) : (
        <ul className="space-y-2">
          {top.map((c) => (
            <Comment
              key={c.id}
              c={c}
              replies={comments.filter((r) => r.parent_id === c.id)}
              canComment={canComment}
              contentId={contentId}
              workspaceId={workspaceId}
            />
          ))}
        </ul>
      )}
      {canComment && <CommentForm contentId={contentId} workspaceId={workspaceId} label="Add a comment" />}
    </section>
  );
}
