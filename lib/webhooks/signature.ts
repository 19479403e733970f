import { newToken } from "../crypto";
import crypto from "node:crypto";

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = "X-Scheduler-Signature";
/** Same on every attempt and re-send of one delivery: receivers drop what they already handled. */
export const DELIVERY_HEADER = "X-Scheduler-Delivery";
export const EVENT_HEADER = "X-Scheduler-Event";

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  const mac = crypto.createHmac("sha256", secret).update(`${unixSeconds}.${body}`, "utf8").digest("hex");
  return `t=${unixSeconds},v1=${mac}`;
}

/** A new signing secret: shown once, stored sealed. */
export function newWebhookSecret(): string {
  return newToken("whsec");
}
