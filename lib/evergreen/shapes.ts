/** JSON shapes of evergreen categories: the documented schema and the mapper beside it. */
import { z } from "zod";
import type { CategoryRow } from "@/db/queries/evergreen";
import { EVERGREEN_ORDERS } from "./validation";

const id = z.uuid();
const ts = z.string().describe("ISO 8601 date-time");

export const categoryShape = z.object({
  id,
  name: z.string(),
  color: z.string().nullable(),
  min_days: z.number().int(),
  order: z.enum(EVERGREEN_ORDERS),
  max_reposts: z.number().int().nullable(),
  platform_account_ids: z.array(id),
  active: z.boolean(),
  item_count: z.number().int(),
  created_at: ts,
  updated_at: ts,
});

export const categoryItemShape = z.object({
  content_item_id: id,
  title: z.string(),
  status: z.string().describe("the content item's status"),
  texts: z.array(z.string()).describe("alternative texts rotated on platforms that refuse identical text"),
  added_at: ts,
});

export const categorySkipShape = z.object({
  content_item_id: id,
  title: z.string(),
  platform_account_id: id,
  code: z.enum(["not_approved", "archived", "max_reposts", "min_days", "identical_text", "cannot_schedule"]),
  reason: z.string(),
  at: ts,
});

export const categoryUpcomingShape = z.object({
  schedule_id: id,
  content_item_id: id,
  title: z.string(),
  platform_account_id: id,
  scheduled_time: ts,
  status: z.string(),
});

export const categoryDetailShape = categoryShape.extend({
  items: z.array(categoryItemShape),
  skipped: z.array(categorySkipShape).describe("items passed over at the last fill, per account, with the reason"),
  upcoming: z.array(categoryUpcomingShape).describe("slots this category filled that are still ahead"),
});

export const fillResultShape = z.object({
  placed: z.array(
    z.object({
      schedule_id: id,
      content_item_id: id,
      title: z.string(),
      platform_account_id: id,
      scheduled_time: ts,
      local_time: z.string(),
      timezone: z.string(),
      text: z.string().nullable().describe("the variant text used, on platforms that refuse identical text; null: the item's own"),
    }),
  ),
  skipped: z.array(categorySkipShape.omit({ at: true })),
  unfilled: z.number().int().describe("free slots no item could go into"),
});

const texts = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
const iso = (d: Date | string) => new Date(d).toISOString();

export function categoryOut(c: CategoryRow, itemCount: number): z.output<typeof categoryShape> {
  return {
    id: c.id,
    name: c.name,
    color: c.color,
    min_days: c.minDays,
    order: c.orderBy === "random" ? "random" : "oldest_first",
    max_reposts: c.maxReposts,
    platform_account_ids: c.platformAccountIds,
    active: c.active,
    item_count: itemCount,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export function categoryItemOut(r: {
  contentItemId: string;
  title: string;
  status: string;
  texts: unknown;
  addedAt: Date;
}): z.output<typeof categoryItemShape> {
  return { content_item_id: r.contentItemId, title: r.title, status: r.status, texts: texts(r.texts), added_at: r.addedAt.toISOString() };
}

type SkipCode = z.output<typeof categorySkipShape>["code"];
export function skipOut(r: { skip: { contentItemId: string; platformAccountId: string; code: string; reason: string; at: Date }; title: string }) {
  return {
    content_item_id: r.skip.contentItemId,
    title: r.title,
    platform_account_id: r.skip.platformAccountId,
    code: r.skip.code as SkipCode,
    reason: r.skip.reason,
    at: r.skip.at.toISOString(),
  };
}

export function upcomingOut(r: {
  schedule_id: string;
  content_item_id: string;
  title: string;
  platform_account_id: string;
  scheduled_time: Date | string;
  status: string;
}) {
  return { ...r, scheduled_time: iso(r.scheduled_time) };
}
