import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { adapter, comparable } from "./index";
import { createXFake, xRateLimited } from "../fakes/x";
import type { FakeRequest } from "../fakes/server";
import { faults } from "../fakes/server";
import { closedPort, contextFor, postOf } from "../fakes/context";
import type { PublishMedia } from "../adapter";
import type { PostDraft } from "../types";
import { failure } from "../fakes/expect";

const token = "x-user-token";
const fake = createXFake({ token, clientId: "client-abc", username: "sched" });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());
beforeEach(() => void fake.clearFaults());

const ctx = (over: { token?: string; config?: Record<string, unknown>; credentials?: Record<string, string>; timeoutMs?: number } = {}) =>
  contextFor("x", fake.url, {
    credentials: { access_token: over.token ?? token, ...over.credentials },
    config: { username: "sched", ...over.config },
    timeoutMs: over.timeoutMs,
  });

let n = 0;
const unique = (s: string) => `${s} #${++n}`;
const draft = (text: string, over: Partial<PostDraft> = {}): PostDraft => ({ contentType: "post", title: "", text, media: [], tags: [], ...over });
const file = (mimeType: string, size: number, altText: string | null = null): PublishMedia => ({
  url: null,
  mimeType,
  altText,
  sizeBytes: size,
  read: async () => Buffer.alloc(size, 7),
});
const tweetPosts = (req: FakeRequest) => req.method === "POST" && req.path === "/2/tweets";

