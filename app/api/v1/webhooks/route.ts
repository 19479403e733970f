import { apiRoute, created } from "../_lib/handler";
import { createWebhook, listWebhooks } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { webhookOut } from "@/lib/webhooks/shapes";
import { webhookCreateSchema } from "@/lib/webhooks/validation";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "webhooks:manage" }, async ({ db, actor }) => ({
  items: (await listWebhooks(db, actor)).map(webhookOut),
}));

export const POST = apiRoute({ permission: "webhooks:manage", body: webhookCreateSchema }, async ({ db, actor, body }) => {
  const { webhook, secret } = await createWebhook(db, actor, body, webhookDeps());
  return created({ ...webhookOut(webhook), secret });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
