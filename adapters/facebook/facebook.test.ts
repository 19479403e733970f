import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { createFacebookFake } from "../fakes/facebook";
import { faults } from "../fakes/server";
import { contextFor, postOf } from "../fakes/context";
import type { PublishMedia } from "../adapter";
import { endsWith, graphFaults, graphTime } from "../meta/fake";
import { failure } from "../fakes/expect";

const fake = createFacebookFake();
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());

const ctx = (over: { token?: string | null; config?: Record<string, unknown> } = {}) =>
  contextFor("facebook", fake.url, {
    credentials: over.token === null ? {} : { access_token: over.token ?? "fb-page-token" },
    config: { page_id: fake.pageId, ...over.config },
  });

let seq = 0;
const unique = (label: string) => `${label} ${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const photo = (url: string | null, bytes = Buffer.from("\xff\xd8\xff fake jpeg")): PublishMedia => ({
  url,
  mimeType: "image/jpeg",
  altText: "Fresh bread",
  sizeBytes: bytes.length,
  read: async () => bytes,
});

const postsWith = (message: string) => fake.posts.filter((p) => p.message === message);
const feedPath = () => `/v24.0/${fake.pageId}/feed`;

describe("Facebook: publishing", () => {
  it("posts message and link to the Page feed and returns the post id and permalink", async () => {
    const text = unique("Open on Sunday");
    const res = await adapter.publish(ctx(), postOf({ text, link: "https://bakery.example.com/sunday" }));
    const [stored] = postsWith(text);
    expect(stored).toMatchObject({ link: "https://bakery.example.com/sunday" });
    expect(res).toEqual({ platformPostId: stored!.id, url: stored!.permalink });
    const sent = fake.requests.filter((r) => r.method === "POST" && r.path === feedPath()).at(-1)!;
    expect(sent.body).toEqual({ message: text, link: "https://bakery.example.com/sunday", access_token: "fb-page-token" });
  });

  it("one photo by public URL goes through /photos and the post id is the result", async () => {
    const text = unique("Croissants");
    const res = await adapter.publish(ctx(), postOf({ text, media: [photo("https://cdn.example.com/c.jpg")] }));
    const [stored] = postsWith(text);
    expect(res.platformPostId).toBe(stored!.id);
    expect(fake.photos.find((p) => p.id === stored!.photoIds[0])).toMatchObject({
      url: "https://cdn.example.com/c.jpg",
      altText: "Fresh bread",
      published: true,
    });
  });

  it("a photo without a public URL is uploaded as multipart `source` bytes", async () => {
    const text = unique("Baguettes");
    const bytes = Buffer.alloc(3000, 7);
    await adapter.publish(ctx(), postOf({ text, media: [photo(null, bytes)] }));
    const [stored] = postsWith(text);
    expect(fake.photos.find((p) => p.id === stored!.photoIds[0])).toMatchObject({ url: null, bytes: 3000, contentType: "image/jpeg", caption: text });
  });

  it("several photos are uploaded unpublished, then attached to one feed post (the link joins the message)", async () => {
    const text = unique("Our week");
    const res = await adapter.publish(
      ctx(),
      postOf({ text, link: "https://bakery.example.com", media: [photo("https://cdn.example.com/1.jpg"), photo(null)] }),
    );
    const message = `${text}\n\nhttps://bakery.example.com`;
    const [stored] = postsWith(message);
    expect(res.platformPostId).toBe(stored!.id);
    expect(stored!.photoIds).toHaveLength(2);
    expect(stored!.photoIds.map((id) => fake.photos.find((p) => p.id === id)?.published)).toEqual([false, false]);
  });

  it("a failed feed call after the uploads reuses the uploaded photos on retry", async () => {
    const text = unique("retry album");
    const post = postOf({ text, media: [photo("https://cdn.example.com/a.jpg"), photo("https://cdn.example.com/b.jpg")] });
    fake.inject(faults.serverError(503), { match: endsWith("/feed") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
    const uploaded = fake.photos.length;
    await adapter.publish(ctx(), post);
    expect(fake.photos.length).toBe(uploaded);
    expect(postsWith(text)[0]!.photoIds).toEqual([post.state["photo:0"], post.state["photo:1"]]);
  });

  it("a video goes to /videos by public URL; without one it is refused before any call", async () => {
    const text = unique("Behind the scenes");
    const video = { ...photo("https://cdn.example.com/v.mp4"), mimeType: "video/mp4" };
    const res = await adapter.publish(ctx(), postOf({ text, media: [video] }));
    expect(postsWith(text)[0]).toMatchObject({ videoUrl: "https://cdn.example.com/v.mp4" });
    expect(res.url).toBe(postsWith(text)[0]!.permalink);
    const before = fake.requests.length;
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("v"), media: [{ ...video, url: null }] })))).kind).toBe("permanent");
    expect(fake.requests.length).toBe(before);
  });

  it("63,206 characters pass; 63,207 are refused by Facebook and by validate()", async () => {
    const ok = unique("x").padEnd(63_206, "a");
    await adapter.publish(ctx(), postOf({ text: ok }));
    expect(postsWith(ok)).toHaveLength(1);
    const long = "b".repeat(63_207);
    const err = await failure(adapter.publish(ctx(), postOf({ text: long })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toBe("Facebook refused to publish the post: The post has 63,207 characters; Facebook allows 63,206.");
    expect(adapter.validate({ contentType: "post", title: "", text: long, media: [], tags: [] }).map((i) => i.code)).toEqual(["text_too_long"]);
  });

  it("the same message twice in a row is refused as a duplicate, readably", async () => {
    const text = unique("twice");
    await adapter.publish(ctx(), postOf({ text }));
    const err = await failure(adapter.publish(ctx(), postOf({ text })));
    expect([err.kind, err.platformCode]).toEqual(["permanent", "506"]);
    expect(err.message).toMatch(/^Facebook refused to publish the post: This status update is identical to the last one/);
  });
});

