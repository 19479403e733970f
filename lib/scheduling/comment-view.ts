/**
 * What the API and the job monitor show of a schedule's first comment (its outbox record in
 * schedules.first_comment, lib/publishing/comment.ts). Pure, so a screen can use it.
 */
export interface FirstCommentView {
  status: "pending" | "sending" | "published" | "failed";
  text: string;
  id: string | null;
  url: string | null;
  attempts: number;
  error: string | null;
  next_attempt_at: string | null;
  published_at: string | null;
}

const STATUSES = ["pending", "sending", "published", "failed"] as const;
const strOrNull = (v: unknown) => (typeof v === "string" && v ? v : null);

export function firstCommentView(raw: unknown): FirstCommentView | null {
  if (!raw || typeof raw !== "object") return null;
  const r = raw as Record<string, unknown>;
  const status = STATUSES.find((s) => s === r.status);
  if (!status || typeof r.text !== "string") return null;
  return {
    status,
    text: r.text,
    id: strOrNull(r.id),
    url: strOrNull(r.url),
    attempts: typeof r.attempts === "number" ? r.attempts : 0,
    error: status === "published" ? null : strOrNull(r.error),
    next_attempt_at: status === "pending" ? strOrNull(r.retry_at) : null,
    published_at: strOrNull(r.published_at),
  };
}
