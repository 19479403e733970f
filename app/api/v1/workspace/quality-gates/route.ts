import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { getGateRules, saveGateRules } from "@/lib/gates";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /workspace/quality-gates"), async ({ db, actor }) => getGateRules(db, actor.workspaceId));

export const PUT = apiRoute(operation("put /workspace/quality-gates"), async ({ db, actor, body }) => saveGateRules(db, actor, body));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);
