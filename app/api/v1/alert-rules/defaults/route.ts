import { apiRoute, created } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { alertRuleOut } from "@/lib/operations/shapes";
import { addRecommendedRules } from "@/lib/alerts/manage";
import { otherMethods } from "../../_lib/methods";

export const POST = apiRoute(operation("post /alert-rules/defaults"), async ({ db, actor }) =>
  created({ items: (await addRecommendedRules(db, actor)).map(alertRuleOut) }),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
