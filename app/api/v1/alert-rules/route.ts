import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { alertRuleOut } from "@/lib/operations/shapes";
import { createAlertRule, listAlertRules } from "@/lib/alerts/manage";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /alert-rules"), async ({ db, actor }) => ({ items: (await listAlertRules(db, actor)).map(alertRuleOut) }));

export const POST = apiRoute(operation("post /alert-rules"), async ({ db, actor, body }) => created(alertRuleOut(await createAlertRule(db, actor, body))));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
