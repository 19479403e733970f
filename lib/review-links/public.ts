/**
 * What a reviewer without an account can do with a review link: read the posts it covers, and
 * approve or request changes on each once. The token is the only credential; it is looked up by
 * its hash, and every request counts against the link's and the client address's allowance.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getContentRow, type ContentRow } from "@/db/queries/content";
import { lockContentRow } from "@/db/queries/content-versions";
import { latestRequest } from "@/db/queries/approvals";
import { getWorkspace } from "@/db/queries/workspaces";
import { decisionOf, decisionsOfLinks, insertReviewDecision, reviewLinkByHash, scheduleTimesOf, type ReviewLinkRow } from "@/db/queries/review-links";
import { emitEvent } from "@/lib/events";
import { getConfig } from "../config";
import { hashToken } from "../crypto";
import { AppError } from "../errors";
import { consumeRateLimit, rateLimited } from "../rate-limit";
import { approvalState } from "../approvals/state";
import { decideExternally } from "../approvals/external";
import { dayStart } from "../time";
import type { ReviewDecisionInput } from "../validation/review-links";
import { linkStatus } from "./manage";
import { itemsInRange } from "./items";
import { reviewPreviews } from "../approvals/previews";
import { mediaSigningKey, publicMediaUrl } from "../media/public-url";

const TOKEN_RE = /^rvw_[A-Za-z0-9_-]{20,}$/;

const unknownLink = () => new AppError("not_found:review_link", "This review link does not exist. Check that you copied all of it.");

/**
 * Counts a request against the link and the address (both must be within their allowance). An
 * unknown token counts against the address only, so guessing links is limited too.
 */
export async function limitReviewRequest(db: Db, token: string, address: string) {
  const { reviewPerMinute, reviewAddrPerMinute } = getConfig().rateLimit;
  const byAddr = await consumeRateLimit(db, `review_addr:${address}`, reviewAddrPerMinute);
  if (byAddr && !byAddr.allowed) throw rateLimited(byAddr);
  if (!TOKEN_RE.test(token)) return;
  const byLink = await consumeRateLimit(db, `review_link:${hashToken(token).slice(0, 32)}`, reviewPerMinute);
  if (byLink && !byLink.allowed) throw rateLimited(byLink);
}

/** The link behind a token: 404 when there is none, 410 when it was revoked or has expired. */
export async function openLink(db: Db, token: string, now = new Date()): Promise<ReviewLinkRow> {
  const link = TOKEN_RE.test(token) ? await reviewLinkByHash(db, hashToken(token)) : null;
  if (!link) throw unknownLink();
  const status = linkStatus(link, now);
  if (status === "revoked")
    throw new AppError("gone:review_link_revoked", "This review link was withdrawn by the team that shared it. Ask them for a new one.");
  if (status === "expired") throw new AppError("gone:review_link_expired", "This review link has expired. Ask the team that shared it for a new one.");
  return link;
}

/** The ids of the posts the link covers now: its list, or what is scheduled in its range today. */
async function coveredIds(db: Db, link: ReviewLinkRow): Promise<string[]> {
  if (link.kind === "items") return link.contentIds ?? [];
  const from = dayStart(link.startDate!, link.timezone);
  const to = dayStart(link.endDate!, link.timezone, 1);
  if (!from || !to) return [];
  return (await itemsInRange(db, link.workspaceId, from, to)).map((r) => r.contentItemId);
}

export interface ReviewItem {
  item: ContentRow;
  /** The version when the link was made differs: the reviewer is told the post was edited since. */
  changedSinceShared: boolean;
  approvalState: string;
  times: { scheduledTime: Date; platformId: string; accountName: string; publishStatus: string }[];
  decision: Awaited<ReturnType<typeof decisionsOfLinks>>[number] | null;
  canDecide: boolean;
}

