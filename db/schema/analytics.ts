import { doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { platformAccounts } from "./accounts";
import { contentItems } from "./content";
import { workspaces } from "./identity";
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

/** Engagement aggregated by weekday and hour per account; feeds best-time suggestions. */
export const bestTimeStats = pgTable(
  "best_time_stats",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    platformAccountId: uuid("platform_account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    weekday: integer("weekday").notNull(),
    hour: integer("hour").notNull(),
    samples: integer("samples").notNull().default(0),
    meanEngagement: doublePrecision("mean_engagement").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.platformAccountId, t.weekday, t.hour] })],
);

/** A/B style experiments on time or wording. */
export const optimizationTrials = pgTable("optimization_trials", {
  id: uuid("id").primaryKey().defaultRandom(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  contentItemId: uuid("content_item_id").references(() => contentItems.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  hypothesis: text("hypothesis"),
  metric: text("metric").notNull().default("engagement_rate"),
  variants: jsonb("variants").notNull().default([]),
  result: jsonb("result"),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  endedAt: timestamp("ended_at", { withTimezone: true }),
});
