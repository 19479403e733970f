"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { createWebhook, deleteWebhook, resendDelivery, sendTestEvent, updateWebhook } from "@/lib/webhooks/manage";
import { webhookDeps } from "@/lib/webhooks/deps";
import { webhookCreateSchema, webhookPatchSchema } from "@/lib/webhooks/validation";

const PATH = "/settings/webhooks";
const delivery = (d: { id: string; status: string; httpStatus: number | null; responseExcerpt: string | null }) => ({
  id: d.id,
  status: d.status,
  httpStatus: d.httpStatus,
  excerpt: d.responseExcerpt,
});

/** Settings → Webhooks: the same lib functions as /api/v1/webhooks. */
export const createWebhookAction = action(operation("post /webhooks"), webhookCreateSchema, async ({ db, actor, input }) => {
  const { webhook, secret } = await createWebhook(db, actor, input, webhookDeps());
  actionRuntime.revalidate(PATH);
  return { id: webhook.id, url: webhook.url, secret };
});

export const updateWebhookAction = action(
  operation("patch /webhooks/{id}"),
  z.object({ id: z.uuid(), patch: webhookPatchSchema }),
  async ({ db, actor, input }) => {
    const row = await updateWebhook(db, actor, input.id, input.patch, webhookDeps());
    actionRuntime.revalidate(PATH);
    return { id: row.id, active: row.active };
  },
);

export const deleteWebhookAction = action(operation("delete /webhooks/{id}"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  await deleteWebhook(db, actor, input.id);
  actionRuntime.revalidate(PATH);
  return null;
});

export const testWebhookAction = action(operation("post /webhooks/{id}/test"), z.object({ id: z.uuid() }), async ({ db, actor, input }) => {
  const d = await sendTestEvent(db, actor, input.id, webhookDeps());
  actionRuntime.revalidate(PATH);
  return delivery(d);
});

export const resendDeliveryAction = action(
  operation("post /webhooks/{id}/deliveries/{deliveryId}/resend"),
  z.object({ id: z.uuid(), deliveryId: z.uuid() }),
  async ({ db, actor, input }) => {
    const d = await resendDelivery(db, actor, input.id, input.deliveryId, webhookDeps());
    actionRuntime.revalidate(PATH);
    return delivery(d);
  },
);
