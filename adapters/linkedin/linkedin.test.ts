import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_LINKEDIN_VERSION, adapter, littleText, untilUtcMidnight } from "./index";
import { createLinkedInFake, renderLittleText } from "../fakes/linkedin";
import { faults } from "../fakes/server";
import { closedPort, contextFor, postOf } from "../fakes/context";
import type { PublishMedia } from "../adapter";
import { failure } from "../fakes/expect";

const token = "li-token";
const author = "urn:li:person:abc123";
const fake = createLinkedInFake({ token, authorUrn: author, sub: "abc123" });
const blind = createLinkedInFake({ token, authorUrn: author, canRead: false });
beforeAll(async () => void (await Promise.all([fake.start(), blind.start()])));
afterAll(() => Promise.all([fake.close(), blind.close()]));
beforeEach(() => void fake.clearFaults());

const ctx = (over: { token?: string; config?: Record<string, unknown>; credentials?: Record<string, string>; url?: string; timeoutMs?: number } = {}) =>
  contextFor("linkedin", over.url ?? fake.url, {
    credentials: { access_token: over.token ?? token, ...over.credentials },
    config: { author_urn: author, ...over.config },
    timeoutMs: over.timeoutMs,
  });

let n = 0;
const unique = (s: string) => `${s} (#${++n})`;
const file = (mimeType: string, size: number, altText: string | null = null): PublishMedia => ({
  url: null,
  mimeType,
  altText,
  sizeBytes: size,
  read: async () => Buffer.alloc(size, 3),
});

