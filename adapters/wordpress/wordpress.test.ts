import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { createWordpressFake, type WpUser } from "../fakes/wordpress";
import { faults } from "../fakes/server";
import { contextFor, postOf } from "../fakes/context";
import type { PublishMedia, PublishPost } from "../adapter";
import { failure } from "../fakes/expect";
import { solidPng } from "../../scripts/test/png";

const author: WpUser = { id: 7, username: "scheduler", name: "Scheduler Bot", appPassword: "abcd EFGH 1234 ijkl MNOP 5678", role: "author" };
const contributor: WpUser = { id: 8, username: "intern", name: "Intern", appPassword: "zzzz yyyy xxxx wwww vvvv uuuu", role: "contributor" };
const fake = createWordpressFake({ users: [author, contributor] });
/** A site that names a refused login (`incorrect_password` …), as WordPress documents. */
const detailed = createWordpressFake({ users: [author], authErrors: "detailed" });
beforeAll(async () => void (await Promise.all([fake.start(), detailed.start()])));
afterAll(async () => void (await Promise.all([fake.close(), detailed.close()])));

const ctx = (over: { user?: Partial<WpUser>; config?: Record<string, unknown>; site?: { url: string } } = {}) => {
  const u = { ...author, ...over.user };
  return contextFor("wordpress", (over.site ?? fake).url, { credentials: { username: u.username, app_password: u.appPassword }, config: over.config });
};

let n = 0;
const article = (p: Partial<PublishPost> = {}) => {
  n++;
  return postOf({ title: `Post number ${n}`, text: `Text of post ${n}`, contentType: "article", ...p });
};
const red = solidPng(4, 4, [255, 0, 0]);
const image = (altText: string | null, bytes = red): PublishMedia => ({
  url: null,
  mimeType: "image/png",
  altText,
  sizeBytes: bytes.length,
  read: async () => bytes,
});
const authHeader = `Basic ${Buffer.from(`${author.username}:${author.appPassword}`).toString("base64")}`;

