import { sql } from "drizzle-orm";
import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { platformAccounts } from "./accounts";
import { contentItems } from "./content";
import { users, workspaces } from "./identity";
import { schedules } from "./schedules";

/** Engagement measured for a published post (seed 000 fields). */
export const contentAnalytics = pgTable(
  "content_analytics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    scheduleId: uuid("schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    platformId: text("platform_id").notNull(),
    engagementRate: doublePrecision("engagement_rate").notNull().default(0),
    likesCount: integer("likes_count").notNull().default(0),
    sharesCount: integer("shares_count").notNull().default(0),
    commentsCount: integer("comments_count").notNull().default(0),
    clicksCount: integer("clicks_count").notNull().default(0),
    impressions: integer("impressions").notNull().default(0),
    reach: integer("reach").notNull().default(0),
    viralCoefficient: doublePrecision("viral_coefficient").notNull().default(0),
    costPerEngagement: doublePrecision("cost_per_engagement").notNull().default(0),
    revenueAttributed: doublePrecision("revenue_attributed").notNull().default(0),
    measuredAt: timestamp("measured_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("content_analytics_item_idx").on(t.contentItemId, t.measuredAt),
    index("content_analytics_measured_idx").on(t.measuredAt),
    index("content_analytics_engagement_idx").on(t.engagementRate),
  ],
);

/**
 * One post's result as the best-time model learns from it (lib/besttimes): a measured post's
 * +24 h reading (source "measured", one per schedule) or a row of imported history (source
 * "imported", one per account and moment). The local weekday and minute are those of the wall
 * clock in `timezone` when the post went out. `engagement_rate` is null when the platform gave no
 * audience figure (docs/best-times.md, "Engagement rate"): such a post teaches nothing.
 */
export const engagementObservations = pgTable(
  "engagement_observations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    platformAccountId: uuid("platform_account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    scheduleId: uuid("schedule_id").references(() => schedules.id, { onDelete: "set null" }),
    postedAt: timestamp("posted_at", { withTimezone: true }).notNull(),
    timezone: text("timezone").notNull(),
    weekday: smallint("weekday").notNull(),
    minuteOfDay: smallint("minute_of_day").notNull(),
    contentType: text("content_type").notNull().default("post"),
    impressions: integer("impressions"),
    reach: integer("reach"),
    likes: integer("likes"),
    comments: integer("comments"),
    shares: integer("shares"),
    clicks: integer("clicks"),
    /** The account's followers when the post was measured, where the platform tells (Mastodon, Bluesky). */
    followers: integer("followers"),
    engagementRate: doublePrecision("engagement_rate"),
    /** What the rate was divided by: "impressions", "reach" or "followers"; null with the rate. */
    rateBasis: text("rate_basis"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("engagement_observations_account_idx").on(t.platformAccountId, t.postedAt),
    index("engagement_observations_workspace_idx").on(t.workspaceId, t.updatedAt),
    uniqueIndex("engagement_observations_schedule_idx").on(t.scheduleId),
    uniqueIndex("engagement_observations_imported_idx").on(t.platformAccountId, t.postedAt).where(sql`${t.source} = 'imported'`),
  ],
);

/**
 * The fitted best-time model of an account (content_type "*") and of each content type it has
 * results for: 168 local weekday × hour slots, each [lift, lift sd, posts]. Derived from
 * engagement_observations and refitted by the learn-best-times job; never edited by hand.
 */
export const bestTimeModels = pgTable(
  "best_time_models",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    platformAccountId: uuid("platform_account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    contentType: text("content_type").notNull().default("*"),
    /** The zone its weekdays and hours are in: the one most of the account's posts went out in. */
    timezone: text("timezone").notNull().default("UTC"),
    /** What the model was pulled toward: "baseline", "platform" (the workspace's other accounts on that platform) or "account". */
    prior: text("prior").notNull(),
    /** Posts behind the prior (0 for the research baseline). */
    priorPosts: integer("prior_posts").notNull().default(0),
    posts: integer("posts").notNull(),
    effectivePosts: doublePrecision("effective_posts").notNull(),
    level: doublePrecision("level"),
    levelSd: doublePrecision("level_sd"),
    sigma: doublePrecision("sigma").notNull(),
    slots: jsonb("slots").notNull(),
    /** The newest observation behind it (updated_at): a newer one makes the model stale. */
    dataThrough: timestamp("data_through", { withTimezone: true }),
    learnedAt: timestamp("learned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformAccountId, t.contentType] }), index("best_time_models_learned_idx").on(t.learnedAt)],
);

/**
 * Accounts whose best-time model is out of date: a new or changed observation puts the account
 * here (in the same transaction), and the learn-best-times job refits it and takes it out.
 */
export const bestTimeRefits = pgTable("best_time_refits", {
  platformAccountId: uuid("platform_account_id")
    .primaryKey()
    .references(() => platformAccounts.id, { onDelete: "cascade" }),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
});
