/**
 * Generic webhook: POSTs the post as signed JSON to the account's URL. The receiver dedupes on
 * the idempotency key (sent as a header and in the body), so a re-send after an unknown outcome
 * is safe; that is why `findExisting` has nothing to ask.
 *
 * Signature: `X-Signature: sha256=<hex HMAC-SHA256(secret, body)>` and `X-Signature-Timestamp`
 * (unix seconds). The timestamp is also inside the signed body (`sent_at`), so it cannot be
 * swapped without breaking the signature.
 */
import crypto from "node:crypto";
import type { AdapterContext, PlatformAdapter, PublishPost } from "../adapter";
import { PermanentError } from "../errors";
import { credential, excerpt, send } from "../http";
import { descriptor, validate } from "./descriptor";

export function sign(secret: string, body: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function payloadOf(post: PublishPost, sentAt: number) {
  return {
    type: "publish",
    id: post.idempotencyKey,
    schedule_id: post.scheduleId,
    idempotency_key: post.idempotencyKey,
    sent_at: sentAt,
    content: {
      content_type: post.contentType,
      title: post.title,
      text: post.text,
      parts: post.parts,
      tags: post.tags,
      link: post.link,
      canonical_url: post.canonicalUrl,
      media: post.media.map((m) => ({ url: m.url, mime_type: m.mimeType, alt_text: m.altText, size_bytes: m.sizeBytes })),
    },
  };
}

async function deliver(ctx: AdapterContext, payload: Record<string, unknown>, key: string) {
  const secret = credential(ctx, "secret", "signing secret");
  const body = JSON.stringify(payload);
  return send<{ id?: unknown; url?: unknown }>(ctx, {
    method: "POST",
    path: "",
    body,
    headers: {
      "content-type": "application/json",
      "x-signature": sign(secret, body),
      "x-signature-timestamp": String(payload.sent_at),
      "idempotency-key": key,
    },
  });
}

export const adapter: PlatformAdapter = {
  id: "webhook",
  descriptor,
  validate,
  async publish(ctx, post) {
    const res = await deliver(ctx, payloadOf(post, Math.floor(Date.now() / 1000)), post.idempotencyKey);
    const id = res.data && (typeof res.data.id === "string" || typeof res.data.id === "number") ? String(res.data.id) : post.idempotencyKey;
    const url = res.data && typeof res.data.url === "string" ? res.data.url : null;
    return { platformPostId: id, url, httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  },
  // The receiver dedupes on the key: re-sending is the lookup.
  async findExisting() {
    return null;
  },
  async fetchMetrics() {
    return { likes: 0, shares: 0, comments: 0, clicks: 0, impressions: 0, reach: 0 };
  },
  async verifyCredentials(ctx) {
    if (!ctx.baseUrl) throw new PermanentError("the webhook has no URL (config.api_base_url)");
    const sentAt = Math.floor(Date.now() / 1000);
    await deliver(ctx, { type: "ping", id: `ping:${sentAt}`, sent_at: sentAt }, `ping:${ctx.accountId}:${sentAt}`);
    return { externalId: null, name: new URL(ctx.baseUrl).host };
  },
};
