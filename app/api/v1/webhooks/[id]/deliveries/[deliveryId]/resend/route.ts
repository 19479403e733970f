import { apiRoute, idParam } from "../../../../../_lib/handler";
import { resendDelivery } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { deliveryOut } from "@/lib/webhooks/shapes";

export const POST = apiRoute({ permission: "webhooks:manage" }, async ({ db, actor, params }) =>
  deliveryOut(await resendDelivery(db, actor, idParam(params, "id", "webhook"), idParam(params, "deliveryId", "delivery"), webhookDeps())),
);
