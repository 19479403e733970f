import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { trialOut } from "@/lib/operations/shapes";
import { stopTrial } from "@/lib/trials/manage";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /trials/{id}/stop"), async ({ db, actor, params }) =>
  trialOut(await stopTrial(db, actor, idParam(params, "id", "trial"))),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
