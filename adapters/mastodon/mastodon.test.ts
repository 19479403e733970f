import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { adapter, htmlToText, KEY_TRUST_MS } from "./index";
import { validate } from "./descriptor";
import { createMastodonFake, mastodonFaults, renderHtml } from "../fakes/mastodon";
import { faults } from "../fakes/server";
import { closedPort, contextFor, postOf } from "../fakes/context";
import type { PublishMedia } from "../adapter";
import { failure, draftOf } from "../fakes/expect";

const token = "mastodon-user-token";
const fake = createMastodonFake({ token });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  vi.useRealTimers();
});

const ctx = (over: { token?: string; config?: Record<string, unknown>; timeoutMs?: number } = {}) =>
  contextFor("mastodon", fake.url, {
    credentials: { access_token: over.token ?? token },
    config: { media_poll_interval_ms: 1, ...over.config },
    timeoutMs: over.timeoutMs,
  });

const image = (alt: string | null, mimeType = "image/png", size = 64): PublishMedia => ({
  url: null,
  mimeType,
  altText: alt,
  sizeBytes: size,
  read: async () => Buffer.alloc(size, 7),
});
const statusesWithKey = (key: string) => fake.statuses.filter((s) => s.idempotencyKey === key);
const statusPosts = (text: string) => (req: { method: string; path: string; body: unknown }) =>
  req.method === "POST" && req.path === "/api/v1/statuses" && (req.body as { status?: string } | null)?.status === text;

