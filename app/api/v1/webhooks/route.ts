import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { webhookOut } from "@/lib/webhooks/shapes";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /webhooks"), async ({ db, actor }) => ({
  items: (await listWebhooks(db, actor)).map(webhookOut),
}));

export const POST = apiRoute(operation("post /webhooks"), async ({ db, actor, body }) => {
  const { webhook, secret } = await createWebhook(db, actor, body, webhookDeps());
  return created({ ...webhookOut(webhook), secret });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
