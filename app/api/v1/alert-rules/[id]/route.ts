import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { alertRuleOut } from "@/lib/operations/shapes";
import { deleteAlertRule, requireAlertRule, updateAlertRule } from "@/lib/alerts/manage";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /alert-rules/{id}"), async ({ db, actor, params }) =>
  alertRuleOut(await requireAlertRule(db, actor, idParam(params, "id", "alert_rule"))),
);

export const PATCH = apiRoute(operation("patch /alert-rules/{id}"), async ({ db, actor, params, body }) =>
  alertRuleOut(await updateAlertRule(db, actor, idParam(params, "id", "alert_rule"), body)),
);

export const DELETE = apiRoute(operation("delete /alert-rules/{id}"), async ({ db, actor, params }) => {
  await deleteAlertRule(db, actor, idParam(params, "id", "alert_rule"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
