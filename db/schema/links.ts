import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { contentItems } from "./content";
import { workspaces } from "./identity";
import { schedules } from "./schedules";

/**
 * A link of a published post, shortened to the app's own `/l/{code}`. The code is derived from
 * (schedule, platform, original URL), so a retry of the same schedule rebuilds the same text and
 * the exactly-once lookup still finds the post; rows are inserted with ON CONFLICT DO NOTHING.
 */
export const trackedLinks = pgTable(
  "tracked_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    code: text("code").notNull().unique(),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    scheduleId: uuid("schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    platformId: text("platform_id").notNull(),
    /** The link as the author wrote it. */
    url: text("url").notNull(),
    /** Where the short link sends people: the URL with the UTM parameters added. */
    targetUrl: text("target_url").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tracked_links_workspace_content_idx").on(t.workspaceId, t.contentItemId), index("tracked_links_schedule_idx").on(t.scheduleId)],
);

/**
 * Clicks on one short link per UTC day: a counter bumped by upsert. Nothing about the person who
 * clicked is stored — no address, no user agent, no cookie.
 */
export const linkClicks = pgTable(
  "link_clicks",
  {
    linkId: uuid("link_id")
      .notNull()
      .references(() => trackedLinks.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    clicks: integer("clicks").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.linkId, t.day] })],
);
