import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contentItems } from "./content";
import { users, workspaces } from "./identity";

/**
 * A feed subscription (RSS 2.0, Atom 1.0, JSON Feed): polled on its cadence, each new item becomes
 * a draft or a queued post. The poll state (validators, failures, next check) lives on the row.
 */
export const feeds = pgTable(
  "feeds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    url: text("url").notNull(),
    /** Accounts a queued item goes to (and a draft is meant for). */
    platformAccountIds: uuid("platform_account_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** draft | queue */
    mode: text("mode").notNull().default("draft"),
    template: text("template").notNull(),
    pollIntervalMinutes: integer("poll_interval_minutes").notNull().default(60),
    /** mark_seen: the first poll only records what is there | newest: and posts the newest item. */
    firstPoll: text("first_poll").notNull().default("mark_seen"),
    active: boolean("active").notNull().default(true),
    etag: text("etag"),
    lastModified: text("last_modified"),
    /** Set by the first successful poll: until then every item is "existing". */
    primedAt: timestamp("primed_at", { withTimezone: true }),
    lastCheckedAt: timestamp("last_checked_at", { withTimezone: true }),
    lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
    /** ok | not_modified | error */
    lastStatus: text("last_status"),
    lastError: text("last_error"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** When the job polls it next; a claim pushes it ahead as a lease. */
    nextCheckAt: timestamp("next_check_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("feeds_workspace_idx").on(t.workspaceId), index("feeds_due_idx").on(t.nextCheckAt)],
);

/** Every item a feed has shown, once: the unique key keeps an item from becoming two posts. */
export const feedItems = pgTable(
  "feed_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    feedId: uuid("feed_id")
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    /** The item's guid / id, else its link, else a hash of its title and text. */
    itemKey: text("item_key").notNull(),
    title: text("title"),
    link: text("link"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** seen (there before the feed was added) | draft | queued | queue_failed */
    outcome: text("outcome").notNull(),
    note: text("note"),
    contentItemId: uuid("content_item_id").references(() => contentItems.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("feed_items_feed_key_idx").on(t.feedId, t.itemKey), index("feed_items_feed_created_idx").on(t.feedId, t.createdAt)],
);
