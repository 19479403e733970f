import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { deleteWebhook, requireWebhook, updateWebhook } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { webhookOut } from "@/lib/webhooks/shapes";
import { webhookPatchSchema } from "@/lib/webhooks/validation";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "webhooks:manage" }, async ({ db, actor, params }) =>
  webhookOut(await requireWebhook(db, actor, idParam(params, "id", "webhook"))),
);

export const PATCH = apiRoute({ permission: "webhooks:manage", body: webhookPatchSchema }, async ({ db, actor, params, body }) =>
  webhookOut(await updateWebhook(db, actor, idParam(params, "id", "webhook"), body, webhookDeps())),
);

export const DELETE = apiRoute({ permission: "webhooks:manage" }, async ({ db, actor, params }) => {
  await deleteWebhook(db, actor, idParam(params, "id", "webhook"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
