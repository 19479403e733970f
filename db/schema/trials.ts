import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { platformAccounts } from "./accounts";
import { users, workspaces } from "./identity";

/**
 * An A/B trial of posting times (lib/trials): two or more arms, each a posting-time strategy
 * (`arms`: [{ key, name, strategy: "learned" | "baseline" | "slots", slots? }]), for one account
 * or every account of a platform. Queueing and bulk scheduling give each new post an arm and
 * record it on the schedule (schedules.trial_id, trial_arm); the stop rule ends it, and the
 * winning arm can be adopted as the account's posting slots.
 */
export const optimizationTrials = pgTable(
  "optimization_trials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    hypothesis: text("hypothesis"),
    /** One account, or (with platformId) every account of the platform. */
    platformAccountId: uuid("platform_account_id").references(() => platformAccounts.id, { onDelete: "cascade" }),
    platformId: text("platform_id"),
    /** "engagement_rate" or "clicks". */
    metric: text("metric").notNull().default("engagement_rate"),
    /** "alternate" or "random". */
    allocation: text("allocation").notNull().default("alternate"),
    arms: jsonb("arms").notNull(),
    /** The zone the arms' slot times are read in. */
    timezone: text("timezone").notNull(),
    stopPostsPerArm: integer("stop_posts_per_arm"),
    stopAt: timestamp("stop_at", { withTimezone: true }),
    /** "running", "completed" (its stop rule was met) or "stopped" (ended by hand). */
    status: text("status").notNull().default("running"),
    /** The verdict as it stood when the trial ended. */
    result: jsonb("result"),
    adoptedArm: text("adopted_arm"),
    adoptedAt: timestamp("adopted_at", { withTimezone: true }),
    adoptedBy: uuid("adopted_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("optimization_trials_workspace_idx").on(t.workspaceId, t.status)],
);
