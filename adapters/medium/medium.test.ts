import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { parseFeed } from "./rss";
import { createMediumFake } from "../fakes/medium";
import { faults } from "../fakes/server";
import { closedPort, contextFor, postOf } from "../fakes/context";
import type { PublishMedia, PublishPost } from "../adapter";
import type { PostDraft } from "../types";
import { failure } from "../fakes/expect";

const token = "medium_integration_token";
const fake = createMediumFake({ token });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());

const ctx = (over: { token?: string; config?: Record<string, unknown>; timeoutMs?: number } = {}) =>
  contextFor("medium", fake.url, {
    credentials: { integration_token: over.token ?? token },
    config: { feed_base_url: fake.url, ...over.config },
    timeoutMs: over.timeoutMs,
  });

let n = 0;
const story = (p: Partial<PublishPost> = {}) => {
  n++;
  return postOf({ title: `Story ${n}`, text: `Body of story ${n}`, contentType: "article", ...p });
};
const image = (url: string | null, altText: string | null = "a chart"): PublishMedia => ({
  url,
  mimeType: "image/png",
  altText,
  sizeBytes: 10,
  read: async () => Buffer.from("png"),
});
const draftOf = (p: PublishPost): PostDraft => ({ contentType: p.contentType, title: p.title, text: p.text, media: [], tags: p.tags, link: p.link });

