import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { createWebhookFake } from "../fakes/webhook";
import { faults } from "../fakes/server";
import { closedPort, contextFor, postOf } from "../fakes/context";
import { failure } from "../fakes/expect";

const secret = "whsec_test_secret";
const fake = createWebhookFake({ secret });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());

const ctx = (over: { secret?: string; timeoutMs?: number } = {}) =>
  contextFor("webhook", fake.hookUrl(), { credentials: { secret: over.secret ?? secret }, timeoutMs: over.timeoutMs });

describe("webhook adapter against its fake", () => {
  it("delivers signed JSON with the idempotency key and returns the receiver's id", async () => {
    const post = postOf({ text: "Launch day", tags: ["news"] });
    const res = await adapter.publish(ctx(), post);
    const d = fake.deliveries.at(-1)!;
    expect(res.platformPostId).toBe(d.id);
    expect(res.url).toBe(`${fake.url}/posts/${d.id}`);
    expect(d.key).toBe(post.idempotencyKey);
    expect((d.payload.content as { text: string }).text).toBe("Launch day");
  });

  it("a wrong secret is an auth failure", async () => {
    const err = await failure(adapter.publish(ctx({ secret: "nope" }), postOf()));
    expect(err.kind).toBe("auth");
    expect(err.httpStatus).toBe(401);
  });

  it("429 carries Retry-After, 500 is retryable", async () => {
    fake.inject(faults.rateLimited(7));
    const limited = await failure(adapter.publish(ctx(), postOf()));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(7000);
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), postOf()))).kind).toBe("retryable");
  });

  it("a lost response is an unknown outcome; re-sending with the same key creates nothing new", async () => {
    const post = postOf();
    const before = fake.deliveries.length;
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(fake.deliveries.length).toBe(before + 1);
    const again = await adapter.publish(ctx(), post);
    expect(fake.deliveries.length).toBe(before + 1);
    expect(again.platformPostId).toBe(fake.deliveries.at(-1)!.id);
  });

  it("a timeout after sending is an unknown outcome; a refused connection is retryable", async () => {
    fake.inject(faults.slow(500));
    expect((await failure(adapter.publish(ctx({ timeoutMs: 100 }), postOf()))).kind).toBe("unknown_outcome");
    const closed = contextFor("webhook", `http://127.0.0.1:${await closedPort()}/hook`, { credentials: { secret } });
    expect((await failure(adapter.publish(closed, postOf()))).kind).toBe("retryable");
  });

  it("verifyCredentials pings; a missing secret needs reconnecting", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toMatchObject({ name: new URL(fake.url).host });
    const noSecret = contextFor("webhook", fake.hookUrl());
    expect((await failure(adapter.verifyCredentials(noSecret))).kind).toBe("auth");
  });
});
