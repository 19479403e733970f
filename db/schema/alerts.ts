/**
 * Alert rules and their incidents (lib/alerts), and the minute-by-minute health history
 * (lib/health-history). New tables only: nothing here changes an existing one.
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users, workspaces } from "./identity";
import { ALERT_RULE_KINDS, ALERT_STATES, HEALTH_STATUSES } from "./values";

export const alertRuleKindEnum = pgEnum("alert_rule_kind", ALERT_RULE_KINDS);
export const alertStateEnum = pgEnum("alert_state", ALERT_STATES);
export const healthStatusEnum = pgEnum("health_status", HEALTH_STATUSES);

/** What a workspace wants to be told about; `params` are checked per kind (lib/alerts/kinds.ts). */
export const alertRules = pgTable(
  "alert_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: alertRuleKindEnum("kind").notNull(),
    params: jsonb("params").notNull().default({}),
    enabled: boolean("enabled").notNull().default(true),
    /** The condition must hold this long before the alert fires (0: at the first evaluation). */
    forMinutes: integer("for_minutes").notNull().default(0),
    /** The condition must stay clear this long before a firing alert resolves. */
    resolveAfterMinutes: integer("resolve_after_minutes").notNull().default(5),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("alert_rules_workspace_idx").on(t.workspaceId, t.createdAt)],
);

/**
 * One alert of a rule about one subject (a platform, an account, or "" for the rule as a whole):
 * pending → firing → resolved. At most one open (pending or firing) row per rule and subject: the
 * unique index is what keeps two runners evaluating at once from firing twice.
 */
export const alertIncidents = pgTable(
  "alert_incidents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    /** Null once the rule is deleted: its history stays. */
    ruleId: uuid("rule_id").references(() => alertRules.id, { onDelete: "set null" }),
    kind: alertRuleKindEnum("kind").notNull(),
    subject: text("subject").notNull().default(""),
    subjectLabel: text("subject_label"),
    state: alertStateEnum("state").notNull().default("pending"),
    pendingSince: timestamp("pending_since", { withTimezone: true }).notNull(),
    firedAt: timestamp("fired_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** The measured value when it fired, the worst since, and the latest. */
    value: doublePrecision("value"),
    peakValue: doublePrecision("peak_value"),
    lastValue: doublePrecision("last_value"),
    threshold: doublePrecision("threshold"),
    /** Since when the condition has been clear (resolves after the rule's resolve_after_minutes). */
    clearSince: timestamp("clear_since", { withTimezone: true }),
    lastEvaluatedAt: timestamp("last_evaluated_at", { withTimezone: true }),
    /** The rule's parameters at the time, the message, and how it resolved. */
    details: jsonb("details").notNull().default({}),
  },
  (t) => [
    uniqueIndex("alert_incidents_open_idx").on(t.ruleId, t.subject).where(sql`${t.state} <> 'resolved'`),
    index("alert_incidents_workspace_idx").on(t.workspaceId, t.pendingSince),
  ],
);

/**
 * The health checks as recorded every minute: instance-wide ones (database, runner, queue) with
 * no workspace, each platform's per workspace. One row per check, subject and minute, whichever
 * runner wrote it first.
 */
export const healthSamples = pgTable(
  "health_samples",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    check: text("check").notNull(),
    subject: text("subject").notNull().default(""),
    status: healthStatusEnum("status").notNull(),
    value: doublePrecision("value"),
    details: jsonb("details").notNull().default({}),
  },
  (t) => [
    uniqueIndex("health_samples_instance_idx").on(t.check, t.subject, t.at).where(sql`${t.workspaceId} is null`),
    uniqueIndex("health_samples_workspace_idx").on(t.workspaceId, t.check, t.subject, t.at).where(sql`${t.workspaceId} is not null`),
    index("health_samples_at_idx").on(t.at),
  ],
);
