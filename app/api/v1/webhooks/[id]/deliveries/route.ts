import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { listDeliveries } from "@/lib/webhooks/manage";
import { deliveryOut } from "@/lib/webhooks/shapes";
import { otherMethods } from "../../../_lib/methods";

export const GET = apiRoute(operation("get /webhooks/{id}/deliveries"), async ({ db, actor, params, query }) => ({
  items: (await listDeliveries(db, actor, idParam(params, "id", "webhook"), query)).items.map(deliveryOut),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