describe("wordpress adapter against its fake", () => {
  it("publishes with tag ids (found or created), categories and the site's link", async () => {
    const post = article({ tags: ["news", "Launch Day"] });
    const res = await adapter.publish(ctx({ config: { category_ids: "1" } }), post);
    const p = fake.posts.at(-1)!;
    const launch = fake.tags.find((t) => t.name === "Launch Day")!;
    expect(res).toMatchObject({ platformPostId: String(p.id), url: p.link, httpStatus: 201 });
    expect(p).toMatchObject({ status: "publish", title: post.title, content: post.text, tags: [3, launch.id], categories: [1], author: author.id });
    const tagCount = fake.tags.length;
    await adapter.publish(ctx(), article({ tags: ["LAUNCH DAY", "news"] }));
    expect(fake.tags.length).toBe(tagCount);
    expect(fake.posts.at(-1)!.tags).toEqual([launch.id, 3]);
  });

  it("uploads media once, features the first image and places it in the content", async () => {
    const post = article({ media: [image("A red square")] });
    fake.inject(faults.serverError(500), { match: (r) => r.method === "POST" && r.path.endsWith("/posts") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
    const m = fake.media.at(-1)!;
    expect(m).toMatchObject({ alt_text: "A red square", mime_type: "image/png", bytes: red.length });
    expect(post.state.wp_media_0).toBe(`${m.id} ${m.source_url}`);
    const uploads = fake.count("POST", "/wp-json/wp/v2/media");
    await adapter.publish(ctx(), post);
    expect(fake.count("POST", "/wp-json/wp/v2/media")).toBe(uploads);
    const p = fake.posts.at(-1)!;
    expect(p.featured_media).toBe(m.id);
    expect(p.content).toContain(`<img src="${m.source_url}" alt="A red square"`);
  });

  it("the fake refuses tag names, unregistered meta and unknown fields as WordPress-strict 400s", async () => {
    const call = (json: unknown) =>
      fetch(`${fake.url}/wp-json/wp/v2/posts`, {
        method: "POST",
        body: JSON.stringify(json),
        headers: { "content-type": "application/json", authorization: authHeader },
      });
    const names = await call({ title: "x", content: "y", status: "publish", tags: ["news"] });
    expect(names.status).toBe(400);
    expect(await names.json()).toMatchObject({ code: "rest_invalid_param", data: { status: 400, params: { tags: "tags[0] is not of type integer." } } });
    expect((await call({ title: "x", content: "y", meta: { key: "k" } })).status).toBe(400);
    expect((await call({ title: "x", content: "y", tag_names: [] })).status).toBe(400);
  });

  it("an empty post is refused by WordPress as permanent; validate() reports it", async () => {
    const post = article({ title: "", text: "" });
    const err = await failure(adapter.publish(ctx(), post));
    expect(err).toMatchObject({ kind: "permanent", httpStatus: 400, platformCode: "empty_content" });
    expect(adapter.validate({ contentType: "article", title: "", text: "", media: [], tags: [] }).map((i) => i.code)).toContain("text_empty");
  });

  it("a wrong application password or unknown user is an auth failure (refused logins run anonymously)", async () => {
    const bad = await failure(adapter.publish(ctx({ user: { appPassword: "nope nope" } }), article()));
    expect(bad).toMatchObject({ kind: "auth", httpStatus: 401, platformCode: "rest_cannot_create" });
    const ghost = await failure(adapter.verifyCredentials(ctx({ user: { username: "ghost" } })));
    expect(ghost).toMatchObject({ kind: "auth", platformCode: "rest_not_logged_in" });
    expect(ghost.message).toMatch(/not the login password/);
    expect((await failure(adapter.verifyCredentials(contextFor("wordpress", fake.url)))).kind).toBe("auth");
  });

  it("a site that names the refused login gets the matching advice", async () => {
    const bad = await failure(adapter.publish(ctx({ site: detailed, user: { appPassword: "nope nope" } }), article()));
    expect(bad).toMatchObject({ kind: "auth", httpStatus: 401, platformCode: "incorrect_password" });
    expect(bad.message).toMatch(/Application Passwords/);
    expect((await failure(adapter.verifyCredentials(ctx({ site: detailed, user: { username: "ghost" } })))).platformCode).toBe("invalid_username");
  });

  it("an upload whose answer was lost is found again on the retry, not uploaded twice", async () => {
    const post = article({ media: [image("A blue square", solidPng(4, 4, [0, 0, 255]))] });
    const uploads = fake.count("POST", "/wp-json/wp/v2/media");
    fake.inject(faults.loseResponse(), { match: (r) => r.method === "POST" && r.path.endsWith("/media") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    const m = fake.media.at(-1)!;
    expect(post.state.wp_media_0).toBeUndefined();
    await expect(adapter.findExisting(ctx(), post)).resolves.toBeNull();
    await adapter.publish(ctx(), post);
    expect(fake.count("POST", "/wp-json/wp/v2/media")).toBe(uploads + 1);
    expect(fake.posts.at(-1)!.featured_media).toBe(m.id);
    // The same image for another post of the schedule's next version is uploaded anew.
    await adapter.publish(ctx(), article({ media: [image("A blue square", solidPng(4, 4, [0, 0, 255]))] }));
    expect(fake.count("POST", "/wp-json/wp/v2/media")).toBe(uploads + 2);
    expect(fake.media.at(-1)!.source_url).toMatch(/-1\.png$/);
  });

  it("kses on an author's post: markup, stray < and attributes changed; findExisting still matches", async () => {
    const post = article({ title: "Tom & Jerry <b>now</b>", text: 'Cats & mice: 5 < 6 and 7 > 3. <span onclick="x()">Click</span> <script>y()</script>' });
    const res = await adapter.publish(ctx(), post);
    const p = fake.posts.at(-1)!;
    expect(p.title).toBe("Tom &amp; Jerry <b>now</b>");
    expect(p.content).toBe("Cats &amp; mice: 5  3. <span>Click</span> y()");
    await expect(adapter.findExisting(ctx(), post)).resolves.toEqual({ platformPostId: res.platformPostId, url: p.link });
  });

  it("a user without the Author role gets a permanent error that says so", async () => {
    const before = fake.posts.length;
    const err = await failure(adapter.publish(ctx({ user: contributor }), article()));
    expect(err).toMatchObject({ kind: "permanent", httpStatus: 403, platformCode: "rest_cannot_publish" });
    expect(err.message).toMatch(/Author role/);
    expect(fake.posts.length).toBe(before);
    const verify = await failure(adapter.verifyCredentials(ctx({ user: contributor })));
    expect(verify.kind).toBe("permanent");
    expect(verify.message).toMatch(/contributor/);
  });

  it("429 carries Retry-After, 500 is retryable", async () => {
    fake.inject(faults.rateLimited(9, { code: "too_many_requests", message: "Slow down", data: { status: 429 } }));
    const limited = await failure(adapter.publish(ctx(), article()));
    expect(limited).toMatchObject({ kind: "rate_limited", retryAfterMs: 9000 });
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(ctx(), article()))).kind).toBe("retryable");
  });

  it("a lost response is an unknown outcome; findExisting finds the post despite kses", async () => {
    const post = article({ title: "Tom & Jerry: the   sequel", text: "Cats & mice\nare back." });
    const before = fake.posts.length;
    fake.inject(faults.loseResponse());
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
    expect(fake.posts.length).toBe(before + 1);
    const created = fake.posts.at(-1)!;
    expect(created.title).toBe("Tom &amp; Jerry: the   sequel");
    await expect(adapter.findExisting(ctx(), post)).resolves.toEqual({ platformPostId: String(created.id), url: created.link });
    expect(fake.posts.length).toBe(before + 1);
    await expect(adapter.findExisting(ctx(), { ...post, text: "Different text" })).resolves.toBeNull();
    await expect(adapter.findExisting(ctx(), article())).resolves.toBeNull();
  });

  it("a tag created meanwhile (term_exists) is reused by id", async () => {
    fake.tags.push({ id: 555, name: "Racing", slug: "racing" });
    fake.inject({ kind: "status", status: 200, json: [] }, { match: (r) => r.method === "GET" && r.path.endsWith("/tags") });
    await adapter.publish(ctx(), article({ tags: ["racing"] }));
    expect(fake.posts.at(-1)!.tags).toEqual([555]);
    expect(fake.tags.filter((t) => t.slug === "racing")).toHaveLength(1);
  });

  it("fetchMetrics counts approved comments; the rest are zeros", async () => {
    const res = await adapter.publish(ctx(), article());
    const id = Number(res.platformPostId);
    fake.addComment(id);
    fake.addComment(id);
    fake.addComment(id, "hold");
    await expect(adapter.fetchMetrics(ctx(), res.platformPostId)).resolves.toMatchObject({ comments: 2, likes: 0, shares: 0, impressions: 0 });
  });

  it("verifyCredentials returns the user id and username", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toEqual({ externalId: String(author.id), name: author.username });
  });
});
