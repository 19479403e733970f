import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { FOREM_ACCEPT, createDevtoFake } from "../fakes/devto";
import { faults } from "../fakes/server";
import { contextFor, postOf } from "../fakes/context";
import type { PublishMedia, PublishPost } from "../adapter";
import type { PostDraft } from "../types";
import { failure } from "../fakes/expect";

const apiKey = "devto_test_key";
let clock = Date.UTC(2030, 0, 1);
const fake = createDevtoFake({ apiKey, now: () => clock });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());

const ctx = (over: { apiKey?: string; timeoutMs?: number; baseUrl?: string } = {}) =>
  contextFor("devto", over.baseUrl ?? fake.url, { credentials: { api_key: over.apiKey ?? apiKey }, timeoutMs: over.timeoutMs });

let n = 0;
/** Forem refuses a second article with the same title and body, so every test post is unique. */
const article = (p: Partial<PublishPost> = {}) => {
  n++;
  return postOf({ title: `Article ${n}`, text: `Body of article ${n}`, contentType: "article", ...p });
};
const image = (url: string | null): PublishMedia => ({ url, mimeType: "image/png", altText: null, sizeBytes: 10, read: async () => Buffer.from("png") });
const draftOf = (p: PublishPost): PostDraft => ({
  contentType: p.contentType,
  title: p.title,
  text: p.text,
  media: p.media.map((m) => ({ mimeType: m.mimeType, sizeBytes: m.sizeBytes })),
  tags: p.tags,
  link: p.link,
});

