"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { addRecommendedRules, createAlertRule, deleteAlertRule, updateAlertRule } from "@/lib/alerts/manage";
import { alertRuleCreateSchema, alertRulePatchSchema } from "@/lib/alerts/validation";

// Server actions of Settings → Alerts: the same operations as /api/v1/alert-rules.
const done = <T>(value: T) => {
  actionRuntime.revalidate("/settings/alerts");
  actionRuntime.revalidate("/health");
  return value;
};

export const createAlertRuleAction = action(operation("post /alert-rules"), alertRuleCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createAlertRule(db, actor, input)).id }),
);
export const updateAlertRuleAction = action(
  operation("patch /alert-rules/{id}"),
  z.object({ id: z.uuid(), patch: alertRulePatchSchema }),
  async ({ db, actor, input }) => done({ id: (await updateAlertRule(db, actor, input.id, input.patch)).id }),
);
export const deleteAlertRuleAction = action(operation("delete /alert-rules/{id}"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  await deleteAlertRule(db, actor, input.id);
  return done({ id: input.id });
});
export const addRecommendedRulesAction = action(operation("post /alert-rules/defaults"), z.object({}), async ({ db, actor }) =>
  done({ added: (await addRecommendedRules(db, actor)).length }),
);
