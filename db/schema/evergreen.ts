import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { platformAccounts } from "./accounts";
import { contentItems } from "./content";
import { users, workspaces } from "./identity";
import { schedules } from "./schedules";

/**
 * An evergreen category (lib/evergreen): content that is posted again and again, refilling the
 * empty posting slots of its accounts. Its re-post rules: `minDays` between two posts of one item
 * on one account, `orderBy` ("oldest_first" or "random"), and `maxReposts` per item and account
 * (null: no limit).
 */
export const evergreenCategories = pgTable(
  "evergreen_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    color: text("color"),
    minDays: integer("min_days").notNull().default(30),
    orderBy: text("order_by").notNull().default("oldest_first"),
    maxReposts: integer("max_reposts"),
    platformAccountIds: uuid("platform_account_ids").array().notNull().default(sql`'{}'::uuid[]`),
    active: boolean("active").notNull().default(true),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("evergreen_categories_name_idx").on(t.workspaceId, t.name)],
);

/** An item in a category, with its alternative texts for platforms that refuse identical text. */
export const evergreenItems = pgTable(
  "evergreen_items",
  {
    categoryId: uuid("category_id")
      .notNull()
      .references(() => evergreenCategories.id, { onDelete: "cascade" }),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    texts: jsonb("texts").notNull().default([]),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.contentItemId] }), index("evergreen_items_content_idx").on(t.contentItemId)],
);

/**
 * One posting slot filled by a category. The unique (account, slot) pair is what keeps two
 * runners filling at once from putting two posts into one slot; `text` is the variant used.
 */
export const evergreenPlacements = pgTable(
  "evergreen_placements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id").references(() => evergreenCategories.id, { onDelete: "set null" }),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    platformAccountId: uuid("platform_account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    scheduleId: uuid("schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    slotAt: timestamp("slot_at", { withTimezone: true }).notNull(),
    text: text("text"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("evergreen_placements_slot_idx").on(t.platformAccountId, t.slotAt),
    index("evergreen_placements_item_idx").on(t.contentItemId, t.platformAccountId),
  ],
);

/** Why an item was passed over on an account at the last fill (shown on the Categories screen). */
export const evergreenSkips = pgTable(
  "evergreen_skips",
  {
    categoryId: uuid("category_id")
      .notNull()
      .references(() => evergreenCategories.id, { onDelete: "cascade" }),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    platformAccountId: uuid("platform_account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    reason: text("reason").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.contentItemId, t.platformAccountId] })],
);
