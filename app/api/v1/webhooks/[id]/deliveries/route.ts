import { apiRoute, idParam } from "../../../_lib/handler";
import { listDeliveries } from "@/lib/webhooks/manage";
import { deliveryOut } from "@/lib/webhooks/shapes";
import { deliveryListQuery } from "@/lib/webhooks/validation";
import { otherMethods } from "../../../_lib/methods";

export const GET = apiRoute({ permission: "webhooks:manage", query: deliveryListQuery }, async ({ db, actor, params, query }) => ({
  items: (await listDeliveries(db, actor, idParam(params, "id", "webhook"), query)).items.map(deliveryOut),
}));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
