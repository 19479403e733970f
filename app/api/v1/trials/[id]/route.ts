import { apiRoute, idParam } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { trialOut } from "@/lib/operations/shapes";
import { getTrial } from "@/lib/trials/manage";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /trials/{id}"), async ({ db, actor, params }) =>
  trialOut(await getTrial(db, actor, idParam(params, "id", "trial"))),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