describe("devto adapter against its fake", () => {
  it("publishes the article with title, markdown, lower-case tags, canonical URL and cover", async () => {
    const post = article({ tags: ["TypeScript", "webdev"], link: "https://blog.example.com/a", media: [image("https://cdn.example.com/cover.png")] });
    const res = await adapter.publish(ctx(), post);
    const a = fake.articles.at(-1)!;
    expect(res).toMatchObject({ platformPostId: String(a.id), url: a.url, httpStatus: 201 });
    expect(a).toMatchObject({ title: post.title, body_markdown: post.text, published: true, tag_list: ["typescript", "webdev"] });
    expect(a.canonical_url).toBe("https://blog.example.com/a");
    expect(a.cover_image).toBe("https://cdn.example.com/cover.png");
    const sent = fake.requests.at(-1)!;
    expect(sent.headers.accept).toBe(FOREM_ACCEPT);
    expect(sent.headers["api-key"]).toBe(apiKey);
    expect(adapter.validate(draftOf(post))).toEqual([]);
  });

  it("the fake refuses a request without the v1 Accept header or the api-key", async () => {
    const body = JSON.stringify({ article: { title: "x", body_markdown: "y", published: true } });
    const noAccept = await fetch(`${fake.url}/api/articles`, { method: "POST", body, headers: { "content-type": "application/json", "api-key": apiKey } });
    expect(noAccept.status).toBe(406);
    const noKey = await fetch(`${fake.url}/api/articles`, { method: "POST", body, headers: { "content-type": "application/json", accept: FOREM_ACCEPT } });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toEqual({ error: "unauthorized", status: 401 });
  });

  it.each([
    ["five tags", { tags: ["a", "b", "c", "d", "e"] }, "tags_too_many", /maximum of 4 tags/],
    ["a tag with a hyphen", { tags: ["web-dev"] }, "tag_invalid", /non-alphanumeric/],
    ["a 31-character tag", { tags: ["x".repeat(31)] }, "tag_too_long", /too long \(maximum is 30/],
    ["no title", { title: "  " }, "title_required", /Title can't be blank/],
    ["a 129-character title", { title: "t".repeat(129) }, "title_too_long", /maximum is 128/],
  ] as const)("rejects %s as Dev.to does, and validate() reports it", async (_label, over, code, said) => {
    const post = article(over as Partial<PublishPost>);
    const before = fake.articles.length;
    const err = await failure(adapter.publish(ctx(), post));
    expect(err.kind).toBe("permanent");
    expect(err.httpStatus).toBe(422);
    expect(err.message).toMatch(said);
    expect(fake.articles.length).toBe(before);
    expect(adapter.validate(draftOf(post)).map((i) => i.code)).toContain(code);
  });

  it("takes one cover image by public URL; more, or one without a URL, is refused before sending", async () => {
    const sent = fake.requests.length;
    const two = article({ media: [image("https://cdn.example.com/1.png"), image("https://cdn.example.com/2.png")] });
    expect((await failure(adapter.publish(ctx(), two))).kind).toBe("permanent");
    expect(adapter.validate(draftOf(two)).map((i) => i.code)).toContain("media_too_many");
    expect((await failure(adapter.publish(ctx(), article({ media: [image(null)] })))).message).toMatch(/public URL/);
    expect(fake.requests.length).toBe(sent);
  });

  it("a body over Forem's 800 KB is refused as permanent", async () => {
    const big = article({ text: "x".repeat(800 * 1024 + 1) });
    const err = await failure(adapter.publish(ctx(), big));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/too long/);
    expect(adapter.validate(draftOf(big)).filter((i) => i.severity === "error").length).toBeGreaterThan(0);
  });

  it("a wrong API key is an auth failure", async () => {
    const err = await failure(adapter.publish(ctx({ apiKey: "nope" }), article()));
    expect(err.kind).toBe("auth");
    expect(err.httpStatus).toBe(401);
    expect((await failure(adapter.verifyCredentials(contextFor("devto", fake.url)))).kind).toBe("auth");
  });

  it("the 11th article within 30 s gets 429 with Retry-After; the window then reopens", async () => {
    clock += 60_000;
    for (let i = 0; i < 10; i++) await adapter.publish(ctx(), article());
    clock += 10_000;
    const limited = await failure(adapter.publish(ctx(), article()));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(20_000);
    clock += 20_000;
    await expect(adapter.publish(ctx(), article())).resolves.toMatchObject({ httpStatus: 201 });
  });

  it("an injected 429 carries Retry-After; 500 is retryable", async () => {
    fake.inject(faults.rateLimited(7, { error: "Rate limit reached", status: 429 }));
    const limited = await failure(adapter.publish(ctx(), article()));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(7000);
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), article()))).kind).toBe("retryable");
  });

  it("a lost response is an unknown outcome; findExisting finds the article and a re-send returns it", async () => {
    const post = article({ link: "https://blog.example.com/lost" });
    const before = fake.articles.length;
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(fake.articles.length).toBe(before + 1);
    const created = fake.articles.at(-1)!;
    await expect(adapter.findExisting(ctx(), post)).resolves.toMatchObject({ platformPostId: String(created.id), url: created.url });
    // Forem's uniqueness rule refuses the copy; the adapter hands back the first one.
    await expect(adapter.publish(ctx(), post)).resolves.toMatchObject({ platformPostId: String(created.id) });
    expect(fake.articles.length).toBe(before + 1);
  });

  it("findExisting needs title, body and canonical URL to match", async () => {
    const post = article({ link: "https://blog.example.com/match" });
    await adapter.publish(ctx(), post);
    await expect(adapter.findExisting(ctx(), { ...post, text: "another body" })).resolves.toBeNull();
    await expect(adapter.findExisting(ctx(), { ...post, link: "https://blog.example.com/other" })).resolves.toBeNull();
    await expect(adapter.findExisting(ctx(), article())).resolves.toBeNull();
  });

  it("a timeout after sending is an unknown outcome", async () => {
    fake.inject(faults.slow(400));
    expect((await failure(adapter.publish(ctx({ timeoutMs: 100 }), article()))).kind).toBe("unknown_outcome");
  });

  it("fetchMetrics reads reactions, comments and page views of the article", async () => {
    const res = await adapter.publish(ctx(), article());
    const a = fake.articles.find((x) => String(x.id) === res.platformPostId)!;
    Object.assign(a, { public_reactions_count: 12, comments_count: 3, page_views_count: 480 });
    await expect(adapter.fetchMetrics(ctx(), res.platformPostId)).resolves.toMatchObject({ likes: 12, comments: 3, impressions: 480, shares: 0 });
    expect((await failure(adapter.fetchMetrics(ctx(), "999999999"))).kind).toBe("permanent");
  });

  it("verifyCredentials returns the user id and username", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toMatchObject({ externalId: String(fake.user.id), name: fake.user.username });
  });
});
