import { z } from "zod";
import * as R from "../shapes";
import { alertListQuery, alertRuleCreateSchema, alertRulePatchSchema } from "@/lib/alerts/validation";
import { op } from "../define";

/** Alert rules, their alerts, and the health history: everyone reads, admins change the rules. */
export const ALERTS_OPERATIONS = [
  op("get", "/alert-rules", "alerts", "The workspace's alert rules", { permission: "health:read", response: R.list(R.alertRule) }),
  op("post", "/alert-rules", "alerts", "Add an alert rule (params depend on kind; left-out params take their defaults); evaluated at once", {
    permission: "alerts:manage",
    body: alertRuleCreateSchema,
    status: 201,
    response: R.alertRule,
    idempotent: true,
  }),
  op("post", "/alert-rules/defaults", "alerts", "Add the recommended rule of every kind the workspace has none of; answers the rules added", {
    permission: "alerts:manage",
    status: 201,
    response: R.list(R.alertRule),
  }),
  op("get", "/alert-rules/{id}", "alerts", "One alert rule", { permission: "health:read", response: R.alertRule }),
  op("patch", "/alert-rules/{id}", "alerts", "Change an alert rule (params merged and checked against its kind); switching it off resolves its alerts", {
    permission: "alerts:manage",
    body: alertRulePatchSchema,
    response: R.alertRule,
  }),
  op("delete", "/alert-rules/{id}", "alerts", "Delete an alert rule; its firing alerts resolve, their history stays", { permission: "alerts:manage" }),
  op("get", "/alerts", "alerts", "Alerts of the workspace: open ones first (firing, pending), then the history, newest first", {
    permission: "health:read",
    query: alertListQuery,
    response: R.list(R.alertIncident),
  }),
  op("get", "/health/history", "alerts", "The recorded health checks of the last hours: runs of one status per check, and what changed", {
    permission: "health:read",
    query: z
      .object({
        hours: z.coerce
          .number({ message: "hours must be a number" })
          .int("hours must be a whole number")
          .min(1, "hours must be at least 1")
          .max(168, "hours must be at most 168 (a week)")
          .default(24),
      })
      .strict(),
    response: R.healthHistory,
  }),
] as const;
