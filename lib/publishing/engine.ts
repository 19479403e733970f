/**
 * One claimed schedule, start to finish (docs/publishing.md, One attempt, step by step): gates,
 * rate limit, attempt row, the adapter call (or unknown-outcome recovery), outcome, events. Both
 * runners call this; they only decide when.
 */
import type { AdapterContext, PlatformAdapter, PublishPost, PublishResult } from "@/adapters/adapter";
import { AdapterError, UnknownOutcomeError, isAdapterError } from "@/adapters/errors";
import type { AdapterLookup } from "@/adapters/runtime";
import { validateFor } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import type { Db } from "@/db/client";
import {
  finishAttempt,
  markOrphanedAttempts,
  recordAdapterState,
  recordPart,
  settleClaim,
  type AttemptOutcome,
  type ClaimedRow,
} from "@/db/queries/publishing";
import { flagAccount, loadJob, notifyAdmins, pauseAccount, settleContentStatus, type Job } from "@/db/queries/publishing-job";
import type { Keyring } from "../crypto";
import { accountContext } from "./context";
import { log } from "../log";
import { limitsFor } from "./bucket";
import { directWrites, type EngineWrites } from "./writes";
import { deferForBucket, markPausedWaits } from "./rate-wait";
import { emitEvent } from "@/lib/events";
import { checkGates } from "../gates";
import { needsApproval } from "../approvals/state";
import { decide } from "./outcome";
import { commentFor, deliverComment } from "./comment";
import { buildPost, idempotencyKeyOf, jobDraft, linkTexts, type PostEnv, type PostLinks } from "./post";
import { draftToCount, shortenJobLinks, trackingOf, type Tracking } from "../links";
import { readLinkTracking } from "../links/settings";
import { readGates } from "../gates/rules";
import type { RetryStrategy } from "./retry";

export interface EngineDeps extends PostEnv {
  runnerId: string;
  adapters: AdapterLookup;
  keyring: Keyring;
  fetch: typeof fetch;
  publishTimeoutMs: number;
  /** Refresh OAuth tokens that expire within this many ms. */
  refreshAheadMs?: number;
  /** How the per-post writes reach the database: merged across posts by a dispatcher, else one by one. */
  writes?: EngineWrites;
}

export type ProcessResult =
  | "published"
  | "found_existing"
  | "retry"
  | "failed"
  | "dead_letter"
  | "rate_wait"
  | "held"
  | "cancelled"
  | "expired"
  | "lost_lease"
  | "gone";

async function refreshIfDue(db: Db, deps: EngineDeps, adapter: PlatformAdapter, ctx: AdapterContext, job: Job) {
  const expires = job.account.tokenExpiresAt;
  if (!adapter.refreshToken || !expires) return;
  const now = Date.now();
  if (expires.getTime() - now > (deps.refreshAheadMs ?? 5 * 60_000)) return;
  try {
    const fresh = await adapter.refreshToken(ctx);
    await ctx.saveCredentials!(fresh.credentials, fresh.expiresAt);
  } catch (err) {
    // A network blip with a token still valid: go on with it. Otherwise the publish fails below.
    if (isAdapterError(err) && err.kind !== "auth" && expires.getTime() > now) return;
    throw err;
  }
}

async function markNeedsReconnect(db: Db, job: Job, reason: string) {
  const flagged = await flagAccount(db, job.account.id, "needs_reconnect", reason);
  if (!flagged || job.account.status === "needs_reconnect") return;
  await notifyAdmins(db, job.schedule.workspaceId, {
    type: "account_needs_reconnect",
    title: `${job.account.name} needs reconnecting`,
    body: reason,
    link: "/settings/accounts",
    data: { platform_account_id: job.account.id },
  });
  await emitEvent(db, job.schedule.workspaceId, "account_needs_reconnect", { platform_account_id: job.account.id, reason });
}

function eventBase(job: Job) {
  return { content_id: job.schedule.contentItemId, schedule_id: job.schedule.id, platform_id: job.schedule.platformId, platform_account_id: job.account.id };
}

/** Ends a claimed row without an attempt (gates): cancelled, expired, held, failed validation. */
async function endWithout(db: Db, deps: EngineDeps, job: Job, status: "cancelled" | "expired" | "paused" | "failed", code: string, message: string) {
  const ok = await settleClaim(db, deps.runnerId, job.schedule.id, { publishStatus: status, errorCode: code, errorMessage: message });
  if (!ok) return false;
  if (status === "failed" || status === "expired") {
    await emitEvent(db, job.schedule.workspaceId, "publishing_failed", {
      ...eventBase(job),
      error_code: code,
      error_message: message,
      retry_count: job.schedule.retryCount,
      timestamp: new Date().toISOString(),
    });
  }
  await settleContentStatus(db, job.schedule.contentItemId);
  return true;
}

