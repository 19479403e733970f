import { apiRoute, idParam } from "../../../../../_lib/handler";
import { operation } from "@/lib/operations";
import { resendDelivery } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { deliveryOut } from "@/lib/webhooks/shapes";
import { otherMethods } from "../../../../../_lib/methods";

export const POST = apiRoute(operation("post /webhooks/{id}/deliveries/{deliveryId}/resend"), async ({ db, actor, params }) =>
  deliveryOut(await resendDelivery(db, actor, idParam(params, "id", "webhook"), idParam(params, "deliveryId", "delivery"), webhookDeps())),
);

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