describe("mastodon adapter against its fake", () => {
  it("publishes with the Idempotency-Key and the account's visibility, and returns the status id and url", async () => {
    const post = postOf({ text: "Launch day! https://example.com/launch #news" });
    const res = await adapter.publish(ctx({ config: { visibility: "unlisted", language: "en" } }), post);
    const s = fake.statuses.at(-1)!;
    expect(res.platformPostId).toBe(s.id);
    expect(res.url).toBe(`${fake.url}/@scheduler/${s.id}`);
    expect(s).toMatchObject({ text: post.text, visibility: "unlisted", language: "en", idempotencyKey: post.idempotencyKey, inReplyToId: null });
    expect(post.state.sent_at).toBeDefined();
    // Default visibility is public.
    await adapter.publish(ctx(), postOf());
    expect(fake.statuses.at(-1)!.visibility).toBe("public");
  });

  it("rejects text over the server's max_characters (URLs count 23) as validate() does", async () => {
    const long = postOf({ text: "a".repeat(501) });
    const before = fake.statuses.length;
    const err = await failure(adapter.publish(ctx(), long));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("Text character limit of 500 exceeded");
    expect(fake.statuses.length).toBe(before);
    expect(validate(draftOf(long), 500).map((i) => i.code)).toContain("text_too_long");

    const withUrl = postOf({ text: `${"b".repeat(470)} https://example.com/${"x".repeat(100)}` });
    expect(validate(draftOf(withUrl), 500)).toEqual([]);
    const ok = await adapter.publish(ctx(), withUrl);
    expect(fake.statuses.at(-1)).toMatchObject({ id: ok.platformPostId, text: withUrl.text });
  });

  it("reads a larger per-server limit in verifyCredentials and publishes to it", async () => {
    fake.settings.maxCharacters = 1000;
    try {
      const account = await adapter.verifyCredentials(ctx());
      expect(account).toEqual({ externalId: fake.account.id, name: `@scheduler@${new URL(fake.url).host}`, config: { max_characters: 1000 } });
      const post = postOf({ text: "c".repeat(800) });
      expect(validate(draftOf(post), 1000)).toEqual([]);
      expect(validate(draftOf(post)).map((i) => i.code)).toContain("text_too_long");
      await adapter.publish(ctx({ config: { max_characters: 1000 } }), post);
      expect(fake.statuses.at(-1)!.text).toBe(post.text);
    } finally {
      fake.settings.maxCharacters = 500;
    }
  });

  it("refuses a fifth attachment as Mastodon does, and validate() flags it", async () => {
    const post = postOf({ text: "five pictures", media: [1, 2, 3, 4, 5].map((n) => image(`picture ${n}`)) });
    const err = await failure(adapter.publish(ctx(), post));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("Cannot attach more than 4 files");
    expect(validate(draftOf(post)).some((i) => i.field === "media" && i.severity === "error")).toBe(true);
  });

  it("uploads media with alt text, waits for processing, and reuses the uploads on a retry", async () => {
    fake.settings.asyncImages = true;
    fake.settings.processingPolls = 3;
    try {
      const post = postOf({ text: "two pictures", media: [image("A red bicycle"), image(null, "image/jpeg")] });
      fake.inject(faults.serverError(503), { match: statusPosts("two pictures") });
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
      const uploads = fake.count("POST", "/api/v2/media");
      expect(post.state.media_ids!.split(",")).toHaveLength(2);
      await adapter.publish(ctx(), post);
      expect(fake.count("POST", "/api/v2/media")).toBe(uploads);
      const s = fake.statuses.at(-1)!;
      expect(s.mediaIds).toEqual(post.state.media_ids!.split(","));
      expect(s.mediaIds.map((id) => fake.media.get(id)!.description)).toEqual(["A red bicycle", null]);
      expect(fake.requests.filter((r) => r.path.startsWith("/api/v1/media/")).length).toBeGreaterThanOrEqual(3);
    } finally {
      fake.settings.asyncImages = false;
      fake.settings.processingPolls = 1;
    }
  });

  it("a bad token is an auth failure for publish and verifyCredentials", async () => {
    const err = await failure(adapter.publish(ctx({ token: "revoked" }), postOf()));
    expect(err.kind).toBe("auth");
    expect(err.message).toContain("reconnect");
    expect((await failure(adapter.verifyCredentials(ctx({ token: "revoked" })))).kind).toBe("auth");
  });

  it("429 waits until X-RateLimit-Reset; 500 is retryable; a refused connection is retryable", async () => {
    const now = new Date("2026-11-05T12:00:00.000Z");
    vi.useFakeTimers({ toFake: ["Date"], now });
    fake.inject(mastodonFaults.rateLimited(new Date(now.getTime() + 90_000)));
    const limited = await failure(adapter.publish(ctx(), postOf()));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(90_000);
    vi.useRealTimers();
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), postOf()))).kind).toBe("retryable");
    const closed = contextFor("mastodon", `http://127.0.0.1:${await closedPort()}`, { credentials: { access_token: token } });
    const refused = await failure(adapter.publish(closed, postOf()));
    expect(refused.kind).toBe("retryable");
    expect(refused.message).toContain("could not reach Mastodon");
  });

  it("a lost response inside the key window: findExisting defers to the key, the re-send returns the same status", async () => {
    const post = postOf({ text: "Lost answer, same key" });
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(statusesWithKey(post.idempotencyKey)).toHaveLength(1);
    expect(await adapter.findExisting(ctx(), post)).toBeNull();
    const again = await adapter.publish(ctx(), post);
    expect(statusesWithKey(post.idempotencyKey)).toHaveLength(1);
    expect(again.platformPostId).toBe(statusesWithKey(post.idempotencyKey)[0]!.id);
  });

  it("beyond the key window findExisting matches recent statuses by text, ignoring an older identical post", async () => {
    const text = "Weekly reminder: standup at 10 & bring <snacks> https://example.com/a/very/long/path/that/is/cut #team";
    fake.advance(-3 * 3600_000);
    const lastWeek = await adapter.publish(ctx(), postOf({ text }));
    fake.advance(3 * 3600_000);
    const post = postOf({ text });
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    post.state.sent_at = String(Date.now() - KEY_TRUST_MS - 60_000);
    fake.advance(2 * 3600_000); // the server has forgotten the key by now
    try {
      const found = await adapter.findExisting(ctx(), post);
      const created = statusesWithKey(post.idempotencyKey);
      expect(created).toHaveLength(1);
      expect(found).toMatchObject({ platformPostId: created[0]!.id, url: `${fake.url}/@scheduler/${created[0]!.id}` });
      expect(found!.platformPostId).not.toBe(lastWeek.platformPostId);
      expect(await adapter.findExisting(ctx(), postOf({ text: "never posted", state: { sent_at: post.state.sent_at! } }))).toBeNull();
    } finally {
      fake.advance(-2 * 3600_000);
    }
  });

  it("strips Mastodon's HTML back to the posted text", () => {
    const text = "Line one\nline two\n\nPara & <b> 'q' https://www.example.com/abcdefghijklmnopqrstuvwxyz0123456789 #tag";
    expect(htmlToText(renderHtml(text, "https://mastodon.example"))).toBe(text);
  });

  it("publishes a thread as a reply chain with one key per part", async () => {
    const post = postOf({ parts: ["one/3", "two/3", "three/3"] });
    const res = await adapter.publish(ctx(), post);
    const [a, b, c] = ["", "#1", "#2"].map((suffix) => statusesWithKey(post.idempotencyKey + suffix)[0]!);
    expect([a!.inReplyToId, b!.inReplyToId, c!.inReplyToId]).toEqual([null, a!.id, b!.id]);
    expect([a!.text, b!.text, c!.text]).toEqual(post.parts);
    expect(res.platformPostId).toBe(a!.id);
    expect(res.parts!.map((p) => p.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(post.progress.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it("resumes a thread after a failure and after a lost answer mid-thread without posting a part twice", async () => {
    const parts = ["alpha 1/3", "beta 2/3", "gamma 3/3"];
    const post = postOf({ parts });
    fake.inject(faults.serverError(500), { match: statusPosts("beta 2/3") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
    expect(post.progress).toHaveLength(1);
    const second = postOf({ parts, idempotencyKey: post.idempotencyKey, publishedParts: post.progress, state: post.state });
    fake.inject(faults.loseResponse(), { match: statusPosts("gamma 3/3") });
    expect((await failure(adapter.publish(ctx(), second))).kind).toBe("unknown_outcome");
    expect(second.progress).toHaveLength(2);
    const third = postOf({ parts, idempotencyKey: post.idempotencyKey, publishedParts: second.progress, state: second.state });
    const res = await adapter.publish(ctx(), third);
    const chain = parts.map((t) => fake.statuses.filter((s) => s.text === t));
    expect(chain.map((c) => c.length)).toEqual([1, 1, 1]);
    expect(chain[1]![0]!.inReplyToId).toBe(chain[0]![0]!.id);
    expect(chain[2]![0]!.inReplyToId).toBe(chain[1]![0]!.id);
    expect(res.parts!.map((p) => p.id)).toEqual(chain.map((c) => c[0]!.id));
  });

  it("checks every thread part against the limit before posting anything", async () => {
    const before = fake.statuses.length;
    const err = await failure(adapter.publish(ctx(), postOf({ parts: ["fine", "x".repeat(600), "fine too"] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("thread part 2");
    expect(fake.statuses.length).toBe(before);
  });

  it("fetchMetrics maps favourites, boosts and replies; a deleted status is permanent", async () => {
    const res = await adapter.publish(ctx(), postOf({ text: "count me" }));
    Object.assign(fake.statuses.find((s) => s.id === res.platformPostId)!, { favourites: 5, reblogs: 2, replies: 1 });
    await expect(adapter.fetchMetrics(ctx(), res.platformPostId)).resolves.toMatchObject({ likes: 5, shares: 2, comments: 1, clicks: 0, impressions: 0 });
    expect((await failure(adapter.fetchMetrics(ctx(), "999"))).kind).toBe("permanent");
  });
});