/** The link's posts as the reviewer sees them now. */
export async function reviewItems(db: Db, link: ReviewLinkRow): Promise<ReviewItem[]> {
  const ids = await coveredIds(db, link);
  const rows = (await Promise.all(ids.map((id) => getContentRow(db, link.workspaceId, id)))).filter((r): r is ContentRow => !!r);
  const [times, decisions, latest] = await Promise.all([
    scheduleTimesOf(
      db,
      link.workspaceId,
      rows.map((r) => r.id),
    ),
    decisionsOfLinks(db, [link.id]),
    Promise.all(rows.map((r) => latestRequest(db, r.id))),
  ]);
  const versions = link.itemVersions as Record<string, number>;
  return rows.map((item, i) => {
    const state = approvalState(latest[i] ?? null, item.version);
    const decision = decisions.find((d) => d.contentItemId === item.id) ?? null;
    return {
      item,
      changedSinceShared: versions[item.id] !== undefined && versions[item.id] !== item.version,
      approvalState: state,
      times: times.filter((t) => t.contentItemId === item.id),
      decision,
      canDecide: !decision && state !== "approved" && item.status !== "published" && item.status !== "archived",
    };
  });
}

export async function reviewView(db: Db, token: string, now = new Date()) {
  const link = await openLink(db, token, now);
  const [ws, items] = await Promise.all([getWorkspace(db, link.workspaceId), reviewItems(db, link)]);
  return { link, workspaceName: ws?.name ?? "Workspace", items };
}

/**
 * One decision on one post of the link. The reviewer names the version they read: a post edited
 * since is refused (409 conflict:version), never approved in its new wording unseen.
 */
export async function decideOnLink(db: Db, token: string, input: ReviewDecisionInput, ip: string | null, now = new Date()) {
  const link = await openLink(db, token, now);
  if (!(await coveredIds(db, link)).includes(input.content_id)) throw new AppError("not_found:content", "This post is not part of this review link.");
  const comment = input.comment?.trim() || null;
  if (input.decision === "request_changes" && !comment) {
    throw new AppError("bad_request:validation", "comment: say what should change (a comment is required to request changes)", [
      { field: "comment", message: "say what should change" },
    ]);
  }
  return db.transaction(async (tx) => {
    if (!(await lockContentRow(tx, link.workspaceId, input.content_id))) throw new AppError("not_found:content", "This post no longer exists.");
    const item = (await getContentRow(tx, link.workspaceId, input.content_id))!;
    if (item.version !== input.version) {
      throw new AppError(
        "conflict:version",
        `This post was edited after you opened the page (you read version ${input.version}, it is now version ${item.version}). Reload the page and read it again before deciding.`,
      );
    }
    if (await decisionOf(tx, link.id, item.id)) throw new AppError("conflict:already_decided", "A decision on this post was already given through this link.");
    const { outcome, approvalRequestId } = await decideExternally(tx, item, {
      decision: input.decision,
      name: input.name,
      comment,
      via: `through the review link${link.label ? ` "${link.label}"` : ""}`,
    });
    const row = await insertReviewDecision(tx, {
      reviewLinkId: link.id,
      workspaceId: link.workspaceId,
      contentItemId: item.id,
      contentVersion: item.version,
      decision: input.decision,
      outcome,
      reviewerName: input.name,
      comment,
      approvalRequestId,
    });
    if (!row) throw new AppError("conflict:already_decided", "A decision on this post was already given through this link.");
    const actor = { workspaceId: link.workspaceId, userId: null, tokenId: null, ip };
    await writeAudit(tx, actor, {
      action: "review_link.decide",
      entityType: "content",
      entityId: item.id,
      after: {
        external_actor: input.name,
        review_link_id: link.id,
        decision: input.decision,
        outcome,
        version: item.version,
        comment,
      },
    });
    await emitEvent(tx, link.workspaceId, "review_decided", {
      review_link_id: link.id,
      content_item_id: item.id,
      title: item.title,
      author_id: item.authorId,
      reviewer_name: input.name,
      decision: input.decision,
      outcome,
      content_version: item.version,
      comment,
    });
    return row;
  });
}

/**
 * A post's previews for a reviewer without a session: its images and videos come through signed,
 * expiring links on this server (the media API would ask them to sign in).
 */
export async function guestPreviews(db: Db, item: ContentRow, now = Date.now()) {
  const previews = await reviewPreviews(db, item);
  const key = mediaSigningKey(getConfig().encryptionKey);
  return { ...previews, media: previews.media.map((m) => ({ ...m, url: publicMediaUrl("", key, m.id, now) })) };
}
