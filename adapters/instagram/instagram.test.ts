import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { createInstagramFake } from "../fakes/instagram";
import { faults } from "../fakes/server";
import { contextFor, postOf } from "../fakes/context";
import type { PublishMedia } from "../adapter";
import type { DraftMedia } from "../types";
import { endsWith } from "../meta/fake";
import { failure } from "../fakes/expect";

const fake = createInstagramFake({ processingPolls: 2 });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());

const ctx = (over: { token?: string; config?: Record<string, unknown>; credentials?: Record<string, string> } = {}) =>
  contextFor("instagram", fake.url, {
    credentials: { access_token: over.token ?? "ig-token", ...over.credentials },
    config: { ig_user_id: fake.igUserId, container_poll_interval_ms: 0, container_max_polls: 5, ...over.config },
  });

let seq = 0;
const unique = (label: string) => `${label} ${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const jpeg = (url: string | null = "https://cdn.example.com/photo.jpg"): PublishMedia => ({
  url,
  mimeType: "image/jpeg",
  altText: null,
  sizeBytes: 2000,
  read: async () => Buffer.from("jpeg"),
});
const JPEG_DRAFT: DraftMedia = { mimeType: "image/jpeg", sizeBytes: 2000, width: 1080, height: 1080, altText: "A shoe" };
const draft = (text: string, media: DraftMedia[] = [JPEG_DRAFT]) => ({ contentType: "post" as const, title: "", text, media, tags: [] });

const mediaWith = (caption: string) => fake.media.filter((m) => m.caption === caption);
const mediaPath = () => `/v24.0/${fake.igUserId}/media`;

describe("Instagram: publishing", () => {
  it("creates an image container, polls status_code until FINISHED, publishes, returns id and permalink", async () => {
    const text = unique("New drop #shoes");
    const post = postOf({ text, media: [jpeg()] });
    const res = await adapter.publish(ctx(), post);
    const [stored] = mediaWith(text);
    expect(res).toEqual({ platformPostId: stored!.id, url: stored!.permalink });
    const create = fake.requests.filter((r) => r.method === "POST" && r.path === mediaPath()).at(-1)!;
    expect(create.body).toEqual({ image_url: "https://cdn.example.com/photo.jpg", caption: text, access_token: "ig-token" });
    expect(post.state.container).toBe(stored!.containerId);
    const polls = fake.requests.filter((r) => r.path === `/v24.0/${stored!.containerId}`);
    expect(polls.map((r) => r.query.get("fields"))).toEqual(Array(3).fill("id,status_code,status")); // 2 × IN_PROGRESS, then FINISHED
  });

  it("a video is published as a Reel", async () => {
    const text = unique("clip");
    await adapter.publish(ctx(), postOf({ text, media: [{ ...jpeg("https://cdn.example.com/clip.mp4"), mimeType: "video/mp4" }] }));
    expect(mediaWith(text)[0]).toMatchObject({ mediaType: "VIDEO", mediaUrls: ["https://cdn.example.com/clip.mp4"] });
  });

  it("several attachments make one carousel of carousel-item containers", async () => {
    const text = unique("lookbook");
    const urls = ["https://cdn.example.com/a.jpg", "https://cdn.example.com/b.jpg", "https://cdn.example.com/c.jpg"];
    await adapter.publish(ctx(), postOf({ text, contentType: "carousel", media: urls.map((u) => jpeg(u)) }));
    expect(mediaWith(text)).toEqual([expect.objectContaining({ mediaType: "CAROUSEL_ALBUM", mediaUrls: urls })]);
    const items = [...fake.containers.values()].filter((c) => c.carouselItem && urls.includes(c.mediaUrl ?? ""));
    expect(items.every((c) => c.caption === "")).toBe(true);
  });

  it("alt text goes on each image container (a single image and carousel items), never on a Reel", async () => {
    const described = (url: string, altText: string | null): PublishMedia => ({ ...jpeg(url), altText });
    const one = unique("described");
    await adapter.publish(ctx(), postOf({ text: one, media: [described("https://cdn.example.com/alt-1.jpg", "A white sneaker on a wooden floor")] }));
    const single = fake.containers.get(mediaWith(one)[0]!.containerId)!;
    expect(single).toMatchObject({ mediaType: "IMAGE", altText: "A white sneaker on a wooden floor" });

    const urls = ["https://cdn.example.com/alt-2.jpg", "https://cdn.example.com/alt-3.jpg", "https://cdn.example.com/alt-4.mp4"];
    const album = unique("described album");
    const media = [described(urls[0]!, "Left shoe"), described(urls[1]!, null), { ...described(urls[2]!, "A clip"), mimeType: "video/mp4" }];
    await adapter.publish(ctx(), postOf({ text: album, contentType: "carousel", media }));
    const items = [...fake.containers.values()].filter((c) => c.carouselItem && urls.includes(c.mediaUrl ?? ""));
    expect(items.map((c) => [c.mediaUrl, c.altText])).toEqual([
      [urls[0], "Left shoe"],
      [urls[1], null],
      [urls[2], null],
    ]);

    // Instagram takes alt text on images only: the fake refuses it on a Reel.
    const raw = await fetch(`${fake.url}${mediaPath()}`, {
      method: "POST",
      body: new URLSearchParams({ media_type: "REELS", video_url: "https://cdn.example.com/r.mp4", alt_text: "x", access_token: "ig-token" }),
    });
    expect(raw.status).toBe(400);
  });

  it("text-only is impossible: refused before any call, like validate() does; the fake refuses it too", async () => {
    const before = fake.requests.length;
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("just words") })));
    expect(err.kind).toBe("permanent");
    expect(fake.requests.length).toBe(before);
    expect(adapter.validate(draft("just words", [])).map((i) => i.code)).toEqual(["media_required"]);
    const raw = await fetch(`${fake.url}${mediaPath()}`, { method: "POST", body: new URLSearchParams({ caption: "words", access_token: "ig-token" }) });
    expect(raw.status).toBe(400);
  });

  it("media without a public URL is refused before any call, saying why", async () => {
    const before = fake.requests.length;
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("local"), media: [jpeg(null)] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/public URL/);
    expect(fake.requests.length).toBe(before);
  });

  it("a caption over 2,200 characters or with 31 hashtags is refused by Instagram and by validate()", async () => {
    const long = "a".repeat(2201);
    const tooLong = await failure(adapter.publish(ctx(), postOf({ text: long, media: [jpeg()] })));
    expect(tooLong.kind).toBe("permanent");
    expect(tooLong.message).toBe("Instagram refused to create the post: The caption has 2,201 characters; Instagram allows 2,200.");
    expect(adapter.validate(draft(long)).map((i) => i.code)).toEqual(["text_too_long"]);
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(" ");
    const tooMany = await failure(adapter.publish(ctx(), postOf({ text: tags, media: [jpeg()] })));
    expect(tooMany.message).toMatch(/31 hashtags; Instagram allows 30/);
    expect(adapter.validate(draft(tags)).map((i) => i.code)).toEqual(["hashtags_too_many"]);
    const thirty = `${unique("ok")} ${tags.split(" ").slice(0, 30).join(" ")}`;
    await adapter.publish(ctx(), postOf({ text: thirty, media: [jpeg()] }));
    expect(mediaWith(thirty)).toHaveLength(1);
  });

  it("a container that ends in ERROR is permanent", async () => {
    const err = await failure(adapter.publish(ctx(), postOf({ text: unique("bad"), media: [jpeg("https://cdn.example.com/broken.jpg")] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/Instagram could not process the post: Error: Media download has failed/);
  });

  it("still IN_PROGRESS after the last poll: retryable with the container kept; the retry publishes that container", async () => {
    const text = unique("slow");
    const post = postOf({ text, media: [jpeg()] });
    const err = await failure(adapter.publish(ctx({ config: { container_max_polls: 1 } }), post));
    expect(err.kind).toBe("retryable");
    const container = post.state.container!;
    expect(fake.containers.get(container)?.status).toBe("IN_PROGRESS");
    await adapter.publish(ctx(), post);
    expect(mediaWith(text)).toEqual([expect.objectContaining({ containerId: container })]);
  });

  it("a missing ig_user_id is a configuration error", async () => {
    const err = await failure(adapter.publish(ctx({ config: { ig_user_id: "" } }), postOf({ media: [jpeg()] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/config\.ig_user_id/);
  });
});

describe("Instagram: failures", () => {
  it("a bad token is an auth failure", async () => {
    const err = await failure(adapter.publish(ctx({ token: "revoked" }), postOf({ text: unique("x"), media: [jpeg()] })));
    expect([err.kind, err.platformCode]).toEqual(["auth", "190"]);
  });

  it("429 carries Retry-After; 500 is retryable", async () => {
    fake.inject(faults.rateLimited(12));
    const limited = await failure(adapter.publish(ctx(), postOf({ text: unique("x"), media: [jpeg()] })));
    expect([limited.kind, limited.retryAfterMs]).toEqual(["rate_limited", 12_000]);
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), postOf({ text: unique("x"), media: [jpeg()] })))).kind).toBe("retryable");
  });

  it("the 50-posts-a-day quota is a rate limit", async () => {
    const quota = fake.limits.quota;
    fake.limits.quota = fake.media.length;
    try {
      const err = await failure(adapter.publish(ctx(), postOf({ text: unique("fifty-first"), media: [jpeg()] })));
      expect([err.kind, err.platformCode]).toEqual(["rate_limited", "9/2207042"]);
      expect(err.message).toMatch(/24-hour publishing limit/);
    } finally {
      fake.limits.quota = quota;
    }
  });
});

describe("Instagram: unknown outcomes", () => {
  it("a lost media_publish answer: findExisting finds the post via the container; a retry publishes nothing new", async () => {
    const text = unique("lost");
    const post = postOf({ text, media: [jpeg()] });
    fake.inject(faults.loseResponse(), { match: endsWith("/media_publish") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    const found = await adapter.findExisting(ctx(), post);
    expect(found).toEqual({ platformPostId: mediaWith(text)[0]!.id, url: mediaWith(text)[0]!.permalink });
    const publishes = fake.count("POST", `${mediaPath()}_publish`);
    expect((await adapter.publish(ctx(), post)).platformPostId).toBe(found!.platformPostId);
    expect(fake.count("POST", `${mediaPath()}_publish`)).toBe(publishes);
    expect(mediaWith(text)).toHaveLength(1);
  });

  it("a PUBLISHED container whose post is not listed yet is 'cannot tell': findExisting throws instead of null", async () => {
    const text = unique("lagging list");
    const post = postOf({ text, media: [jpeg()] });
    await adapter.publish(ctx(), post);
    const [hidden] = fake.media.splice(
      fake.media.findIndex((m) => m.caption === text),
      1,
    );
    try {
      expect((await failure(adapter.findExisting(ctx(), post))).kind).toBe("retryable");
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable"); // and never publishes again
      expect(fake.containers.get(post.state.container!)?.status).toBe("PUBLISHED");
    } finally {
      fake.media.push(hidden!);
    }
  });

  it("a saved container that was never published means the post is certainly not there", async () => {
    const text = unique("unpublished");
    const post = postOf({ text, media: [jpeg()] });
    fake.inject(faults.serverError(500), { match: endsWith("/media_publish") });
    await failure(adapter.publish(ctx(), post));
    expect(await adapter.findExisting(ctx(), post)).toBeNull();
    await adapter.publish(ctx(), post);
    expect(mediaWith(text)).toHaveLength(1);
  });

  it("without a saved container, the recent media list is matched on the caption", async () => {
    const text = unique("listed");
    await adapter.publish(ctx(), postOf({ text, media: [jpeg()] }));
    const found = await adapter.findExisting(ctx(), postOf({ text, media: [jpeg()] }));
    expect(found?.platformPostId).toBe(mediaWith(text)[0]!.id);
    expect(await adapter.findExisting(ctx(), postOf({ text: unique("never sent"), media: [jpeg()] }))).toBeNull();
  });
});

describe("Instagram: account", () => {
  it("verifyCredentials returns the account id and username; a bad token needs reconnecting", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toEqual({ externalId: fake.igUserId, name: fake.username });
    expect((await failure(adapter.verifyCredentials(ctx({ token: "nope" })))).kind).toBe("auth");
  });

  it("fetchMetrics combines like/comment counts with reach, views and shares insights", async () => {
    const text = unique("metrics");
    const { platformPostId } = await adapter.publish(ctx(), postOf({ text, media: [jpeg()] }));
    Object.assign(mediaWith(text)[0]!, { likeCount: 40, commentsCount: 6, insights: { reach: 300, views: 520, shares: 4 } });
    await expect(adapter.fetchMetrics(ctx(), platformPostId)).resolves.toMatchObject({ likes: 40, comments: 6, reach: 300, impressions: 520, shares: 4 });
  });

  it("refreshToken renews via fb_exchange_token; a refused secret is auth, missing app credentials are auth, a blip retryable", async () => {
    const app = { client_id: fake.app.id, client_secret: fake.app.secret };
    const out = await adapter.refreshToken!(ctx({ credentials: app }));
    expect(out.credentials).toMatchObject({ access_token: expect.stringMatching(/^ig-token-\d+$/), client_id: fake.app.id });
    expect(out.expiresAt).not.toBeNull();
    expect((await failure(adapter.refreshToken!(ctx({ credentials: { ...app, client_secret: "wrong" } })))).kind).toBe("auth");
    expect((await failure(adapter.refreshToken!(ctx()))).kind).toBe("auth");
    fake.inject(faults.drop(), { match: (r) => r.path.endsWith("/oauth/access_token") });
    expect((await failure(adapter.refreshToken!(ctx({ credentials: app })))).kind).toBe("retryable");
  });

  it("exports a Facebook Login OAuth spec with the publishing scope", () => {
    expect(adapter.oauth).toMatchObject({ authorizeUrl: "https://www.facebook.com/v24.0/dialog/oauth", scopeSeparator: ",", pkce: false });
    expect(adapter.oauth?.scopes).toContain("instagram_content_publish");
  });
});