/** Gates that stop a post before any call; returns the result when one applied. */
async function gate(db: Db, deps: EngineDeps, job: Job, adapter: PlatformAdapter | null, tracking: Tracking | null): Promise<ProcessResult | null> {
  const { content, account } = job;
  if (content.archivedAt || content.status === "archived") {
    await endWithout(db, deps, job, "cancelled", "content_archived", "The content was archived before it was due.");
    return "cancelled";
  }
  if (content.expiresAt && content.expiresAt.getTime() <= Date.now()) {
    await endWithout(db, deps, job, "expired", "content_expired", `The content expired at ${content.expiresAt.toISOString()} and was not published.`);
    return "expired";
  }
  // Content that needs approval and is not approved is never published: the schedule is held
  // (paused, `awaiting_approval`) until approval releases it (lib/approvals) or the missed window
  // expires it (missed.ts).
  if (needsApproval(job.approvalPolicy, job.rolesSinceApproval)) {
    await endWithout(db, deps, job, "paused", "awaiting_approval", "Held: the workspace requires approval and this version of the content is not approved.");
    return "held";
  }
  if (!adapter) {
    await endWithout(db, deps, job, "failed", "platform_unavailable", `Publishing to ${job.schedule.platformId} is not available in this version.`);
    return "failed";
  }
  if (account.status === "disabled" || account.status === "needs_reconnect") {
    const why = account.status === "disabled" ? "is disabled" : `needs reconnecting${account.statusReason ? ` (${account.statusReason})` : ""}`;
    await endWithout(db, deps, job, "failed", "account_unavailable", `The account ${account.name} ${why}. Reconnect it, then retry this post.`);
    return "failed";
  }
  // Tracked links are counted as the short links the platform will get.
  const errors = validateFor(job.schedule.platformId as PlatformId, draftToCount(jobDraft(job), tracking), account.config as Record<string, unknown>).filter(
    (i) => i.severity === "error",
  );
  if (errors.length) {
    await endWithout(db, deps, job, "failed", "validation", errors.map((e) => e.message).join(" "));
    return "failed";
  }
  // The workspace's quality gates, again right before the call: content may have changed since review.
  const findings = await checkGates(
    db,
    job.schedule.workspaceId,
    { ...job.content, authorName: null },
    { stage: "publish", platforms: [job.schedule.platformId as PlatformId], rules: readGates(job.settings.qualityGates), tracking },
  );
  const blocking = findings.filter((f) => f.severity === "error");
  if (blocking.length) {
    await endWithout(db, deps, job, "failed", "quality_gates", `Blocked by the quality gates: ${blocking.map((f) => f.message).join("; ")}`);
    return "failed";
  }
  return null;
}

