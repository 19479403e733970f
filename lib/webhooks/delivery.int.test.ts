import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import type { Db } from "@/db/client";
import { auditLog, webhookDeliveries, webhooks } from "@/db/schema";
import { emitEvent } from "@/db/queries/events";
import { createWebhook, listWebhooks, resendDelivery, sendTestEvent, updateWebhook } from "./manage";
import { fanOutEvents } from "./fanout";
import { deliverDue, DeliveryPool } from "./deliver";
import { webhookDeps, type WebhookDeps } from "./deps";
import { installAsSystemResolver, rebindingResolver } from "@/scripts/test/rebinding";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspace>>;

/** A receiver on loopback: answers with the next status of `script` (the last one repeats). */
interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}
let received: Received[] = [];
let script: number[] = [200];
let hang = false;
const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ headers: req.headers, body });
    if (hang) return; // never answers: the sender's timeout must end it
    const status = script.length > 1 ? script.shift()! : script[0]!;
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "thanks" : `nope ${status}`);
  });
});
let base = "";

/** An independent verifier, as a receiver would write it from the README. */
function verify(secret: string, header: string, body: string, nowSeconds: number): boolean {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > 300) return false;
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

const deps = (over: Partial<WebhookDeps> = {}) => webhookDeps({ allowPrivate: true, backoffMs: () => 0, timeoutMs: 2000, ...over });

async function deliveriesOf(webhookId: string) {
  return db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId)).orderBy(webhookDeliveries.createdAt);
}

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  A = await makeWorkspace(db());
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(async () => {
  received = [];
  script = [200];
  hang = false;
  // Each test starts with no webhook and every earlier event handled.
  await db().delete(webhooks).where(eq(webhooks.workspaceId, A.workspace.id));
  await fanOutEvents(db(), 10_000);
});

