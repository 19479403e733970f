/**
 * Outgoing webhooks of a workspace: admins add, change, disable and delete them, read each one's
 * delivery log, re-send a delivery and send a test event. The signing secret is sealed with the
 * app keyring (bound to the webhook's id) and never shown again after it is created.
 */
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  deleteWebhookRow,
  getDeliveryRow,
  getWebhookRow,
  insertDeliveries,
  insertWebhook,
  listDeliveryRows,
  listWebhookRows,
  requeueDelivery,
  updateWebhookRow,
} from "@/db/queries/webhooks";
import { sealJson } from "../crypto";
import { assertPublicUrl } from "../net/address";
import { notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { DeliveryListQuery, WebhookCreateInput, WebhookPatchInput } from "./validation";
import { newWebhookSecret } from "./signature";
import { deliverNow } from "./deliver";
import type { WebhookDeps } from "./deps";

/** The body every delivery posts. */
export function envelope(id: string, type: string, createdAt: string, workspaceId: string, data: Record<string, unknown>) {
  return { id, type, created_at: createdAt, workspace_id: workspaceId, data };
}

async function checkedUrl(raw: string, deps: Pick<WebhookDeps, "allowPrivate" | "resolver">) {
  return (await assertPublicUrl(raw, { allowPrivate: deps.allowPrivate, what: "url", resolver: deps.resolver })).toString();
}

export async function createWebhook(db: Db, actor: Actor, input: WebhookCreateInput, deps: Pick<WebhookDeps, "keyring" | "allowPrivate">) {
  assertCan(actor.role, "webhooks:manage");
  const url = await checkedUrl(input.url, deps);
  const secret = input.secret ?? newWebhookSecret();
  const id = crypto.randomUUID();
  return db.transaction(async (tx) => {
    const row = await insertWebhook(tx, {
      id,
      workspaceId: actor.workspaceId,
      url,
      events: input.events,
      secretEncrypted: sealJson(deps.keyring, secret, id),
      createdBy: actor.userId,
    });
    const active = input.active ?? true;
    const saved = active ? row : (await updateWebhookRow(tx, actor.workspaceId, id, { active }))!;
    await writeAudit(tx, actor, {
      action: "webhook.create",
      entityType: "webhook",
      entityId: id,
      after: { url, events: input.events, active, secret: input.secret ? "given" : "generated" },
    });
    return { webhook: saved, secret };
  });
}

export async function listWebhooks(db: Db, actor: Actor) {
  assertCan(actor.role, "webhooks:manage");
  return listWebhookRows(db, actor.workspaceId);
}

export async function requireWebhook(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "webhooks:manage");
  const row = await getWebhookRow(db, actor.workspaceId, id);
  if (!row) throw notFound("webhook");
  return row;
}

const view = (w: { url: string; events: string[]; active: boolean }) => ({ url: w.url, events: w.events, active: w.active });

export async function updateWebhook(db: Db, actor: Actor, id: string, patch: WebhookPatchInput, deps: Pick<WebhookDeps, "keyring" | "allowPrivate">) {
  assertCan(actor.role, "webhooks:manage");
  const url = patch.url === undefined ? undefined : await checkedUrl(patch.url, deps);
  return db.transaction(async (tx) => {
    const before = await requireWebhook(tx, actor, id);
    const row = (await updateWebhookRow(tx, actor.workspaceId, id, {
      ...(url === undefined ? {} : { url }),
      ...(patch.events === undefined ? {} : { events: patch.events }),
      ...(patch.active === undefined ? {} : { active: patch.active }),
      ...(patch.secret === undefined ? {} : { secretEncrypted: sealJson(deps.keyring, patch.secret, id) }),
    }))!;
    await writeAudit(tx, actor, {
      action: "webhook.update",
      entityType: "webhook",
      entityId: id,
      before: view(before),
      after: { ...view(row), ...(patch.secret ? { secret: "replaced" } : {}) },
    });
    return row;
  });
}

export async function deleteWebhook(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "webhooks:manage");
  await db.transaction(async (tx) => {
    const row = await deleteWebhookRow(tx, actor.workspaceId, id);
    if (!row) throw notFound("webhook");
    await writeAudit(tx, actor, { action: "webhook.delete", entityType: "webhook", entityId: id, before: view(row) });
  });
}

export async function listDeliveries(db: Db, actor: Actor, id: string, q: DeliveryListQuery) {
  const webhook = await requireWebhook(db, actor, id);
  return { webhook, items: await listDeliveryRows(db, id, q) };
}

/** Sends a delivery again now, from its first attempt (same delivery id: receivers can dedupe). */
export async function resendDelivery(db: Db, actor: Actor, id: string, deliveryId: string, deps: WebhookDeps) {
  await requireWebhook(db, actor, id);
  await db.transaction(async (tx) => {
    const d = await getDeliveryRow(tx, id, deliveryId);
    if (!d) throw notFound("delivery");
    await requeueDelivery(tx, deliveryId);
    await writeAudit(tx, actor, { action: "webhook.resend", entityType: "webhook", entityId: id, after: { delivery_id: deliveryId, event: d.event } });
  });
  await deliverNow(db, deliveryId, deps);
  return (await getDeliveryRow(db, id, deliveryId))!;
}

/** A `ping` delivery to this webhook, sent at once; the answer is the logged delivery. */
export async function sendTestEvent(db: Db, actor: Actor, id: string, deps: WebhookDeps) {
  const webhook = await requireWebhook(db, actor, id);
  const deliveryId = await db.transaction(async (tx) => {
    const payload = envelope(`evt_test_${crypto.randomUUID()}`, "ping", new Date().toISOString(), actor.workspaceId, {
      webhook_id: id,
      message: "A test event sent from the scheduler.",
    });
    const [made] = await insertDeliveries(tx, [{ webhookId: webhook.id, event: "ping", payload }]);
    await writeAudit(tx, actor, { action: "webhook.test", entityType: "webhook", entityId: id, after: { delivery_id: made!.id } });
    return made!.id;
  });
  await deliverNow(db, deliveryId, deps);
  return (await getDeliveryRow(db, id, deliveryId))!;
}
