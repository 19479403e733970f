import { z } from "zod";
import { ALERT_STATES } from "@/db/schema/values";
import { ALERT_PARAMS, ALERT_RULE_KINDS, type AlertRuleKind } from "./kinds";

const minutesField = (what: string) =>
  z
    .number({ message: `${what} must be a number` })
    .int(`${what} must be a whole number`)
    .min(0, `${what} must be at least 0`)
    .max(1440, `${what} must be at most 1440 (a day)`);

const common = {
  enabled: z.boolean({ message: "enabled must be true or false" }).optional(),
  for_minutes: minutesField("for_minutes").optional(),
  resolve_after_minutes: minutesField("resolve_after_minutes").optional(),
};

function createFor<const K extends AlertRuleKind, S extends z.ZodObject>(kind: K, params: S) {
  return z
    .object({
      kind: z.literal(kind),
      // Every parameter has a default: `params` may be left out or name only what differs.
      params: params.prefault({} as z.input<S>),
      ...common,
    })
    .strict();
}

/** POST /alert-rules: the kind decides which parameters are allowed. */
export const alertRuleCreateSchema = z.discriminatedUnion(
  "kind",
  [
    createFor("failure_rate", ALERT_PARAMS.failure_rate),
    createFor("platform_down", ALERT_PARAMS.platform_down),
    createFor("queue_lag", ALERT_PARAMS.queue_lag),
    createFor("no_runner", ALERT_PARAMS.no_runner),
    createFor("account_reconnect", ALERT_PARAMS.account_reconnect),
    createFor("engagement_low", ALERT_PARAMS.engagement_low),
  ],
  { message: `kind must be one of ${ALERT_RULE_KINDS.join(", ")}` },
);
export type AlertRuleCreateInput = z.infer<typeof alertRuleCreateSchema>;

/**
 * PATCH /alert-rules/{id}: the kind stays; `params` are merged over the current ones and checked
 * against the rule's kind (null removes an optional one, such as engagement's platform).
 */
export const alertRulePatchSchema = z
  .object({
    params: z
      .record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()]), { message: "params must be an object" })
      .optional()
      .describe("parameters of the rule's kind, merged over the current ones"),
    ...common,
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "give at least one of params, enabled, for_minutes, resolve_after_minutes" });
export type AlertRulePatchInput = z.infer<typeof alertRulePatchSchema>;

export const alertListQuery = z
  .object({
    state: z.enum(ALERT_STATES, { message: `state must be one of ${ALERT_STATES.join(", ")}` }).optional(),
    limit: z.coerce
      .number({ message: "limit must be a number" })
      .int("limit must be a whole number")
      .min(1, "limit must be at least 1")
      .max(200, "limit must be at most 200")
      .default(50),
  })
  .strict();
export type AlertListQuery = z.infer<typeof alertListQuery>;
