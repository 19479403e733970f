import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { sendTestEvent } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { deliveryOut } from "@/lib/webhooks/shapes";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /webhooks/{id}/test"), async ({ db, actor, params }) =>
  deliveryOut(await sendTestEvent(db, actor, idParam(params, "id", "webhook"), webhookDeps())),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