function asAdapterError(err: unknown): AdapterError {
  if (isAdapterError(err)) return err;
  // A bug or an unexpected throw mid-call: we cannot know whether the post went out.
  return new UnknownOutcomeError(`unexpected error: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

/**
 * Publishes one claimed row. `preloaded` comes from the dispatcher's batch load (loadJobs); a
 * single claim (Trigger.dev run) loads its own.
 */
export async function processClaim(db: Db, deps: EngineDeps, claim: ClaimedRow, preloaded?: Job | null): Promise<ProcessResult> {
  const job = preloaded ?? (await loadJob(db, claim.id));
  if (!job) return "gone";
  const adapter = deps.adapters(job.schedule.platformId as PlatformId);
  if (claim.recovering) await markOrphanedAttempts(db, claim.id);
  const writes = deps.writes ?? directWrites(db);
  const tracking = trackingOf(readLinkTracking(job.settings.linkTracking), job.content.linkTracking);
  const gated = await gate(db, deps, job, adapter, tracking);
  if (gated) return gated;
  const platform = adapter!;

  const history = job.history;
  const recovering = claim.recovering || history.last === "unknown_outcome" || history.last === "in_progress";
  if (!recovering) {
    const token = await writes.takeToken(job.account.id, limitsFor(platform.descriptor, job.account.rateLimit));
    if (!token.ok) {
      await deferForBucket(db, deps.runnerId, claim.id, new Date(Date.now() + token.waitMs));
      return "rate_wait";
    }
  }

  const key = idempotencyKeyOf(job.schedule);
  const started = Date.now();
  const attemptId = await writes.startAttempt({
    scheduleId: claim.id,
    attemptNumber: history.count + 1,
    runnerId: deps.runnerId,
    idempotencyKey: key,
    workspaceId: job.schedule.workspaceId,
    event: { ...eventBase(job), attempt: history.count + 1, timestamp: new Date(started).toISOString() },
  });

  let result: PublishResult | null = null;
  let outcome: AttemptOutcome = "success";
  let failure: AdapterError | null = null;
  let post: PublishPost | null = null;
  let links: PostLinks | undefined;
  try {
    const ctx = accountContext(db, deps, job.account);
    await refreshIfDue(db, deps, platform, ctx, job);
    links = tracking ? { base: tracking.base, short: await shortenJobLinks(db, job, tracking, linkTexts(job)) } : undefined;
    post = buildPost(
      job,
      deps,
      {
        // findExisting may record parts it found; the publish that follows resumes after them.
        onPartPublished: async (part) => {
          post!.publishedParts = [...post!.publishedParts, part];
          await recordPart(db, deps.runnerId, claim.id, part);
        },
        saveState: async (patch) => {
          Object.assign(post!.state, patch);
          await recordAdapterState(db, deps.runnerId, claim.id, patch);
        },
      },
      links,
    );
    // Unknown outcome before: look first and send only if the post is certainly not there. Where
    // the platform honours keys the re-send carries the same one anyway, and the adapter's lookup
    // is cheap or empty (Mastodon only searches once its key window has passed).
    if (recovering) {
      result = await platform.findExisting(ctx, post);
      if (result) outcome = "found_existing";
    }
    result ??= await platform.publish(ctx, post);
  } catch (err) {
    failure = asAdapterError(err);
    outcome = failure.kind === "retryable" ? "retryable" : failure.kind;
    if (!isAdapterError(err)) log.error("adapter threw a non-adapter error", { scheduleId: claim.id, err });
  }
  const durationMs = Date.now() - started;

  if (result && !failure) {
    // The comment answers the post's first part (with its platform extras: Bluesky's cid).
    const first = post?.publishedParts.find((p) => p.index === 0) ?? result.parts?.[0] ?? { index: 0, id: result.platformPostId, url: result.url };
    const firstComment = commentFor(job, key, first, links);
    const settled = await writes.settleSuccess({
      runnerId: deps.runnerId,
      scheduleId: claim.id,
      attemptId,
      outcome: outcome === "found_existing" ? "found_existing" : "success",
      platformPostId: result.platformPostId,
      url: result.url,
      durationMs,
      httpStatus: result.httpStatus ?? null,
      responseExcerpt: result.responseExcerpt ?? null,
      event: {
        ...eventBase(job),
        platform_post_id: result.platformPostId,
        url: result.url,
        found_existing: outcome === "found_existing",
        first_comment: firstComment ? { status: firstComment.status } : null,
        timestamp: new Date().toISOString(),
      },
      firstComment,
    });
    if (!settled) return "lost_lease";
    // The post is out and counted; its comment follows on its own outbox (comment.ts), so nothing
    // that happens to the comment can touch the post.
    if (firstComment) {
      await deliverComment(db, deps, claim.id).catch((err: unknown) => log.error("first comment delivery failed", { scheduleId: claim.id, err }));
    }
    return outcome === "found_existing" ? "found_existing" : "published";
  }

  await finishAttempt(db, attemptId, {
    outcome,
    durationMs,
    httpStatus: failure!.httpStatus,
    responseExcerpt: failure!.responseExcerpt,
    errorMessage: failure!.message,
  });
  const ws = job.schedule.workspaceId;
  const err = failure!;
  const d = decide(
    err,
    {
      retryCount: job.schedule.retryCount,
      maxRetries: job.schedule.maxRetries,
      retryStrategy: job.schedule.retryStrategy as RetryStrategy,
      retryDelays: job.schedule.retryDelays,
      attempts: history.count + 1,
    },
    new Date(),
  );
  if (d.status === "pending") {
    if (d.pauseAccountUntil) await pauseAccount(db, job.account.id, d.pauseAccountUntil);
    const ok = await settleClaim(db, deps.runnerId, claim.id, {
      publishStatus: "pending",
      scheduledTime: d.retryAt,
      retryCount: d.retryCount,
      errorCode: d.errorCode,
      errorMessage: d.errorMessage,
    });
    if (!ok) return "lost_lease";
    // Everything the pause holds back (this row included) says what it waits for, and until when.
    if (d.pauseAccountUntil) await markPausedWaits(db, job.account.id);
  } else {
    const ok = await settleClaim(db, deps.runnerId, claim.id, {
      publishStatus: d.status,
      retryCount: d.retryCount,
      errorCode: d.errorCode,
      errorMessage: d.errorMessage,
    });
    if (!ok) return "lost_lease";
    if (d.needsReconnect) await markNeedsReconnect(db, job, err.message);
    await settleContentStatus(db, job.schedule.contentItemId);
  }
  await emitEvent(db, ws, "publishing_failed", {
    ...eventBase(job),
    error_code: d.errorCode,
    error_message: d.errorMessage,
    retry_count: d.retryCount,
    final: d.status !== "pending",
    status: d.status,
    next_attempt_at: d.status === "pending" ? d.retryAt.toISOString() : null,
    timestamp: new Date().toISOString(),
  });
  return d.status === "pending" ? "retry" : d.status;
}
