import { apiRoute } from "../../_lib/handler";
import { getGateRules, saveGateRules } from "@/lib/gates";
import { qualityGatesSchema } from "@/lib/gates/rules";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "workspace:read" }, async ({ db, actor }) => getGateRules(db, actor.workspaceId));

export const PUT = apiRoute({ permission: "workspace:manage", body: qualityGatesSchema }, async ({ db, actor, body }) => saveGateRules(db, actor, body));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);