describe("linkedin adapter against its fake", () => {
  it("publishes with the documented body and headers; returns the URN and feed URL", async () => {
    const text = unique("Hiring: (remote) [EU] <senior> dev_ops *now* ~ email me @ jobs | \\o/");
    const res = await adapter.publish(ctx(), postOf({ text }));
    const p = fake.posts.at(-1)!;
    expect(res.platformPostId).toBe(p.id);
    expect(res.url).toBe(`https://www.linkedin.com/feed/update/${p.id}`);
    expect(p.rendered).toBe(text); // nothing cut off by unescaped little-text characters
    expect(p.body).toEqual({
      author,
      commentary: littleText(text),
      visibility: "PUBLIC",
      distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: "PUBLISHED",
      isReshareDisabledByAuthor: false,
    });
    const req = fake.requests.filter((r) => r.path === "/rest/posts").at(-1)!;
    expect(req.headers["linkedin-version"]).toBe(DEFAULT_LINKEDIN_VERSION);
    expect(req.headers["x-restli-protocol-version"]).toBe("2.0.0");
  });

  it("a link without media becomes an article card", async () => {
    await adapter.publish(ctx(), postOf({ text: unique("Read this"), title: "Our launch", link: "https://example.com/launch" }));
    expect(fake.posts.at(-1)!.body.content).toEqual({ article: { source: "https://example.com/launch", title: "Our launch" } });
  });

  it("commentary over 3,000 characters: validate() and LinkedIn both refuse it", async () => {
    const text = "é".repeat(3001);
    const issues = adapter.validate({ contentType: "post", title: "", text, media: [], tags: [] });
    expect(issues.map((i) => i.code)).toContain("text_too_long");
    const err = await failure(adapter.publish(ctx(), postOf({ text })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/exceeds maximum allowed 3000/);
    // Escapes do not count: 3,000 visible characters with parentheses are fine on both sides.
    const full = `(${"a".repeat(2998)})`;
    expect(adapter.validate({ contentType: "post", title: "", text: full, media: [], tags: [] })).toEqual([]);
    await adapter.publish(ctx(), postOf({ text: full }));
    expect(fake.posts.at(-1)!.rendered).toBe(full);
  });

  it("a retired or malformed LinkedIn-Version is a permanent error naming the setting", async () => {
    const old = await failure(adapter.publish(ctx({ config: { linkedin_version: "202301" } }), postOf({ text: unique("x") })));
    expect(old.kind).toBe("permanent");
    expect(old.httpStatus).toBe(426);
    expect(old.message).toMatch(/LinkedIn-Version setting/);
    const bad = await failure(adapter.publish(ctx({ config: { linkedin_version: "2026-10" } }), postOf({ text: unique("x") })));
    expect(bad.kind).toBe("permanent");
    expect(bad.message).toMatch(/YYYYMM/);
  });

  it("a duplicate post is refused with a readable message; a missing author is a setting error", async () => {
    const text = unique("Same post twice");
    await adapter.publish(ctx(), postOf({ text }));
    const dup = await failure(adapter.publish(ctx(), postOf({ text })));
    expect(dup.kind).toBe("permanent");
    expect(dup.message).toMatch(/^LinkedIn refused the post: duplicate content/);
    const none = await failure(adapter.publish(ctx({ config: { author_urn: "" } }), postOf({ text: unique("x") })));
    expect(none.kind).toBe("permanent");
    expect(none.message).toMatch(/config\.author_urn/);
  });

  it("uploads one image (with alt text) into content.media, several into multiImage", async () => {
    await adapter.publish(ctx(), postOf({ text: unique("one"), media: [file("image/png", 100, "chart")] }));
    const one = fake.posts.at(-1)!.body.content as { media: { id: string; altText: string } };
    expect(one.media.altText).toBe("chart");
    expect(fake.assets.get(one.media.id)?.size).toBe(100);
    await adapter.publish(
      ctx(),
      postOf({ text: unique("two"), media: [file("image/png", 10, "bar chart"), file("image/jpeg", 20)], link: "https://example.com/x" }),
    );
    const two = fake.posts.at(-1)!;
    const images = (two.body.content as { multiImage: { images: { id: string; altText?: string }[] } }).multiImage.images;
    expect(images.map((i) => i.altText)).toEqual(["bar chart", undefined]);
    expect(two.rendered.endsWith("https://example.com/x")).toBe(true);
  });

  it("alt text over LinkedIn's 4,086 characters: validate() flags it and LinkedIn refuses it", async () => {
    const long = "a".repeat(4087);
    const issues = adapter.validate({
      contentType: "post",
      title: "",
      text: "t",
      tags: [],
      media: [{ mimeType: "image/png", sizeBytes: 10, width: 10, height: 10, altText: long }],
    });
    expect(issues.map((i) => i.code)).toContain("alt_text_too_long");
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("long alt"), media: [file("image/png", 10, long)] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/altText/);
  });

  it("uploads a video in the parts LinkedIn hands out and finalizes it with their ETags", async () => {
    await adapter.publish(ctx(), postOf({ text: unique("video"), media: [file("video/mp4", 5 * 1024 * 1024)] }));
    const id = (fake.posts.at(-1)!.body.content as { media: { id: string } }).media.id;
    expect(id).toMatch(/^urn:li:video:/);
    expect(fake.assets.get(id)?.parts.size).toBe(2);
  });

  it("a bad token is an auth failure; so is a missing permission", async () => {
    const err = await failure(adapter.publish(ctx({ token: "nope" }), postOf({ text: unique("x") })));
    expect(err.kind).toBe("auth");
    expect(err.httpStatus).toBe(401);
    const other = await failure(adapter.publish(ctx({ config: { author_urn: "urn:li:organization:999" } }), postOf({ text: unique("x") })));
    expect(other.kind).toBe("auth");
    expect((await failure(adapter.verifyCredentials(ctx({ token: "nope" })))).kind).toBe("auth");
  });

  it("429 with Retry-After uses it; without, waits for midnight UTC", async () => {
    fake.inject(faults.rateLimited(30));
    const limited = await failure(adapter.publish(ctx(), postOf({ text: unique("x") })));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(30_000);
    fake.inject({ kind: "status", status: 429, json: { status: 429, message: "Resource level throttle 1 DAY limit" } });
    const bound = untilUtcMidnight(); // taken first: the adapter's later reading can only be smaller
    const daily = await failure(adapter.publish(ctx(), postOf({ text: unique("x") })));
    expect(daily.retryAfterMs).toBeGreaterThan(0);
    expect(daily.retryAfterMs).toBeLessThanOrEqual(bound);
    expect(untilUtcMidnight(Date.UTC(2026, 10, 21, 23, 0))).toBe(3_600_000);
  });

  it("500 and a refused connection are retryable", async () => {
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("x") })))).kind).toBe("retryable");
    const port = await closedPort();
    expect((await failure(adapter.publish(ctx({ url: `http://127.0.0.1:${port}` }), postOf({ text: unique("x") })))).kind).toBe("retryable");
  });

  it("a lost response is an unknown outcome; findExisting finds the one copy", async () => {
    const post = postOf({ text: unique("Lost (but) found") });
    const before = fake.posts.length;
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(fake.posts.length).toBe(before + 1);
    const found = await adapter.findExisting(ctx(), post);
    expect(found?.platformPostId).toBe(fake.posts.at(-1)!.id);
    expect(fake.posts.filter((p) => p.rendered === post.text)).toHaveLength(1);
    expect(await adapter.findExisting(ctx(), postOf({ text: unique("never sent") }))).toBeNull();
    const req = fake.requests.filter((r) => r.method === "GET" && r.path === "/rest/posts").at(-1)!;
    expect(req.query.get("author")).toBe(author);
  });

  it("without permission to read posts, findExisting refuses rather than answering 'not there'", async () => {
    const err = await failure(adapter.findExisting(ctx({ url: blind.url }), postOf({ text: unique("x") })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/r_member_social/);
  });

  it("verifyCredentials returns the member and suggests the author URN; fetchMetrics reads socialActions", async () => {
    await expect(adapter.verifyCredentials(ctx({ config: { author_urn: undefined } }))).resolves.toEqual({
      externalId: "abc123",
      name: "Fake Member",
      config: { author_urn: "urn:li:person:abc123" },
    });
    const res = await adapter.publish(ctx(), postOf({ text: unique("metrics") }));
    Object.assign(fake.posts.at(-1)!, { likes: 12, comments: 4 });
    await expect(adapter.fetchMetrics(ctx(), res.platformPostId)).resolves.toMatchObject({ likes: 12, comments: 4 });
  });

  it("refreshToken uses the configured token URL; refused → auth, blips → retryable", async () => {
    const config = { token_url: fake.tokenUrl(), client_id: "li-client" };
    const c = ctx({ config, credentials: { refresh_token: "li-refresh", client_secret: "li-secret" } });
    const r = await adapter.refreshToken!(c);
    expect(r.credentials.access_token).toBe("li-access-1");
    expect(r.credentials.refresh_token).toBe("li-refresh");
    expect(r.expiresAt).toBeInstanceOf(Date);
    expect(c.saved).toHaveLength(1);
    await adapter.publish(ctx({ token: r.credentials.access_token }), postOf({ text: unique("after refresh") }));
    const revoked = ctx({ config, credentials: { refresh_token: "revoked", client_secret: "li-secret" } });
    expect((await failure(adapter.refreshToken!(revoked))).kind).toBe("auth");
    fake.inject(faults.serverError(502));
    expect((await failure(adapter.refreshToken!(c))).kind).toBe("retryable");
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.refreshToken!(c))).kind).toBe("retryable");
    const noRefresh = ctx({ config, credentials: { client_secret: "li-secret" } });
    expect((await failure(adapter.refreshToken!(noRefresh))).message).toMatch(/approved apps/);
  });

  it("little text round-trips through LinkedIn's renderer", () => {
    const s = "a\\b (c) [d] {e} <f> @g |h| ~i~ _j_ *k* #tag";
    expect(renderLittleText(littleText(s))).toBe(s);
    expect(renderLittleText("cut (here")).toBe("cut ");
  });
});
