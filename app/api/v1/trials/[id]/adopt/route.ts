import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { trialAdoptedOut } from "@/lib/operations/shapes";
import { adoptArm } from "@/lib/trials/adopt";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /trials/{id}/adopt"), async ({ db, actor, params, body }) =>
  trialAdoptedOut(await adoptArm(db, actor, idParam(params, "id", "trial"), body)),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