describe("webhook deliveries", () => {
  it("posts the event signed with the secret; an independent verifier accepts it and rejects tampering", async () => {
    const secret = "a-long-test-secret-0123456789";
    const made = await createWebhook(db(), A.actors.admin, { url: `${base}/hook`, events: ["schedule_created"] }, deps());
    // The generated secret is replaced by one the test knows (PATCH secret).
    expect(made.secret).toMatch(/^whsec_/);
    const webhook = await updateWebhook(db(), A.actors.admin, made.webhook.id, { secret }, deps());
    const eventId = await emitEvent(db(), A.workspace.id, "schedule_created", { schedule_id: "s1", scheduled_time: "2031-01-01T00:00:00.000Z" });
    await emitEvent(db(), A.workspace.id, "publishing_failed", { schedule_id: "s1" }); // not subscribed
    await fanOutEvents(db());
    const out = await deliverDue(db(), deps());
    expect(out.map((o) => o.outcome)).toEqual(["delivered"]);
    expect(received).toHaveLength(1);
    const { headers, body } = received[0]!;
    const signature = headers["x-scheduler-signature"] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verify(secret, signature, body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verify("another-secret-0123456789", signature, body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verify(secret, signature, body.replace("s1", "s2"), Math.floor(Date.now() / 1000))).toBe(false);
    expect(verify(secret, signature, body, Math.floor(Date.now() / 1000) + 600)).toBe(false); // replayed 10 minutes later
    expect(headers["content-type"]).toBe("application/json");
    expect(JSON.parse(body)).toEqual({
      id: `evt_${eventId}`,
      type: "schedule_created",
      created_at: expect.any(String),
      workspace_id: A.workspace.id,
      data: { schedule_id: "s1", scheduled_time: "2031-01-01T00:00:00.000Z" },
    });
    const [row] = await deliveriesOf(webhook.id);
    expect(headers["x-scheduler-delivery"]).toBe(row!.id);
    expect(row).toMatchObject({ status: "delivered", attempt: 1, httpStatus: 200, responseExcerpt: "thanks", nextAttemptAt: null });
    expect(row!.durationMs).toBeGreaterThanOrEqual(0);
    expect(row!.deliveredAt).toBeInstanceOf(Date);
  });

  it("retries a 500 with backoff and then succeeds", async () => {
    script = [500, 200];
    const backoffs: number[] = [];
    const { webhook } = await createWebhook(db(), A.actors.admin, { url: `${base}/retry`, events: ["publishing_completed"] }, deps());
    await emitEvent(db(), A.workspace.id, "publishing_completed", { schedule_id: "s2" });
    await fanOutEvents(db());
    const slow = deps({ backoffMs: (n) => (backoffs.push(n), 60_000) });
    expect((await deliverDue(db(), slow)).map((o) => o.outcome)).toEqual(["retrying"]);
    let [row] = await deliveriesOf(webhook.id);
    expect(row).toMatchObject({ status: "retrying", attempt: 1, httpStatus: 500, responseExcerpt: "nope 500" });
    expect(row!.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect(backoffs).toEqual([1]);
    // Not due yet: nothing is sent.
    expect(await deliverDue(db(), slow)).toEqual([]);
    await db()
      .update(webhookDeliveries)
      .set({ nextAttemptAt: new Date(Date.now() - 1000) })
      .where(eq(webhookDeliveries.id, row!.id));
    expect((await deliverDue(db(), slow)).map((o) => o.outcome)).toEqual(["delivered"]);
    [row] = await deliveriesOf(webhook.id);
    expect(row).toMatchObject({ status: "delivered", attempt: 2, httpStatus: 200 });
    expect(received).toHaveLength(2);
    // Both attempts carry the same delivery id, so a receiver can drop a duplicate.
    expect(received[0]!.headers["x-scheduler-delivery"]).toBe(received[1]!.headers["x-scheduler-delivery"]);
  });

  it("gives up after the attempt limit and marks the delivery failed; a re-send starts over", async () => {
    script = [503];
    const { webhook } = await createWebhook(db(), A.actors.admin, { url: `${base}/down`, events: ["publishing_failed"] }, deps());
    await emitEvent(db(), A.workspace.id, "publishing_failed", { schedule_id: "s3" });
    await fanOutEvents(db());
    const d = deps({ maxAttempts: 3 });
    const outcomes = [];
    for (let i = 0; i < 4; i++) outcomes.push(...(await deliverDue(db(), d)).map((o) => o.outcome));
    expect(outcomes).toEqual(["retrying", "retrying", "failed"]);
    const [row] = await deliveriesOf(webhook.id);
    expect(row).toMatchObject({ status: "failed", attempt: 3, httpStatus: 503, nextAttemptAt: null });
    expect(received).toHaveLength(3);
    expect((await listWebhooks(db(), A.actors.admin)).find((w) => w.id === webhook.id)).toMatchObject({ failing: 1, lastStatus: "failed" });

    script = [200];
    const again = await resendDelivery(db(), A.actors.admin, webhook.id, row!.id, d);
    expect(again).toMatchObject({ id: row!.id, status: "delivered", attempt: 1, httpStatus: 200 });
    const audit = await db().select().from(auditLog).where(eq(auditLog.entityId, webhook.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["webhook.create", "webhook.resend"]));
  });

  it("a network error or a timeout is retried, and a slow receiver does not hold up another", async () => {
    const { webhook: dead } = await createWebhook(db(), A.actors.admin, { url: "http://127.0.0.1:1/closed", events: ["schedule_cancelled"] }, deps());
    const { webhook: ok } = await createWebhook(db(), A.actors.admin, { url: `${base}/fine`, events: ["schedule_cancelled"] }, deps());
    await emitEvent(db(), A.workspace.id, "schedule_cancelled", { schedule_id: "s4" });
    await fanOutEvents(db());
    const out = await deliverDue(db(), deps());
    expect(out).toHaveLength(2);
    expect((await deliveriesOf(dead.id))[0]).toMatchObject({ status: "retrying", httpStatus: null, responseExcerpt: expect.stringMatching(/Network error/) });
    expect((await deliveriesOf(ok.id))[0]).toMatchObject({ status: "delivered" });

    hang = true;
    await db().delete(webhooks).where(eq(webhooks.id, dead.id));
    const { webhook: slow } = await createWebhook(db(), A.actors.admin, { url: `${base}/slow`, events: ["schedule_changed"] }, deps());
    await emitEvent(db(), A.workspace.id, "schedule_changed", { schedule_id: "s5" });
    await fanOutEvents(db());
    // The pool returns at once; the slow request ends at its timeout and is logged as such.
    const pool = new DeliveryPool(db(), deps({ timeoutMs: 300 }));
    expect(await pool.tick()).toBe(1);
    expect(pool.busy).toBe(1);
    await pool.idle();
    expect((await deliveriesOf(slow.id))[0]).toMatchObject({ status: "retrying", responseExcerpt: expect.stringMatching(/timed out/) });
  });

  it("only events newer than the webhook, only active webhooks, only subscribed events", async () => {
    await emitEvent(db(), A.workspace.id, "schedule_created", { schedule_id: "old" });
    await new Promise((r) => setImmediate(r));
    const { webhook } = await createWebhook(db(), A.actors.admin, { url: `${base}/new`, events: ["schedule_created"] }, deps());
    const { webhook: off } = await createWebhook(db(), A.actors.admin, { url: `${base}/off`, events: ["schedule_created"], active: false }, deps());
    // The old event is older than both webhooks: move it back an hour so clock ties cannot matter.
    await db().execute(`update publishing_events set created_at = now() - interval '1 hour' where data->>'schedule_id' = 'old'`);
    await emitEvent(db(), A.workspace.id, "schedule_created", { schedule_id: "new" });
    const B = await makeWorkspace(db(), ["admin"]);
    await emitEvent(db(), B.workspace.id, "schedule_created", { schedule_id: "other-workspace" });
    await fanOutEvents(db());
    const rows = await deliveriesOf(webhook.id);
    expect(rows.map((r) => (r.payload as { data: { schedule_id: string } }).data.schedule_id)).toEqual(["new"]);
    expect(await deliveriesOf(off.id)).toHaveLength(0);
  });

  it("sends a test event at once and logs it", async () => {
    const { webhook } = await createWebhook(db(), A.actors.admin, { url: `${base}/ping`, events: ["schedule_created"] }, deps());
    const d = await sendTestEvent(db(), A.actors.admin, webhook.id, deps());
    expect(d).toMatchObject({ event: "ping", status: "delivered", httpStatus: 200, attempt: 1 });
    expect(JSON.parse(received[0]!.body)).toMatchObject({ type: "ping", workspace_id: A.workspace.id, data: { webhook_id: webhook.id } });
  });
});

describe("private network refusal", () => {
  it("refuses to save a webhook to a private or loopback address unless allowed, and saves nothing", async () => {
    for (const url of ["http://127.0.0.1:8080/x", "http://10.1.2.3/x", "http://169.254.169.254/latest", "http://[::1]/x", "http://192.168.0.10/x"]) {
      await expect(createWebhook(db(), A.actors.admin, { url, events: ["schedule_created"] }, deps({ allowPrivate: false }))).rejects.toMatchObject({
        code: "bad_request:private_address",
      });
    }
    await expect(
      createWebhook(db(), A.actors.admin, { url: "ftp://203.0.113.5/x", events: ["schedule_created"] }, deps({ allowPrivate: false })),
    ).rejects.toMatchObject({ code: "bad_request:url" });
    expect(await db().select().from(webhooks).where(eq(webhooks.workspaceId, A.workspace.id))).toHaveLength(0);
    const ok = await createWebhook(db(), A.actors.admin, { url: "https://203.0.113.7/hook", events: ["schedule_created"] }, deps({ allowPrivate: false }));
    expect(ok.webhook.url).toBe("https://203.0.113.7/hook");
  });

  it("checks again at delivery time: a private target is refused, failed at once, and never contacted", async () => {
    const { webhook } = await createWebhook(db(), A.actors.admin, { url: `${base}/private`, events: ["schedule_created"] }, deps());
    await emitEvent(db(), A.workspace.id, "schedule_created", { schedule_id: "p1" });
    await fanOutEvents(db());
    expect((await deliverDue(db(), deps({ allowPrivate: false }))).map((o) => o.outcome)).toEqual(["failed"]);
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({
      status: "failed",
      httpStatus: null,
      responseExcerpt: expect.stringMatching(/^Refused: .*private network/),
    });
    expect(received).toHaveLength(0);
  });

  it("connects to the address it checked: a name that answers public, then loopback, never reaches loopback", async () => {
    const port = (server.address() as AddressInfo).port;
    const { webhook } = await createWebhook(db(), A.actors.admin, { url: `http://rebind.test:${port}/hook`, events: ["schedule_created"] }, deps());
    await emitEvent(db(), A.workspace.id, "schedule_created", { schedule_id: "r1" });
    await fanOutEvents(db());
    // 203.0.113.10 is a documentation address: public to the check, and nobody answers there.
    const rebinding = rebindingResolver("203.0.113.10", "127.0.0.1");
    // The process's own resolver answers the same way, so any second resolution meets it too.
    const restore = installAsSystemResolver(rebinding.resolve);
    try {
      expect((await deliverDue(db(), deps({ allowPrivate: false, timeoutMs: 500, resolver: rebinding.resolve }))).map((o) => o.outcome)).toEqual(["retrying"]);
    } finally {
      restore();
    }
    expect(received).toHaveLength(0);
    expect(rebinding.asked).toEqual(["rebind.test"]);
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({ status: "retrying", httpStatus: null });
  });

  it("with private targets allowed, a name is still resolved once and the request goes to that address", async () => {
    const port = (server.address() as AddressInfo).port;
    const { webhook } = await createWebhook(db(), A.actors.admin, { url: `http://receiver.test:${port}/hook`, events: ["schedule_created"] }, deps());
    await emitEvent(db(), A.workspace.id, "schedule_created", { schedule_id: "r2" });
    await fanOutEvents(db());
    const asked: string[] = [];
    const resolver = async (host: string) => (asked.push(host), [{ address: "127.0.0.1", family: 4 as const }]);
    expect((await deliverDue(db(), deps({ resolver }))).map((o) => o.outcome)).toEqual(["delivered"]);
    expect(asked).toEqual(["receiver.test"]);
    expect(received).toHaveLength(1);
    expect(received[0]!.headers.host).toBe(`receiver.test:${port}`); // the name, not the address, is what the receiver sees
    expect((await deliveriesOf(webhook.id))[0]).toMatchObject({ status: "delivered", httpStatus: 200, responseExcerpt: "thanks" });
  });
});