describe("Facebook: failures", () => {
  it("a bad token is an auth failure; a missing one needs reconnecting before any call; a missing page id is a setting error", async () => {
    const bad = await failure(adapter.publish(ctx({ token: "expired" }), postOf({ text: unique("x") })));
    expect([bad.kind, bad.httpStatus, bad.platformCode]).toEqual(["auth", 400, "190"]);
    expect((await failure(adapter.publish(ctx({ token: null }), postOf({ text: unique("x") })))).kind).toBe("auth");
    expect((await failure(adapter.publish(ctx({ config: { page_id: "" } }), postOf({ text: unique("x") })))).message).toMatch(/config\.page_id/);
  });

  it("429 carries Retry-After; 500 is retryable", async () => {
    fake.inject(faults.rateLimited(7));
    const limited = await failure(adapter.publish(ctx(), postOf({ text: unique("x") })));
    expect([limited.kind, limited.retryAfterMs]).toEqual(["rate_limited", 7000]);
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("x") })))).kind).toBe("retryable");
  });

  it("Page throttling (code 80001) waits as long as x-business-use-case-usage says", async () => {
    fake.inject(graphFaults.throttle(7));
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("busy") })));
    expect([err.kind, err.platformCode, err.retryAfterMs]).toEqual(["rate_limited", "80001", 7 * 60_000]);
    expect(err.message).toMatch(/about 7 minutes/);
    fake.inject(graphFaults.error(32, "(#32) Page request limit reached"));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("busy") })))).kind).toBe("rate_limited");
  });
});

describe("Facebook: unknown outcomes", () => {
  it("a lost answer: findExisting finds the post in the Page feed; the fake holds one copy", async () => {
    const text = unique("lost");
    const post = postOf({ text });
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    const found = await adapter.findExisting(ctx(), post);
    expect(found).toEqual({ platformPostId: postsWith(text)[0]!.id, url: postsWith(text)[0]!.permalink });
    expect(postsWith(text)).toHaveLength(1);
  });

  it("nothing sent → null; an identical message from before the first attempt is not a match", async () => {
    expect(await adapter.findExisting(ctx(), postOf({ text: unique("never") }))).toBeNull();
    const text = unique("weekly special");
    const old = new Date(Date.now() - 7 * 24 * 3600_000);
    fake.posts.unshift({ ...fake.posts[0]!, id: `${fake.pageId}_1`, message: text, createdTime: graphTime(old), createdAt: old.getTime() });
    expect(await adapter.findExisting(ctx(), postOf({ text, state: { first_attempt_at: new Date().toISOString() } }))).toBeNull();
  });
});

describe("Facebook: account", () => {
  it("verifyCredentials reads the Page id and name; a bad token needs reconnecting", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toEqual({ externalId: fake.pageId, name: fake.pageName });
    expect((await failure(adapter.verifyCredentials(ctx({ token: "nope" })))).kind).toBe("auth");
  });

  it("fetchMetrics reads reaction, comment and share counts plus post insights", async () => {
    const text = unique("metrics");
    const { platformPostId } = await adapter.publish(ctx(), postOf({ text }));
    Object.assign(postsWith(text)[0]!, {
      reactions: 31,
      comments: 4,
      shares: 2,
      insights: { post_media_view: 900, post_total_media_view_unique: 700, post_clicks: 25 },
    });
    await expect(adapter.fetchMetrics(ctx(), platformPostId)).resolves.toMatchObject({
      likes: 31,
      comments: 4,
      shares: 2,
      impressions: 900,
      reach: 700,
      clicks: 25,
    });
  });

  it("Page tokens do not expire: no refreshToken; OAuth asks for pages_manage_posts", () => {
    expect(adapter.refreshToken).toBeUndefined();
    expect(adapter.oauth).toMatchObject({
      authorizeUrl: "https://www.facebook.com/v24.0/dialog/oauth",
      tokenUrl: "/v24.0/oauth/access_token",
      scopeSeparator: ",",
    });
    expect(adapter.oauth?.scopes).toContain("pages_manage_posts");
  });
});

describe("Facebook: findExisting over a busy Page", () => {
  const filler = (n: number) => {
    const base = fake.posts[0]!;
    for (let i = 0; i < n; i++)
      fake.posts.push({ ...base, id: `${fake.pageId}_9${seq}${i}`, message: unique("filler"), createdTime: graphTime(), createdAt: Date.now() });
  };

  it("follows the `after` cursor past the first page", async () => {
    const text = unique("deep");
    const post = postOf({ text });
    await adapter.publish(ctx(), post);
    filler(150);
    expect((await adapter.findExisting(ctx(), post))?.platformPostId).toBe(postsWith(text)[0]!.id);
  });

  it("cannot tell when more posts than it pages through were made since the first attempt: throws, never null", async () => {
    filler(520);
    const err = await failure(
      adapter.findExisting(ctx(), postOf({ text: unique("needle"), state: { first_attempt_at: new Date(Date.now() - 60_000).toISOString() } })),
    );
    expect(err.kind).toBe("retryable");
    expect(err.message).toMatch(/cannot tell/);
  });
});
