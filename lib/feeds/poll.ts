/**
 * Polling a feed: a conditional GET, then every item not seen before becomes a post. New items are
 * recorded under a unique (feed, item key) index first, so an item becomes one post however many
 * runners, restarts or "Poll now" clicks race for it. The first successful poll of a feed only
 * marks what is there as seen (or, with first_poll "newest", also posts the newest item).
 *
 * A feed's posts are machine-made: their versions are recorded under the role `system`, which both
 * approval policies cover. In mode "queue" the post goes into each account's queue exactly as the
 * queue API puts any post there; when the workspace requires approval, the schedule is held
 * (paused, awaiting_approval) at its time until someone approves the post, never published unread.
 */
import type { Db } from "@/db/client";
import { claimDueFeeds, getFeedRow, insertNewItems, setItemOutcome, updateFeedRow, type FeedRow } from "@/db/queries/feeds";
import { emitEvent } from "../events";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { createContent } from "../content";
import { queueContent } from "../scheduling/queue";
import { log } from "../log";
import type { FeedDeps } from "./deps";
import { fetchFeed, FeedFetchError } from "./fetch";
import { FeedParseError, parseFeedBody, type ParsedItem } from "./parse";
import { renderTemplate } from "./template";

/** More new items than this in one poll (a feed that was rebuilt, a URL switched) are marked seen, not posted. */
export const MAX_POSTS_PER_POLL = 20;
/** The longest wait between polls of a failing feed. */
export const MAX_BACKOFF_MINUTES = 24 * 60;

export interface PollResult {
  status: "ok" | "not_modified" | "error";
  error: string | null;
  /** Items not seen before. */
  new_items: number;
  drafts: number;
  queued: number;
  /** New items recorded without a post (the first poll, or past the per-poll cap). */
  marked_seen: number;
  first_poll: boolean;
  created: { feed_item_id: string; content_item_id: string; title: string; schedule_ids: string[]; note: string | null }[];
  next_check_at: string;
}

/** Minutes to the next poll after `failures` failed polls in a row: doubling from the interval, capped. */
export function backoffMinutes(intervalMinutes: number, failures: number): number {
  if (failures <= 0) return intervalMinutes;
  return Math.min(intervalMinutes * 2 ** Math.min(failures, 20), Math.max(intervalMinutes, MAX_BACKOFF_MINUTES));
}

/** Who a feed's posts are made by: its creator, as a machine (role `system` on the versions). */
function feedActor(feed: FeedRow): Actor {
  return { userId: feed.createdBy, tokenId: null, workspaceId: feed.workspaceId, role: "editor", system: "feed" };
}

function postOf(feed: FeedRow, item: ParsedItem) {
  const title = (item.title || item.link || "Feed item").slice(0, 300);
  const content = renderTemplate(feed.template, item) || item.link || title;
  return { title, content: content.slice(0, 200_000), summary: item.summary ? item.summary.slice(0, 2000) : null };
}

async function fail(db: Db, feed: FeedRow, message: string, now: Date): Promise<PollResult> {
  const failures = feed.consecutiveFailures + 1;
  const next = new Date(now.getTime() + backoffMinutes(feed.pollIntervalMinutes, failures) * 60_000);
  await db.transaction(async (tx) => {
    await updateFeedRow(tx, feed.workspaceId, feed.id, {
      lastCheckedAt: now,
      lastStatus: "error",
      lastError: message.slice(0, 1000),
      consecutiveFailures: failures,
      nextCheckAt: next,
    });
    // Once per run of failures, not at every retry: a receiver wants to hear it broke, not that it is still broken.
    if (failures === 1) await emitEvent(tx, feed.workspaceId, "feed_failed", { feed_id: feed.id, name: feed.name, url: feed.url, error: message });
  });
  return {
    status: "error",
    error: message,
    new_items: 0,
    drafts: 0,
    queued: 0,
    marked_seen: 0,
    first_poll: !feed.primedAt,
    created: [],
    next_check_at: next.toISOString(),
  };
}

