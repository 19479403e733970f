import { z } from "zod";
import type { FeedRow } from "@/db/queries/feeds";
import type { PollResult } from "@/lib/feeds/poll";
import { FEED_MODES, FIRST_POLL } from "@/lib/feeds/validation";
import { id, iso, ts, tsN } from "./common";

export const feed = z.object({
  id,
  name: z.string(),
  url: z.string(),
  platform_account_ids: z.array(id),
  mode: z.enum(FEED_MODES).describe("draft: each new item becomes a draft; queue: it also goes into each account's queue"),
  template: z.string().describe("post text with {{title}}, {{link}} and {{summary}} (plain text, at most 280 characters)"),
  poll_interval_minutes: z.number().int(),
  first_poll: z.enum(FIRST_POLL).describe("what the first poll does with the items already there: mark_seen (create nothing) or newest (post the newest)"),
  active: z.boolean(),
  status: z.enum(["new", "ok", "not_modified", "error"]).describe("the last poll's outcome; new before the first poll"),
  last_checked_at: tsN,
  last_success_at: tsN,
  last_error: z.string().nullable(),
  consecutive_failures: z.number().int().describe("failed polls in a row; the wait doubles with each, up to a day"),
  next_check_at: tsN.describe("when the job polls it next; null while it is paused"),
  items_seen: z.number().int(),
  primed: z.boolean().describe("the first successful poll happened (items there before it were marked seen)"),
  created_at: ts,
  updated_at: ts,
});

export const feedPoll = z.object({
  feed,
  result: z.object({
    status: z.enum(["ok", "not_modified", "error"]),
    error: z.string().nullable(),
    new_items: z.number().int(),
    drafts: z.number().int(),
    queued: z.number().int(),
    marked_seen: z.number().int(),
    first_poll: z.boolean(),
    created: z.array(z.object({ feed_item_id: id, content_item_id: id, title: z.string(), schedule_ids: z.array(id), note: z.string().nullable() })),
    next_check_at: ts,
  }),
});

export const feedItem = z.object({
  id,
  item_key: z.string(),
  title: z.string().nullable(),
  link: z.string().nullable(),
  published_at: tsN,
  outcome: z.enum(["seen", "draft", "queued", "queue_failed"]),
  note: z.string().nullable(),
  content_item_id: id.nullable(),
  created_at: ts,
});

export function feedOut(f: FeedRow): z.output<typeof feed> {
  return {
    id: f.id,
    name: f.name,
    url: f.url,
    platform_account_ids: f.platformAccountIds,
    mode: f.mode as z.output<typeof feed>["mode"],
    template: f.template,
    poll_interval_minutes: f.pollIntervalMinutes,
    first_poll: f.firstPoll as z.output<typeof feed>["first_poll"],
    active: f.active,
    status: (f.lastStatus ?? "new") as z.output<typeof feed>["status"],
    last_checked_at: iso(f.lastCheckedAt),
    last_success_at: iso(f.lastSuccessAt),
    last_error: f.lastError,
    consecutive_failures: f.consecutiveFailures,
    next_check_at: f.active ? iso(f.nextCheckAt) : null,
    items_seen: f.itemsSeen,
    primed: !!f.primedAt,
    created_at: iso(f.createdAt),
    updated_at: iso(f.updatedAt),
  };
}

export function feedPollOut(v: { feed: FeedRow; result: PollResult }): z.output<typeof feedPoll> {
  return { feed: feedOut(v.feed), result: v.result };
}

type ItemRow = {
  id: string;
  itemKey: string;
  title: string | null;
  link: string | null;
  publishedAt: Date | null;
  outcome: string;
  note: string | null;
  contentItemId: string | null;
  createdAt: Date;
};

export function feedItemOut(i: ItemRow): z.output<typeof feedItem> {
  return {
    id: i.id,
    item_key: i.itemKey,
    title: i.title,
    link: i.link,
    published_at: iso(i.publishedAt),
    outcome: i.outcome as z.output<typeof feedItem>["outcome"],
    note: i.note,
    content_item_id: i.contentItemId,
    created_at: iso(i.createdAt),
  };
}
