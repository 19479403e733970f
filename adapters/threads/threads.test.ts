import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { createThreadsFake } from "../fakes/threads";
import { faults } from "../fakes/server";
import { contextFor, postOf } from "../fakes/context";
import type { PublishMedia } from "../adapter";
import { endsWith, graphFaults, graphTime } from "../meta/fake";
import { QUOTA_WAIT_MS } from "../meta/errors";
import { failure } from "../fakes/expect";

const fake = createThreadsFake({ processingPolls: 1 });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());

const ctx = (over: { token?: string; config?: Record<string, unknown> } = {}) =>
  contextFor("threads", fake.url, {
    credentials: { access_token: over.token ?? "th-token" },
    config: { user_id: fake.userId, container_poll_interval_ms: 0, container_max_polls: 5, ...over.config },
  });

let seq = 0;
const unique = (label: string) => `${label} ${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const image = (url: string | null = "https://cdn.example.com/cat.jpg"): PublishMedia => ({
  url,
  mimeType: "image/jpeg",
  altText: "A cat",
  sizeBytes: 1000,
  read: async () => Buffer.from("jpeg"),
});

const postsWith = (text: string) => fake.posts.filter((p) => p.text === text);

describe("Threads: publishing", () => {
  it("creates a TEXT container, publishes it and returns the post id and permalink", async () => {
    const post = postOf({ text: unique("Hello Threads") });
    const res = await adapter.publish(ctx(), post);
    const [stored] = postsWith(post.text);
    expect(stored).toBeDefined();
    expect(res).toMatchObject({ platformPostId: stored!.id, url: stored!.permalink });
    const create = fake.requests.filter((r) => r.method === "POST" && r.path === `/v1.0/${fake.userId}/threads`).at(-1)!;
    expect(create.body).toMatchObject({ media_type: "TEXT", text: post.text, access_token: "th-token" });
    expect(create.headers.authorization).toBeUndefined();
    expect(post.state["container:0"]).toBe(stored!.containerId);
  });

  it("uses `me` when the account has no user id yet", async () => {
    const text = unique("as me");
    await adapter.publish(ctx({ config: { user_id: "" } }), postOf({ text }));
    expect(postsWith(text)).toHaveLength(1);
    expect(fake.count("POST", "/v1.0/me/threads_publish")).toBeGreaterThan(0);
  });

  it("an image goes by public URL and is polled until FINISHED before publishing", async () => {
    const text = unique("with a cat");
    await adapter.publish(ctx(), postOf({ text, media: [image()] }));
    const [stored] = postsWith(text);
    expect(stored).toMatchObject({ mediaType: "IMAGE", mediaUrls: ["https://cdn.example.com/cat.jpg"] });
    expect(fake.count("GET", `/v1.0/${stored!.containerId}`)).toBe(2); // IN_PROGRESS once, then FINISHED
  });

  it("alt text goes on each image container, a single image and the items of a carousel", async () => {
    const text = unique("described");
    await adapter.publish(ctx(), postOf({ text, media: [image("https://cdn.example.com/alt.jpg")] }));
    expect(fake.containers.get(postsWith(text)[0]!.containerId)).toMatchObject({ mediaType: "IMAGE", altText: "A cat" });
    const album = unique("described album");
    const urls = ["https://cdn.example.com/alt-a.jpg", "https://cdn.example.com/alt-b.jpg"];
    await adapter.publish(ctx(), postOf({ text: album, media: [image(urls[0]), { ...image(urls[1]), altText: null }] }));
    const items = [...fake.containers.values()].filter((c) => c.carouselItem && urls.includes(c.mediaUrl ?? ""));
    expect(items.map((c) => c.altText)).toEqual(["A cat", null]);
  });

  it("several images become a CAROUSEL of carousel-item containers", async () => {
    const text = unique("album");
    await adapter.publish(ctx(), postOf({ text, media: [image("https://cdn.example.com/1.jpg"), image("https://cdn.example.com/2.jpg")] }));
    expect(postsWith(text)[0]).toMatchObject({ mediaType: "CAROUSEL", mediaUrls: ["https://cdn.example.com/1.jpg", "https://cdn.example.com/2.jpg"] });
  });

  it("media without a public URL is refused before any call", async () => {
    const before = fake.requests.length;
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("no url"), media: [image(null)] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/public URL/);
    expect(fake.requests.length).toBe(before);
  });

  it("a container that fails processing is a permanent failure", async () => {
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("broken"), media: [image("https://cdn.example.com/broken.jpg")] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/could not process the post: FAILED_DOWNLOADING_VIDEO/);
  });

  it("500 characters pass (counted as code points), 501 are refused by Threads and by validate()", async () => {
    const ok = "\u{1F600}".repeat(499) + String(++seq % 10);
    await adapter.publish(ctx(), postOf({ text: ok }));
    expect(postsWith(ok)).toHaveLength(1);
    const long = "a".repeat(500) + "b";
    const err = await failure(adapter.publish(ctx(), postOf({ text: long })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/^Threads refused to create the post: The post is 501 characters; Threads allows 500/);
    const issues = adapter.validate({ contentType: "post", title: "", text: long, media: [], tags: [] });
    expect(issues.map((i) => i.code)).toEqual(["text_too_long"]);
  });
});

describe("Threads: failures", () => {
  it("a bad token is an auth failure (Graph code 190 on HTTP 400)", async () => {
    const err = await failure(adapter.publish(ctx({ token: "revoked" }), postOf({ text: unique("x") })));
    expect(err.kind).toBe("auth");
    expect(err.httpStatus).toBe(400);
    expect(err.platformCode).toBe("190");
  });

  it("429 carries Retry-After; Graph throttling codes are rate limits; 500 is retryable", async () => {
    fake.inject(faults.rateLimited(7));
    const limited = await failure(adapter.publish(ctx(), postOf({ text: unique("x") })));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(7000);
    fake.inject(graphFaults.error(17, "(#17) User request limit reached", { headers: { "retry-after": "90" } }));
    const throttled = await failure(adapter.publish(ctx(), postOf({ text: unique("x") })));
    expect([throttled.kind, throttled.retryAfterMs]).toEqual(["rate_limited", 90_000]);
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("x") })))).kind).toBe("retryable");
    fake.inject(graphFaults.error(2, "Service temporarily unavailable", { status: 503 }));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("x") })))).kind).toBe("retryable");
  });

  it("the 250-posts-a-day quota is a rate limit, and replies do not count against it", async () => {
    const quota = fake.limits.quota;
    fake.limits.quota = fake.posts.filter((p) => !p.replyToId).length;
    try {
      const err = await failure(adapter.publish(ctx(), postOf({ text: unique("one too many") })));
      expect(err.kind).toBe("rate_limited");
      expect(err.platformCode).toBe("9/2207042");
      expect(err.retryAfterMs).toBe(QUOTA_WAIT_MS);
    } finally {
      fake.limits.quota = quota;
    }
  });

  it("still processing after the last poll: retryable, and the next attempt publishes the same container", async () => {
    fake.limits.processingPolls = 4;
    try {
      const text = unique("slow video");
      const post = postOf({ text, media: [{ ...image("https://cdn.example.com/v.mp4"), mimeType: "video/mp4" }] });
      const err = await failure(adapter.publish(ctx({ config: { container_max_polls: 2 } }), post));
      expect(err.kind).toBe("retryable");
      const container = post.state["container:0"]!;
      expect(container).toBeDefined();
      await adapter.publish(ctx(), post);
      expect(postsWith(text)).toEqual([expect.objectContaining({ containerId: container, mediaType: "VIDEO" })]);
    } finally {
      fake.limits.processingPolls = 1;
    }
  });

  it("a saved container that expired is replaced, and the post goes out once", async () => {
    const text = unique("expired");
    const post = postOf({ text });
    fake.inject(faults.serverError(500), { match: endsWith("/threads_publish") });
    await failure(adapter.publish(ctx(), post));
    const stale = post.state["container:0"]!;
    fake.expire(stale);
    await adapter.publish(ctx(), post);
    expect(postsWith(text)).toHaveLength(1);
    expect(postsWith(text)[0]!.containerId).not.toBe(stale);
    expect(post.state["container:0"]).toBe(postsWith(text)[0]!.containerId);
  });
});

describe("Threads: unknown outcomes", () => {
  it("a lost publish answer: findExisting finds the post, and a retry does not publish the container again", async () => {
    const text = unique("lost answer");
    const post = postOf({ text });
    fake.inject(faults.loseResponse(), { match: endsWith("/threads_publish") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(postsWith(text)).toHaveLength(1);
    const found = await adapter.findExisting(ctx(), post);
    expect(found).toMatchObject({ platformPostId: postsWith(text)[0]!.id, url: postsWith(text)[0]!.permalink });
    const publishes = fake.count("POST", `/v1.0/${fake.userId}/threads_publish`);
    const again = await adapter.publish(ctx(), post);
    expect(again.platformPostId).toBe(found!.platformPostId);
    expect(fake.count("POST", `/v1.0/${fake.userId}/threads_publish`)).toBe(publishes);
    expect(postsWith(text)).toHaveLength(1);
  });

  it("a lost container answer: nothing is found, and sending again posts exactly once", async () => {
    const text = unique("lost container");
    const post = postOf({ text });
    fake.inject(faults.loseResponse(), { match: endsWith("/threads") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(await adapter.findExisting(ctx(), post)).toBeNull();
    await adapter.publish(ctx(), post);
    expect(postsWith(text)).toHaveLength(1);
  });

  it("the same text published before this post's first attempt is not a match (recurring posts)", async () => {
    const text = unique("every monday");
    const old = new Date(Date.now() - 3 * 24 * 3600_000);
    fake.posts.push({ ...fake.posts[0]!, id: "1801", text, replyToId: null, timestamp: graphTime(old), createdAt: old.getTime() });
    const post = postOf({ text, state: { first_attempt_at: new Date().toISOString() } });
    expect(await adapter.findExisting(ctx(), post)).toBeNull();
  });
});

describe("Threads: threads (reply chains)", () => {
  const chainOf = (texts: string[]) => texts.map((t) => postsWith(t)[0]!);

  it("publishes each part as a reply to the previous one and reports every part", async () => {
    const texts = [unique("1/3"), unique("2/3"), unique("3/3")];
    const post = postOf({ parts: texts });
    const res = await adapter.publish(ctx(), post);
    const [a, b, c] = chainOf(texts);
    expect([a!.replyToId, b!.replyToId, c!.replyToId]).toEqual([null, a!.id, b!.id]);
    expect(res.platformPostId).toBe(a!.id);
    expect(res.parts?.map((p) => p.id)).toEqual([a!.id, b!.id, c!.id]);
    expect(post.progress.map((p) => p.index)).toEqual([0, 1, 2]);
  });

  it("a failure mid-thread resumes after the last published part: nothing twice, chain intact", async () => {
    const texts = [unique("A"), unique("B"), unique("C")];
    const post = postOf({ parts: texts });
    let publishes = 0;
    fake.inject(faults.serverError(500), { match: (r) => endsWith("/threads_publish")(r) && ++publishes === 2 });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
    expect(post.progress.map((p) => p.index)).toEqual([0]);
    const retry = postOf({ parts: texts, publishedParts: post.progress, state: post.state });
    const res = await adapter.publish(ctx(), retry);
    const [a, b, c] = chainOf(texts);
    texts.forEach((t) => expect(postsWith(t)).toHaveLength(1));
    expect([b!.replyToId, c!.replyToId]).toEqual([a!.id, b!.id]);
    expect(res.parts?.map((p) => p.id)).toEqual([a!.id, b!.id, c!.id]);
    expect([...fake.containers.values()].filter((x) => x.text === texts[1])).toHaveLength(1); // container reused
  });

  it("a lost answer mid-thread: the retry finds the published reply through its container and goes on", async () => {
    const texts = [unique("X"), unique("Y"), unique("Z")];
    const post = postOf({ parts: texts });
    let publishes = 0;
    fake.inject(faults.loseResponse(), { match: (r) => endsWith("/threads_publish")(r) && ++publishes === 2 });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    const retry = postOf({ parts: texts, publishedParts: post.progress, state: post.state });
    await adapter.publish(ctx(), retry);
    const [x, y, z] = chainOf(texts);
    texts.forEach((t) => expect(postsWith(t)).toHaveLength(1));
    expect([y!.replyToId, z!.replyToId]).toEqual([x!.id, y!.id]);
  });

  it("findExisting records the parts it finds of a half-published thread and answers null; a published-but-unlisted part throws", async () => {
    const texts = [unique("H1"), unique("H2"), unique("H3")];
    const post = postOf({ parts: texts });
    let publishes = 0;
    fake.inject(faults.serverError(500), { match: (r) => endsWith("/threads_publish")(r) && ++publishes === 3 });
    await failure(adapter.publish(ctx(), post));
    const probe = postOf({ parts: texts, state: post.state });
    expect(await adapter.findExisting(ctx(), probe)).toBeNull();
    expect(probe.progress.map((p) => [p.index, p.id])).toEqual(chainOf(texts.slice(0, 2)).map((p, i) => [i, p.id]));
    const second = fake.posts.findIndex((p) => p.text === texts[1]);
    const [hidden] = fake.posts.splice(second, 1);
    try {
      expect((await failure(adapter.findExisting(ctx(), postOf({ parts: texts, state: post.state })))).kind).toBe("retryable");
    } finally {
      fake.posts.splice(second, 0, hidden!);
    }
  });

  it("findExisting rebuilds a whole thread from the posts and replies lists", async () => {
    const texts = [unique("F1"), unique("F2")];
    await adapter.publish(ctx(), postOf({ parts: texts }));
    const found = await adapter.findExisting(ctx(), postOf({ parts: texts }));
    expect(found?.parts?.map((p) => p.id)).toEqual(chainOf(texts).map((p) => p.id));
  });
});

describe("Threads: account", () => {
  it("verifyCredentials returns the user id and username; a bad token needs reconnecting", async () => {
    await expect(adapter.verifyCredentials(ctx({ config: { user_id: "" } }))).resolves.toMatchObject({
      externalId: fake.userId,
      name: fake.username,
      config: { user_id: fake.userId },
    });
    expect((await failure(adapter.verifyCredentials(ctx({ token: "nope" })))).kind).toBe("auth");
  });

  it("fetchMetrics maps views, likes, replies, reposts and quotes", async () => {
    const text = unique("popular");
    const { platformPostId } = await adapter.publish(ctx(), postOf({ text }));
    Object.assign(postsWith(text)[0]!.metrics, { views: 120, likes: 9, replies: 3, reposts: 2, quotes: 1 });
    await expect(adapter.fetchMetrics(ctx(), platformPostId)).resolves.toMatchObject({ impressions: 120, likes: 9, comments: 3, shares: 3, clicks: 0 });
  });

  it("refreshToken exchanges the long-lived token; a refused refresh is auth, a dropped connection retryable", async () => {
    const c = ctx();
    const out = await adapter.refreshToken!(c);
    expect(out.credentials.access_token).toMatch(/^th-token-\d+$/);
    expect(out.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 24 * 3600_000);
    expect(c.saved.at(-1)?.access_token).toBe(out.credentials.access_token);
    expect(fake.requests.at(-1)?.query.get("grant_type")).toBe("th_refresh_token");
    expect((await failure(adapter.refreshToken!(ctx({ token: "expired" })))).kind).toBe("auth");
    fake.inject(faults.drop(), { match: (r) => r.path === "/refresh_access_token" });
    expect((await failure(adapter.refreshToken!(ctx()))).kind).toBe("retryable");
  });

  it("exports a Threads Login OAuth spec", () => {
    expect(adapter.oauth).toMatchObject({ authorizeUrl: "https://threads.net/oauth/authorize", scopeSeparator: ",", pkce: false });
    expect(adapter.oauth?.scopes).toContain("threads_content_publish");
  });
});
