/**
 * A webhook receiver as a well-behaved integrator would write one: checks the signature and the
 * timestamp, dedupes on Idempotency-Key, answers `{ id, url }`.
 */
import crypto from "node:crypto";
import { FakePlatform, idFactory } from "./server";

export interface WebhookDelivery {
  id: string;
  key: string;
  payload: Record<string, unknown>;
}

export function createWebhookFake(opts: { secret: string; maxSkewSeconds?: number }) {
  const fake = new FakePlatform("webhook");
  const deliveries: WebhookDelivery[] = [];
  const byKey = new Map<string, WebhookDelivery>();
  const nextId = idFactory("wh_");
  fake.route("POST", "/hook", (req) => {
    const sig = req.headers["x-signature"];
    const ts = Number(req.headers["x-signature-timestamp"]);
    const expected = `sha256=${crypto.createHmac("sha256", opts.secret).update(req.raw).digest("hex")}`;
    if (typeof sig !== "string" || sig.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
      return { status: 401, json: { error: "bad signature" } };
    }
    if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > (opts.maxSkewSeconds ?? 300)) {
      return { status: 401, json: { error: "stale or missing timestamp" } };
    }
    const payload = req.body as Record<string, unknown>;
    if (payload?.sent_at !== ts) return { status: 400, json: { error: "timestamp header does not match body" } };
    const key = req.headers["idempotency-key"];
    if (typeof key !== "string" || !key) return { status: 400, json: { error: "Idempotency-Key header required" } };
    if (payload.type === "ping") return { status: 204 };
    const seen = byKey.get(key);
    if (seen) return { status: 200, json: { id: seen.id, url: `${fake.url}/posts/${seen.id}`, duplicate: true } };
    const delivery = { id: nextId(), key, payload };
    deliveries.push(delivery);
    byKey.set(key, delivery);
    return { status: 201, json: { id: delivery.id, url: `${fake.url}/posts/${delivery.id}` } };
  });
  return Object.assign(fake, { deliveries, hookUrl: () => `${fake.url}/hook` });
}
