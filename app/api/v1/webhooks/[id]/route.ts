import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { deleteWebhook, requireWebhook, updateWebhook } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { webhookOut } from "@/lib/webhooks/shapes";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /webhooks/{id}"), async ({ db, actor, params }) =>
  webhookOut(await requireWebhook(db, actor, idParam(params, "id", "webhook"))),
);

export const PATCH = apiRoute(operation("patch /webhooks/{id}"), async ({ db, actor, params, body }) =>
  webhookOut(await updateWebhook(db, actor, idParam(params, "id", "webhook"), body, webhookDeps())),
);

export const DELETE = apiRoute(operation("delete /webhooks/{id}"), async ({ db, actor, params }) => {
  await deleteWebhook(db, actor, idParam(params, "id", "webhook"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
