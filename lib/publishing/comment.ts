/**
 * The first comment (docs/publishing.md, First comment). Its post is published and counted first;
 * the comment then goes out on its own outbox (schedules.first_comment) with its own key, lease
 * and retries, so a comment that fails never puts the post back in the queue and a post is never
 * sent twice for its comment's sake.
 *
 * - Right after the post: the engine claims and sends the comment in the same run.
 * - It failed (5xx, 429, timeout): back to pending, retried per the schedule's retry strategy by
 *   the `first-comments` job; an unknown outcome marks it uncertain, so the next try looks on the
 *   platform first (or re-sends under the same key where the platform honours keys).
 * - A runner died while sending: its lease runs out and the next claim treats it as uncertain.
 * - Refused for good (auth, validation) or out of retries: `failed`, visible in the job monitor
 *   with a Retry comment button; the post stays published.
 */
import type { PublishComment, PublishedComment } from "@/adapters/adapter";
import { PermanentError, UnknownOutcomeError, isAdapterError, type AdapterError } from "@/adapters/errors";
import { supportsComments } from "@/adapters/comments";
import type { PlatformId } from "@/adapters/types";
import type { Db } from "@/db/client";
import {
  claimComments,
  newCommentRecord,
  saveCommentState,
  settleComment,
  type ClaimedComment,
  type CommentPart,
  type CommentRecord,
} from "@/db/queries/comments";
import { loadJob, type Job } from "@/db/queries/publishing-job";
import { log } from "../log";
import { accountContext } from "./context";
import type { EngineDeps } from "./engine";
import { decide } from "./outcome";
import { withShortLinks, type PostLinks } from "./post";
import type { RetryStrategy } from "./retry";

/** A comment call is one request (Threads: two); this is ample. */
const COMMENT_LEASE_MS = 5 * 60_000;

export const commentKeyOf = (postKey: string) => `${postKey}:comment`;

/** The comment owed after this job's post, or null (none written, or the platform has none). */
export function commentFor(job: Job, postKey: string, parent: CommentPart, links?: PostLinks): CommentRecord | null {
  const text = job.variant?.firstComment?.trim();
  if (!text || !supportsComments(job.schedule.platformId as PlatformId)) return null;
  // Links in it are tracked like the post's ("link in the first comment"); the record keeps the
  // text as sent, so every retry sends the same words.
  return newCommentRecord(withShortLinks(text, links), commentKeyOf(postKey), parent);
}

export type CommentResult = "published" | "retry" | "failed" | "lost_lease" | "gone";

function asAdapterError(err: unknown): AdapterError {
  if (isAdapterError(err)) return err;
  return new UnknownOutcomeError(`unexpected error: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

function eventData(job: Job, c: CommentRecord) {
  return {
    content_id: job.schedule.contentItemId,
    schedule_id: job.schedule.id,
    platform_id: job.schedule.platformId,
    platform_account_id: job.account.id,
    platform_post_id: job.schedule.platformPostId,
    attempts: c.attempts,
    timestamp: new Date().toISOString(),
  };
}

/** Sends one claimed comment and settles it. */
async function sendClaimed(db: Db, deps: EngineDeps, claimed: ClaimedComment): Promise<CommentResult> {
  const c = claimed.comment;
  const job = await loadJob(db, claimed.scheduleId);
  if (!job) return "gone";
  const adapter = deps.adapters(job.schedule.platformId as PlatformId);
  let result: PublishedComment | null = null;
  let failure: AdapterError | null = null;
  try {
    if (!adapter?.comment) throw new PermanentError(`${job.schedule.platformId} cannot publish comments`);
    const ctx = accountContext(db, deps, job.account);
    const comment: PublishComment = {
      idempotencyKey: c.key,
      scheduleId: claimed.scheduleId,
      text: c.text,
      parent: c.parent,
      state: { ...(c.state ?? {}) },
      saveState: async (patch) => {
        Object.assign(comment.state, patch);
        await saveCommentState(db, deps.runnerId, claimed.scheduleId, patch);
      },
    };
    // An earlier try may have reached the platform: look first, never a blind second comment.
    if (c.uncertain) result = await adapter.comment.find(ctx, comment);
    result ??= await adapter.comment.publish(ctx, comment);
  } catch (err) {
    failure = asAdapterError(err);
    if (!isAdapterError(err)) log.error("comment publisher threw a non-adapter error", { scheduleId: claimed.scheduleId, err });
  }

  if (result && !failure) {
    const done: Partial<CommentRecord> = {
      status: "published",
      id: result.id,
      url: result.url,
      uncertain: false,
      error: null,
      error_code: null,
      http_status: result.httpStatus ?? null,
      published_at: new Date().toISOString(),
    };
    const ok = await settleComment(db, deps.runnerId, claimed.scheduleId, done, {
      type: "first_comment_published",
      data: { ...eventData(job, c), comment_id: result.id, comment_url: result.url },
    });
    return ok ? "published" : "lost_lease";
  }

  const err = failure!;
  const s = job.schedule;
  const d = decide(
    err,
    { retryCount: c.attempts - 1, maxRetries: s.maxRetries, retryStrategy: s.retryStrategy as RetryStrategy, retryDelays: s.retryDelays, attempts: c.attempts },
    new Date(),
  );
  const uncertain = Boolean(c.uncertain) || err.kind === "unknown_outcome";
  const patch: Partial<CommentRecord> =
    d.status === "pending"
      ? { status: "pending", retry_at: d.retryAt.toISOString(), uncertain, error: d.errorMessage, error_code: d.errorCode, http_status: err.httpStatus }
      : { status: "failed", retry_at: null, uncertain, error: d.errorMessage, error_code: d.errorCode, http_status: err.httpStatus };
  const ok = await settleComment(db, deps.runnerId, claimed.scheduleId, patch, {
    type: "first_comment_failed",
    data: {
      ...eventData(job, c),
      error_code: d.errorCode,
      error_message: d.errorMessage,
      final: d.status !== "pending",
      next_attempt_at: d.status === "pending" ? d.retryAt.toISOString() : null,
    },
  });
  if (!ok) return "lost_lease";
  return d.status === "pending" ? "retry" : "failed";
}

/** Right after its post: sends this schedule's comment if one is owed and due. */
export async function deliverComment(db: Db, deps: EngineDeps, scheduleId: string): Promise<CommentResult | null> {
  const [claimed] = await claimComments(db, deps.runnerId, { scheduleId, limit: 1, leaseMs: COMMENT_LEASE_MS });
  return claimed ? sendClaimed(db, deps, claimed) : null;
}

/** The sweep (jobs/catalogue.ts, `first-comments`): comments whose retry is due or whose sender died. */
export async function deliverDueComments(db: Db, deps: EngineDeps, limit = 20): Promise<Record<CommentResult, number>> {
  const counts: Record<CommentResult, number> = { published: 0, retry: 0, failed: 0, lost_lease: 0, gone: 0 };
  const claimed = await claimComments(db, deps.runnerId, { limit, leaseMs: COMMENT_LEASE_MS });
  for (const c of claimed) counts[await sendClaimed(db, deps, c)]++;
  return counts;
}