/** Polls one feed now and records the outcome on it. Network and feed errors are results, not throws. */
export async function pollFeed(db: Db, workspaceId: string, feedId: string, deps: FeedDeps, now = new Date()): Promise<PollResult> {
  const feed = await getFeedRow(db, workspaceId, feedId);
  if (!feed) throw new AppError("not_found:feed", "feed not found");
  let fetched;
  let parsed;
  try {
    fetched = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, deps);
    if (fetched.kind === "ok") parsed = parseFeedBody(fetched.body);
  } catch (err) {
    if (err instanceof FeedFetchError || err instanceof FeedParseError) return fail(db, feed, err.message, now);
    throw err;
  }
  const next = new Date(now.getTime() + feed.pollIntervalMinutes * 60_000);
  const healthy = { lastCheckedAt: now, lastSuccessAt: now, lastError: null, consecutiveFailures: 0, nextCheckAt: next };
  if (fetched.kind === "not_modified") {
    await updateFeedRow(db, workspaceId, feedId, { ...healthy, lastStatus: "not_modified" });
    return {
      status: "not_modified",
      error: null,
      new_items: 0,
      drafts: 0,
      queued: 0,
      marked_seen: 0,
      first_poll: false,
      created: [],
      next_check_at: next.toISOString(),
    };
  }
  const firstPoll = !feed.primedAt;
  const items = parsed!.items;
  const result: PollResult = {
    status: "ok",
    error: null,
    new_items: 0,
    drafts: 0,
    queued: 0,
    marked_seen: 0,
    first_poll: firstPoll,
    created: [],
    next_check_at: next.toISOString(),
  };
  await db.transaction(async (tx) => {
    const inserted = await insertNewItems(
      tx,
      feedId,
      items.map((i) => ({
        itemKey: i.key,
        title: i.title.slice(0, 500) || null,
        link: i.link.slice(0, 2000) || null,
        publishedAt: i.publishedAt,
        outcome: "seen",
      })),
    );
    result.new_items = inserted.length;
    const fresh = new Set(inserted.map((r) => r.itemKey));
    const idOf = new Map(inserted.map((r) => [r.itemKey, r.id]));
    // Items arrive newest first; posts are made oldest first so the queue keeps the feed's order.
    let toPost = items.filter((i) => fresh.has(i.key));
    if (firstPoll) toPost = feed.firstPoll === "newest" ? toPost.slice(0, 1) : [];
    toPost = toPost.slice(0, MAX_POSTS_PER_POLL).reverse();
    result.marked_seen = inserted.length - toPost.length;
    const actor = feedActor(feed);
    for (const item of toPost) {
      const feedItemId = idOf.get(item.key)!;
      const post = postOf(feed, item);
      const content = await createContent(tx, actor, {
        ...post,
        content_type: "post",
        source_type: "feed",
        source_reference: `feed:${feed.id}:item:${feedItemId}`,
      });
      let scheduleIds: string[] = [];
      let outcome = "draft";
      let note: string | null = null;
      if (feed.mode === "queue") {
        try {
          // A savepoint: a full queue or a post too long for a platform leaves the draft behind.
          const made = await queueContent(tx, actor, content.id, feed.platformAccountIds, now);
          scheduleIds = made.flatMap((m) => m.schedules.map((s) => s.id));
          outcome = "queued";
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          outcome = "queue_failed";
          note = `Kept as a draft, not queued: ${err.message}`;
        }
      }
      await setItemOutcome(tx, feedItemId, { outcome, note, contentItemId: content.id });
      await emitEvent(tx, workspaceId, "feed_item_created", {
        feed_id: feed.id,
        feed_item_id: feedItemId,
        content_item_id: content.id,
        title: post.title,
        link: item.link || null,
        outcome,
        schedule_ids: scheduleIds,
      });
      if (outcome === "queued") result.queued++;
      else result.drafts++;
      result.created.push({ feed_item_id: feedItemId, content_item_id: content.id, title: post.title, schedule_ids: scheduleIds, note });
    }
    await updateFeedRow(tx, workspaceId, feedId, {
      ...healthy,
      lastStatus: "ok",
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      primedAt: feed.primedAt ?? now,
    });
  });
  return result;
}

/** Lease of a claimed feed: longer than any poll may take (every redirect hop timing out). */
const leaseSeconds = (deps: FeedDeps) => Math.ceil((deps.timeoutMs * (deps.maxRedirects + 1)) / 1000) + 60;

/** The job's pass: claims due feeds and polls them, a few at once. Returns how many were polled. */
export async function pollDueFeeds(db: Db, deps: FeedDeps, now = new Date()): Promise<number> {
  const due = await claimDueFeeds(db, deps.batch, leaseSeconds(deps), now);
  await Promise.all(
    due.map(async (f) => {
      try {
        await pollFeed(db, f.workspaceId, f.id, deps, now);
      } catch (err) {
        // A database hiccup: the lease runs out and a later pass polls the feed again.
        log.error("feed poll failed unexpectedly", { feedId: f.id, err });
      }
    }),
  );
  return due.length;
}