describe("x adapter against its fake", () => {
  it("publishes a post and returns its id and URL", async () => {
    const text = unique("Launch day: https://example.com/a/very/long/path/that/counts/as/23 & more");
    const res = await adapter.publish(ctx(), postOf({ text }));
    const t = fake.tweets.at(-1)!;
    expect(t.text).toBe(text);
    expect(t.replyTo).toBeNull();
    expect(res.platformPostId).toBe(t.id);
    expect(res.url).toBe(`https://x.com/sched/status/${t.id}`);
    expect(res.parts).toBeUndefined();
  });

  it("text over 280 weighted characters: validate() and X both refuse it", async () => {
    const emoji = "😀".repeat(141); // 282 weighted
    expect(validate(emoji).map((i) => i.code)).toContain("text_too_long");
    const err = await failure(adapter.publish(ctx(), postOf({ text: emoji })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/longer than 280/);
    // A long URL counts 23, so 250 letters + a 300-character link is within the limit.
    const linked = `${"a".repeat(250)} https://example.com/${"p".repeat(280)}`;
    expect(validate(linked)).toEqual([]);
    const ok = await adapter.publish(ctx(), postOf({ text: linked }));
    expect(ok.platformPostId).toBe(fake.tweets.at(-1)!.id);
    expect(fake.tweets.at(-1)!.text).toBe(linked);
  });

  it("duplicate text is a permanent error with a readable message", async () => {
    const text = unique("Same words twice");
    await adapter.publish(ctx(), postOf({ text }));
    const err = await failure(adapter.publish(ctx(), postOf({ text })));
    expect(err.kind).toBe("permanent");
    expect(err.httpStatus).toBe(403);
    expect(err.message).toBe("X refused the post: duplicate content (this account already posted the same text)");
  });

  it("too many attachments: validate() and X both refuse five images", async () => {
    const media = Array.from({ length: 5 }, () => ({ mimeType: "image/png", sizeBytes: 10, altText: "a picture" }));
    expect(validate("five", { media }).map((i) => i.code)).toContain("media_too_many");
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("five"), media: media.map((m) => file(m.mimeType, 10, m.altText)) })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/1 to 4 media/);
  });

  it("an image over 5 MB is refused at upload, as validate() predicts", async () => {
    const big = 5 * 1024 * 1024 + 1;
    expect(validate("big", { media: [{ mimeType: "image/png", sizeBytes: big, altText: "x" }] }).map((i) => i.code)).toContain("media_too_large");
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("big"), media: [file("image/png", big)] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/File size exceeds/);
  });

  it("uploads images (with alt text) and a chunked video, waiting for processing", async () => {
    const res = await adapter.publish(ctx(), postOf({ text: unique("pics"), media: [file("image/png", 1000, "a cat"), file("image/jpeg", 2000)] }));
    const t = fake.tweets.at(-1)!;
    expect(res.platformPostId).toBe(t.id);
    expect(t.mediaIds).toHaveLength(2);
    expect(fake.media.get(t.mediaIds[0]!)?.altText).toBe("a cat");

    const before = fake.count("GET", "/2/media/upload");
    const video = await adapter.publish(ctx(), postOf({ text: unique("clip"), media: [file("video/mp4", 7 * 1024 * 1024)] }));
    const v = fake.media.get(fake.tweets.at(-1)!.mediaIds[0]!)!;
    expect(video.platformPostId).toBe(fake.tweets.at(-1)!.id);
    expect([...v.segments.keys()]).toEqual([0, 1, 2]); // 3 MB + 3 MB + 1 MB
    expect(fake.count("GET", "/2/media/upload") - before).toBe(2);
  });

  it("a retry after a failed post reuses the uploaded media", async () => {
    const post = postOf({ text: unique("retry with media"), media: [file("image/png", 500)] });
    fake.inject(faults.serverError(503), { match: tweetPosts });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
    const inits = fake.count("POST", "/2/media/upload/initialize");
    await adapter.publish(ctx(), post);
    expect(fake.count("POST", "/2/media/upload/initialize")).toBe(inits);
    expect(fake.tweets.at(-1)!.mediaIds).toEqual(post.state.x_media_ids!.split(","));
  });

  it("a bad token is an auth failure", async () => {
    const err = await failure(adapter.publish(ctx({ token: "nope" }), postOf({ text: unique("x") })));
    expect(err.kind).toBe("auth");
    expect(err.httpStatus).toBe(401);
    expect((await failure(adapter.verifyCredentials(ctx({ token: "nope" })))).kind).toBe("auth");
  });

  it("429 uses x-rate-limit-reset when there is no Retry-After; Retry-After wins when present", async () => {
    fake.inject(xRateLimited(Math.floor(Date.now() / 1000) + 90));
    const limited = await failure(adapter.publish(ctx(), postOf({ text: unique("x") })));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBeGreaterThan(80_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(90_000);
    fake.inject(faults.rateLimited(7));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("x") })))).retryAfterMs).toBe(7000);
  });

  it("500 is retryable; a refused connection is retryable; a timeout after sending is unknown", async () => {
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("x") })))).kind).toBe("retryable");
    const closed = contextFor("x", `http://127.0.0.1:${await closedPort()}`, { credentials: { access_token: token } });
    expect((await failure(adapter.publish(closed, postOf({ text: unique("x") })))).kind).toBe("retryable");
    fake.inject(faults.slow(400));
    const text = unique("slow");
    expect((await failure(adapter.publish(ctx({ timeoutMs: 100 }), postOf({ text })))).kind).toBe("unknown_outcome");
    // The fake still creates it once the delay is over (as X would); let it land before moving on.
    await vi.waitFor(() => expect(fake.tweets.some((t) => t.text === text)).toBe(true), { timeout: 2000 });
  });

  it("a lost response is an unknown outcome; findExisting finds the one copy", async () => {
    const text = unique("Lost & found https://example.com/page <b>");
    const post = postOf({ text });
    const before = fake.tweets.length;
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(fake.tweets.length).toBe(before + 1);
    const c = ctx({ config: {} });
    const found = await adapter.findExisting(c, post);
    expect(found?.platformPostId).toBe(fake.tweets.at(-1)!.id);
    expect(c.config.user_id).toBe(fake.userId); // looked up once, then cached
    expect(fake.tweets.filter((t) => t.text === text)).toHaveLength(1);
    expect(await adapter.findExisting(ctx(), postOf({ text: unique("never sent") }))).toBeNull();
  });

  it("a busy account cannot hide the post: the lookup pages back to the first send", async () => {
    const text = unique("buried under a busy hour");
    const post = postOf({ text });
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(post.state.first_attempt_at).toBeTruthy();
    for (let i = 0; i < 150; i++) await adapter.publish(ctx(), postOf({ text: unique("later post") }));
    const pages = () => fake.requests.filter((r) => r.path === `/2/users/${fake.userId}/tweets`).length;
    const before = pages();
    const found = await adapter.findExisting(ctx(), post);
    expect(found?.platformPostId).toBe(fake.tweets.find((t) => t.text === text)!.id);
    expect(pages() - before).toBe(2);
    expect(fake.requests.at(-1)!.query.get("start_time")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("publishes a thread as a reply chain", async () => {
    const parts = [unique("1/3 start"), unique("2/3 middle"), unique("3/3 end")];
    const post = postOf({ parts, text: parts.join("\n\n") });
    const res = await adapter.publish(ctx(), post);
    const out = fake.tweets.slice(-3);
    expect(out.map((t) => t.text)).toEqual(parts);
    expect(out[0]!.replyTo).toBeNull();
    expect(out[1]!.replyTo).toBe(out[0]!.id);
    expect(out[2]!.replyTo).toBe(out[1]!.id);
    expect(res.platformPostId).toBe(out[0]!.id);
    expect(res.parts?.map((p) => p.id)).toEqual(out.map((t) => t.id));
    expect(post.progress.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it("a failure mid-thread resumes after the published parts, chain intact", async () => {
    const parts = [unique("A first"), unique("B second"), unique("C third")];
    let posts = 0;
    fake.inject(faults.serverError(503), { match: (r) => tweetPosts(r) && ++posts === 2 });
    const first = postOf({ parts });
    expect((await failure(adapter.publish(ctx(), first))).kind).toBe("retryable");
    expect(first.progress).toHaveLength(1);
    const retry = postOf({ parts, publishedParts: first.progress });
    const res = await adapter.publish(ctx(), retry);
    const mine = fake.tweets.filter((t) => parts.includes(t.text));
    expect(mine.map((t) => t.text)).toEqual(parts);
    expect(mine[1]!.replyTo).toBe(mine[0]!.id);
    expect(mine[2]!.replyTo).toBe(mine[1]!.id);
    expect(res.parts?.map((p) => p.id)).toEqual(mine.map((t) => t.id));
  });

  it("a lost answer mid-thread: findExisting records the part that landed, the resume sends only the rest", async () => {
    const parts = [unique("one"), unique("two"), unique("three")];
    let posts = 0;
    fake.inject(faults.loseResponse(), { match: (r) => tweetPosts(r) && ++posts === 2 });
    const first = postOf({ parts });
    expect((await failure(adapter.publish(ctx(), first))).kind).toBe("unknown_outcome");
    const check = postOf({ parts, publishedParts: first.progress });
    expect(await adapter.findExisting(ctx(), check)).toBeNull();
    expect(check.progress.map((p) => p.index)).toEqual([0, 1]);
    const res = await adapter.publish(ctx(), postOf({ parts, publishedParts: check.progress }));
    const mine = fake.tweets.filter((t) => parts.includes(t.text));
    expect(mine).toHaveLength(3);
    expect(mine[2]!.replyTo).toBe(mine[1]!.id);
    expect(res.parts).toHaveLength(3);
    const whole = await adapter.findExisting(ctx(), postOf({ parts }));
    expect(whole?.parts?.map((p) => p.id)).toEqual(mine.map((t) => t.id));
  });

  it("verifyCredentials returns the user; fetchMetrics reads public_metrics", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toMatchObject({ externalId: fake.userId, name: "@sched" });
    const res = await adapter.publish(ctx(), postOf({ text: unique("metrics") }));
    Object.assign(fake.tweets.at(-1)!.metrics, { like_count: 5, retweet_count: 2, quote_count: 1, reply_count: 3, impression_count: 400 });
    await expect(adapter.fetchMetrics(ctx(), res.platformPostId)).resolves.toMatchObject({ likes: 5, shares: 3, comments: 3, impressions: 400 });
    expect((await failure(adapter.fetchMetrics(ctx(), "123"))).kind).toBe("permanent");
  });

  it("refreshToken rotates the refresh token; a refused or unreachable refresh is classified", async () => {
    const c = ctx({ config: { client_id: "client-abc" }, credentials: { refresh_token: fake.state.refreshToken } });
    const old = fake.state.refreshToken;
    const r = await adapter.refreshToken!(c);
    expect(r.credentials.refresh_token).not.toBe(old);
    expect(r.credentials.refresh_token).toBe(fake.state.refreshToken);
    expect(c.saved.at(-1)).toEqual(r.credentials);
    expect(r.expiresAt).toBeInstanceOf(Date);
    await adapter.publish(ctx({ token: r.credentials.access_token }), postOf({ text: unique("after refresh") }));
    const reused = ctx({ config: { client_id: "client-abc" }, credentials: { refresh_token: old } });
    expect((await failure(adapter.refreshToken!(reused))).kind).toBe("auth");
    fake.inject(faults.serverError(503));
    expect((await failure(adapter.refreshToken!(c))).kind).toBe("retryable");
    fake.inject(faults.drop());
    expect((await failure(adapter.refreshToken!(c))).kind).toBe("retryable");
  });

  it("comparable() sees through t.co links and HTML escaping", () => {
    expect(comparable("a &amp; b https://t.co/xyz")).toBe(comparable("a & b https://example.com/long"));
  });
});

function validate(text: string, over: Partial<PostDraft> = {}) {
  return adapter.validate(draft(text, over));
}