describe("medium adapter against its fake", () => {
  it("publishes a public markdown story as the token's author, with title heading, tags, canonical URL and images", async () => {
    const meCalls = fake.count("GET", "/v1/me");
    const post = story({ tags: ["news", "launch"], link: "https://blog.example.com/launch", media: [image("https://cdn.example.com/1.png")] });
    const res = await adapter.publish(ctx(), post);
    const p = fake.posts.at(-1)!;
    expect(res).toMatchObject({ platformPostId: p.id, url: p.url, httpStatus: 201 });
    expect(p).toMatchObject({
      title: post.title,
      contentFormat: "markdown",
      tags: ["news", "launch"],
      canonicalUrl: "https://blog.example.com/launch",
      publishStatus: "public",
    });
    expect(p.content).toBe(`# ${post.title}\n\n${post.text}\n\n![a chart](https://cdn.example.com/1.png)`);
    expect(fake.count("GET", "/v1/me")).toBe(meCalls + 1);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${token}`);
  });

  it("uses config.author_id without asking /v1/me, and html when configured", async () => {
    const meCalls = fake.count("GET", "/v1/me");
    await adapter.publish(ctx({ config: { author_id: fake.user.id, content_format: "html" } }), story({ text: "<p>Hi & bye</p>", title: "Q&A" }));
    expect(fake.count("GET", "/v1/me")).toBe(meCalls);
    expect(fake.posts.at(-1)).toMatchObject({ contentFormat: "html", content: "<h1>Q&amp;A</h1>\n<p>Hi & bye</p>" });
  });

  it("Medium keeps only three tags and ignores long ones; validate() warns about both", async () => {
    const post = story({ tags: ["one", "two", "x".repeat(26), "four", "five"] });
    await adapter.publish(ctx(), post);
    expect(fake.posts.at(-1)!.tags).toEqual(["one", "two"]);
    const issues = adapter.validate(draftOf(post));
    expect(issues.filter((i) => i.severity === "warning").map((i) => i.code)).toEqual(expect.arrayContaining(["tags_too_many", "tag_too_long"]));
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("a title over 100 characters is replaced by Medium; validate() warns", async () => {
    const post = story({ title: "T".repeat(101) });
    await adapter.publish(ctx(), post);
    expect(fake.posts.at(-1)!.title).toBe(post.title.slice(0, 100));
    expect(adapter.validate(draftOf(post)).find((i) => i.code === "title_too_long")?.severity).toBe("warning");
  });

  it("a missing title is refused by Medium as permanent; validate() reports it", async () => {
    const post = story({ title: "" });
    const before = fake.posts.length;
    const err = await failure(adapter.publish(ctx({ config: { author_id: fake.user.id } }), post));
    expect(err.kind).toBe("permanent");
    expect(err.httpStatus).toBe(400);
    expect(fake.posts.length).toBe(before);
    expect(adapter.validate(draftOf(post)).map((i) => i.code)).toContain("title_required");
  });

  it("an image without a public URL is refused before sending", async () => {
    const sent = fake.requests.length;
    expect((await failure(adapter.publish(ctx(), story({ media: [image(null)] })))).message).toMatch(/public URL/);
    expect(fake.requests.length).toBe(sent);
  });

  it("a revoked token is an auth failure; another author's id is permanent", async () => {
    const err = await failure(adapter.publish(ctx({ token: "revoked" }), story()));
    expect(err.kind).toBe("auth");
    expect(err.platformCode).toBe("6003");
    expect((await failure(adapter.publish(ctx({ token: "revoked", config: { author_id: fake.user.id } }), story()))).kind).toBe("auth");
    const other = await failure(adapter.publish(ctx({ config: { author_id: "someone-else" } }), story()));
    expect(other.kind).toBe("permanent");
    expect(other.httpStatus).toBe(403);
  });

  it("429 carries Retry-After, 500 is retryable", async () => {
    fake.inject(faults.rateLimited(7, { errors: [{ message: "Too many requests", code: -1 }] }));
    const limited = await failure(adapter.publish(ctx({ config: { author_id: fake.user.id } }), story()));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(7000);
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx({ config: { author_id: fake.user.id } }), story()))).kind).toBe("retryable");
  });

  it("a lost response is an unknown outcome; findExisting finds the story in the RSS feed", async () => {
    const post = story({ title: "Lost & found <again>" });
    const before = fake.posts.length;
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx({ config: { author_id: fake.user.id } }), post))).kind).toBe("unknown_outcome");
    expect(fake.posts.length).toBe(before + 1);
    const created = fake.posts.at(-1)!;
    await expect(adapter.findExisting(ctx(), post)).resolves.toEqual({ platformPostId: created.id, url: created.url });
    expect(fake.posts.length).toBe(before + 1);
    await expect(adapter.findExisting(ctx({ config: { username: fake.user.username } }), story())).resolves.toBeNull();
  });

  it("an unreadable feed is an unknown outcome telling the user to check by hand", async () => {
    fake.inject(faults.serverError(503), { match: (r) => r.path.startsWith("/feed/") });
    const down = await failure(adapter.findExisting(ctx(), story()));
    expect(down.kind).toBe("unknown_outcome");
    expect(down.message).toMatch(/by hand/);
    const closed = ctx({ config: { feed_base_url: `http://127.0.0.1:${await closedPort()}`, username: "schedtester" } });
    expect((await failure(adapter.findExisting(closed, story()))).kind).toBe("unknown_outcome");
    expect((await failure(adapter.findExisting(ctx(), story({ title: "L".repeat(120) })))).kind).toBe("unknown_outcome");
  });

  it("fetchMetrics returns zeros without calling Medium (its API has no statistics)", async () => {
    const sent = fake.requests.length;
    await expect(adapter.fetchMetrics(ctx(), "abc123")).resolves.toMatchObject({ likes: 0, shares: 0, comments: 0, clicks: 0, impressions: 0, reach: 0 });
    expect(fake.requests.length).toBe(sent);
  });

  it("verifyCredentials returns the author id and username and remembers them", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toEqual({
      externalId: fake.user.id,
      name: fake.user.username,
      config: { author_id: fake.user.id, username: fake.user.username },
    });
    expect((await failure(adapter.verifyCredentials(ctx({ token: "bad" })))).kind).toBe("auth");
  });

  it("parseFeed reads CDATA and entity titles and the id from the guid", () => {
    const xml = `<rss version="2.0"><channel><item><title>Tom &amp; Jerry</title><link>https://medium.com/@a/tom-1a2b3c4d5e6f?source=rss</link><guid isPermaLink="false">https://medium.com/p/1a2b3c4d5e6f</guid></item></channel></rss>`;
    expect(parseFeed(xml)).toEqual([
      { title: "Tom & Jerry", link: "https://medium.com/@a/tom-1a2b3c4d5e6f", guid: "https://medium.com/p/1a2b3c4d5e6f", id: "1a2b3c4d5e6f" },
    ]);
    expect(parseFeed("<html>nope</html>")).toBeNull();
  });
});
