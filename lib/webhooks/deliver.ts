/**
 * Delivery of webhooks: due rows of webhook_deliveries are claimed (FOR UPDATE SKIP LOCKED, so
 * several runners share the work), POSTed signed with the webhook's secret, and recorded: status,
 * HTTP code, duration, the start of the answer. A non-2xx answer or a network error is retried with
 * exponential backoff until the attempt limit, then the delivery is failed. Requests run in a
 * bounded pool with a timeout each, so a slow receiver holds one slot for a while, nothing more.
 */
import type { Db } from "@/db/client";
import { claimDueDeliveries, getWebhookForDelivery, recordDeliveryResult, type ClaimedDelivery } from "@/db/queries/webhooks";
import { DecryptError, openJson } from "../crypto";
import { AppError } from "../errors";
import { requestPinned, resolveTarget, type CheckedTarget } from "../net/pinned";
import { log } from "../log";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from "./signature";
import type { WebhookDeps } from "./deps";

const EXCERPT_CHARS = 500;

/** Seconds a claimed delivery is kept from other runners: longer than any request may take. */
const leaseSeconds = (deps: Pick<WebhookDeps, "timeoutMs">) => Math.ceil(deps.timeoutMs / 1000) + 30;

function networkMessage(err: unknown, deps: Pick<WebhookDeps, "timeoutMs">): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `No answer within ${deps.timeoutMs} ms (timed out)`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `Network error: ${e?.message ?? String(err)}${cause ? ` (${cause})` : ""}`;
}

type Outcome =
  | { ok: true; httpStatus: number; durationMs: number; excerpt: string }
  | { ok: false; retry: boolean; httpStatus: number | null; durationMs: number | null; excerpt: string };

async function attempt(db: Db, d: ClaimedDelivery, deps: WebhookDeps): Promise<Outcome | "cancelled" | "gone"> {
  const hook = await getWebhookForDelivery(db, d.webhook_id);
  if (!hook) return "gone";
  if (!hook.active) return "cancelled";
  let target: CheckedTarget;
  try {
    // Checked at every delivery, not only when saved: what a name resolves to can change. The
    // request then connects to the very address checked here, never to a second resolution.
    target = await resolveTarget(hook.url, { allowPrivate: deps.allowPrivate, what: "webhook URL", resolver: deps.resolver });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { ok: false, retry: err.code !== "bad_request:private_address", httpStatus: null, durationMs: null, excerpt: `Refused: ${err.message}` };
  }
  let secret: string;
  try {
    secret = openJson<string>(deps.keyring, hook.secretEncrypted, hook.id);
  } catch (err) {
    if (!(err instanceof DecryptError)) throw err;
    return {
      ok: false,
      retry: false,
      httpStatus: null,
      durationMs: null,
      excerpt: `The signing secret cannot be read (${err.message}). Set a new secret on the webhook.`,
    };
  }
  const body = JSON.stringify(d.payload);
  const started = performance.now();
  try {
    const res = await requestPinned(target, {
      method: "POST",
      body,
      // Redirects are not followed: one could lead anywhere, private networks included.
      timeoutMs: deps.timeoutMs,
      excerptChars: EXCERPT_CHARS,
      headers: {
        "content-type": "application/json",
        "user-agent": "Scheduler-Webhooks/1",
        [SIGNATURE_HEADER]: signatureHeader(secret, body, Math.floor(Date.now() / 1000)),
        [DELIVERY_HEADER]: d.id,
        [EVENT_HEADER]: d.event,
      },
    });
    const excerpt = res.excerpt;
    const durationMs = Math.round(performance.now() - started);
    if (res.status >= 200 && res.status < 300) return { ok: true, httpStatus: res.status, durationMs, excerpt };
    return { ok: false, retry: true, httpStatus: res.status, durationMs, excerpt };
  } catch (err) {
    return { ok: false, retry: true, httpStatus: null, durationMs: Math.round(performance.now() - started), excerpt: networkMessage(err, deps) };
  }
}

/** One claimed delivery: send it and record what happened. Never throws. */
export async function deliverOne(db: Db, d: ClaimedDelivery, deps: WebhookDeps): Promise<string> {
  try {
    const out = await attempt(db, d, deps);
    if (out === "gone") return "gone";
    if (out === "cancelled") {
      await recordDeliveryResult(db, d.id, {
        status: "cancelled",
        httpStatus: null,
        durationMs: null,
        responseExcerpt: "Not sent: the webhook is disabled.",
        nextAttemptAt: null,
      });
      return "cancelled";
    }
    if (out.ok) {
      await recordDeliveryResult(db, d.id, {
        status: "delivered",
        httpStatus: out.httpStatus,
        durationMs: out.durationMs,
        responseExcerpt: out.excerpt,
        nextAttemptAt: null,
      });
      return "delivered";
    }
    const again = out.retry && d.attempt < deps.maxAttempts;
    await recordDeliveryResult(db, d.id, {
      status: again ? "retrying" : "failed",
      httpStatus: out.httpStatus,
      durationMs: out.durationMs,
      responseExcerpt: out.excerpt,
      nextAttemptAt: again ? new Date(Date.now() + deps.backoffMs(d.attempt)) : null,
    });
    return again ? "retrying" : "failed";
  } catch (err) {
    // A database hiccup: the lease runs out and another round picks the delivery up again.
    log.error("webhook delivery failed unexpectedly", { deliveryId: d.id, err });
    return "error";
  }
}

/** Claims what is due (up to the pool size) and delivers it all; for tests and one-shot sweeps. */
export async function deliverDue(db: Db, deps: WebhookDeps): Promise<{ id: string; outcome: string }[]> {
  const claimed = await claimDueDeliveries(db, deps.concurrency, leaseSeconds(deps));
  return Promise.all(claimed.map(async (d) => ({ id: d.id, outcome: await deliverOne(db, d, deps) })));
}

/** Claims and sends one delivery now if it is due (test event, re-send). */
export async function deliverNow(db: Db, deliveryId: string, deps: WebhookDeps): Promise<string | null> {
  const [d] = await claimDueDeliveries(db, 1, leaseSeconds(deps), deliveryId);
  return d ? deliverOne(db, d, deps) : null;
}

/**
 * The runner's delivery pool: each tick fills free slots with due deliveries and returns at once;
 * requests finish in the background. A slow receiver occupies one slot until its timeout.
 */
export class DeliveryPool {
  private inFlight = 0;
  private claiming = false;
  constructor(
    private readonly db: Db,
    private readonly deps: WebhookDeps,
  ) {}

  get busy() {
    return this.inFlight;
  }

  async tick(): Promise<number> {
    const free = this.deps.concurrency - this.inFlight;
    if (free <= 0 || this.claiming) return 0;
    this.claiming = true;
    let claimed: ClaimedDelivery[];
    try {
      claimed = await claimDueDeliveries(this.db, free, leaseSeconds(this.deps));
    } finally {
      this.claiming = false;
    }
    for (const d of claimed) {
      this.inFlight++;
      void deliverOne(this.db, d, this.deps).finally(() => this.inFlight--);
    }
    return claimed.length;
  }

  /** Waits until requests in flight are done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight > 0) await new Promise((r) => setTimeout(r, 20));
  }
}
