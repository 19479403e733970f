import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { adapter, facetsFor, rkeyFor } from "./index";
import { validate } from "./descriptor";
import { blueskyFaults, createBlueskyFake, type BlueskyPost } from "../fakes/bluesky";
import { faults, type FakeRequest } from "../fakes/server";
import { contextFor, postOf } from "../fakes/context";
import type { PublishMedia } from "../adapter";
import { failure, draftOf } from "../fakes/expect";

const handle = "scheduler.bsky.social";
const password = "abcd-efgh-ijkl-mnop";
const fake = createBlueskyFake({ handle, password });
beforeAll(async () => void (await fake.start()));
afterAll(() => fake.close());
afterEach(() => {
  fake.clearFaults();
  fake.settings.password = password;
  fake.settings.duplicate = "internal_error";
  vi.useRealTimers();
});

const ctx = (over: { password?: string; config?: Record<string, unknown> } = {}) =>
  contextFor("bluesky", fake.url, { credentials: { handle, app_password: over.password ?? password }, config: over.config });

const image = (alt: string | null, size = 100, mimeType = "image/jpeg"): PublishMedia => ({
  url: null,
  mimeType,
  altText: alt,
  sizeBytes: size,
  read: async () => Buffer.alloc(size, size % 251),
});
const postAt = (key: string, i = 0): BlueskyPost | undefined => fake.posts.find((p) => p.rkey === rkeyFor(key, i));
const creating = (text: string) => (req: FakeRequest) =>
  req.path === "/xrpc/com.atproto.repo.createRecord" && (req.body as { record?: { text?: string } } | null)?.record?.text === text;
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;

describe("bluesky adapter against its fake", () => {
  it("signs in once, caches the session, and creates the record at the key's TID with facets", async () => {
    const c = ctx({ config: { language: "en" } });
    const text = "Ünïcödé 👋🏽 first: https://example.com/launch?x=1 and #Launch2026! plus example.org";
    const post = postOf({ text });
    const res = await adapter.publish(c, post);
    const rkey = rkeyFor(post.idempotencyKey, 0);
    const p = postAt(post.idempotencyKey)!;
    expect(res).toMatchObject({ platformPostId: `at://${fake.did}/app.bsky.feed.post/${rkey}`, url: `https://bsky.app/profile/${fake.did}/post/${rkey}` });
    expect(p.record).toMatchObject({ $type: "app.bsky.feed.post", text, langs: ["en"] });
    const facets = p.record.facets as { index: { byteStart: number; byteEnd: number }; features: { tag?: string; uri?: string }[] }[];
    const shown = facets.map((f) => Buffer.from(text).subarray(f.index.byteStart, f.index.byteEnd).toString());
    expect(shown).toEqual(["https://example.com/launch?x=1", "#Launch2026", "example.org"]);
    expect(facets.map((f) => f.features[0]!.uri ?? f.features[0]!.tag)).toEqual(["https://example.com/launch?x=1", "Launch2026", "https://example.org"]);
    expect(c.saved.at(-1)).toMatchObject({ handle, app_password: password, did: fake.did, accessJwt: expect.any(String), refreshJwt: expect.any(String) });
    const logins = fake.count("POST", "/xrpc/com.atproto.server.createSession");
    await adapter.publish(c, postOf({ text: "second post, same session" }));
    expect(fake.count("POST", "/xrpc/com.atproto.server.createSession")).toBe(logins);
  });

  it("derives valid, stable, distinct TIDs from the idempotency key", () => {
    expect(rkeyFor("sched-1:v1", 0)).toBe(rkeyFor("sched-1:v1", 0));
    const keys = new Set<string>();
    for (let i = 0; i < 2000; i++) keys.add(rkeyFor(`schedule-${i}:v1`, i % 3));
    expect(keys.size).toBe(2000);
    for (const k of keys) expect(k).toMatch(TID);
    expect(rkeyFor("a:v1", 1)).not.toBe(rkeyFor("a:v1", 0));
  });

  it("facetsFor counts UTF-8 bytes and follows Bluesky's tag rules", () => {
    expect(facetsFor("日本 #タグ")).toEqual([{ index: { byteStart: 7, byteEnd: 14 }, features: [{ $type: "app.bsky.richtext.facet#tag", tag: "タグ" }] }]);
    expect(facetsFor("#123 no, see https://x.com/#frag, and#glued")).toHaveLength(1);
  });

  it("the fake rejects text over 300 graphemes or 3,000 bytes, as validate() does", async () => {
    const long = postOf({ text: "é".repeat(301) });
    const err = await failure(adapter.publish(ctx(), long));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("grapheme too big (maximum 300, got 301) at $.record.text");
    expect(validate(draftOf(long)).map((i) => i.code)).toEqual(["text_too_long"]);
    const heavy = postOf({ text: "👨‍👩‍👧".repeat(200) });
    const bytes = await failure(adapter.publish(ctx(), heavy));
    expect(bytes.message).toContain("string too big (maximum 3000, got 3600)");
    expect(validate(draftOf(heavy)).map((i) => i.code)).toEqual(["text_too_many_bytes"]);
    expect(postAt(long.idempotencyKey)).toBeUndefined();
    await adapter.publish(ctx(), postOf({ text: "é".repeat(300) }));
  });

  it("uploads images as blobs with alt text; refuses a fifth image; stores a >1 MB image as a PDS does (validate() flags it)", async () => {
    const post = postOf({ text: "two images", media: [image("A red bicycle"), image(null, 200, "image/png")] });
    await adapter.publish(ctx(), post);
    const embed = postAt(post.idempotencyKey)!.record.embed as { $type: string; images: { alt: string; image: { mimeType: string; size: number } }[] };
    expect(embed.$type).toBe("app.bsky.embed.images");
    expect(embed.images.map((i) => [i.alt, i.image.mimeType, i.image.size])).toEqual([
      ["A red bicycle", "image/jpeg", 100],
      ["", "image/png", 200],
    ]);
    const five = postOf({ text: "five", media: [1, 2, 3, 4, 5].map((n) => image(`image ${n}`, 10 + n)) });
    expect((await failure(adapter.publish(ctx(), five))).message).toContain("array too big (maximum 4, got 5) at $.record.embed.images");
    expect(validate(draftOf(five)).some((i) => i.field === "media" && i.severity === "error")).toBe(true);
    // A real PDS does not enforce the image lexicon's 1,000,000-byte maxSize: validate() must.
    const big = postOf({ text: "big", media: [image("big", 1_000_001)] });
    await adapter.publish(ctx(), big);
    expect((postAt(big.idempotencyKey)!.record.embed as { images: { image: { size: number } }[] }).images[0]!.image.size).toBe(1_000_001);
    expect(validate(draftOf(big)).some((i) => i.field.startsWith("media") && i.severity === "error")).toBe(true);
  });

  it("a wrong app password is an auth failure for publish and verifyCredentials", async () => {
    const err = await failure(adapter.publish(ctx({ password: "wrong-wrong-wrong-wrong" }), postOf()));
    expect(err.kind).toBe("auth");
    expect(err.message).toContain("Invalid identifier or password");
    expect((await failure(adapter.verifyCredentials(ctx({ password: "nope" })))).kind).toBe("auth");
    await expect(adapter.verifyCredentials(ctx())).resolves.toEqual({ externalId: fake.did, name: `@${handle}` });
  });

  it("renews an expired access token with refreshSession, and signs in again when the session was revoked", async () => {
    const c = ctx();
    await adapter.publish(c, postOf({ text: "before expiry" }));
    const [logins, refreshes] = [fake.count("POST", "/xrpc/com.atproto.server.createSession"), fake.count("POST", "/xrpc/com.atproto.server.refreshSession")];
    fake.advance(3 * 3600_000);
    try {
      const post = postOf({ text: "after expiry" });
      await adapter.publish(c, post);
      expect(postAt(post.idempotencyKey)).toBeDefined();
      expect(fake.count("POST", "/xrpc/com.atproto.server.refreshSession")).toBe(refreshes + 1);
      expect(fake.count("POST", "/xrpc/com.atproto.server.createSession")).toBe(logins);
      // A revoked app password (as on a real PDS): the access token in hand lives on …
      fake.revokeAll();
      await adapter.publish(c, postOf({ text: "after revocation" }));
      expect(fake.count("POST", "/xrpc/com.atproto.server.createSession")).toBe(logins);
      // … until it expires; the refresh is then refused as revoked, and the adapter signs in again.
      fake.advance(3 * 3600_000);
      const refused = fake.count("POST", "/xrpc/com.atproto.server.refreshSession");
      await adapter.publish(c, postOf({ text: "after revocation and expiry" }));
      expect(fake.count("POST", "/xrpc/com.atproto.server.refreshSession")).toBe(refused + 1);
      expect(fake.count("POST", "/xrpc/com.atproto.server.createSession")).toBe(logins + 1);
    } finally {
      fake.advance(-6 * 3600_000);
    }
  });

  it("refreshToken rotates the session; a refused refresh and sign-in is auth; a network blip is retryable", async () => {
    const c = ctx();
    await adapter.verifyCredentials(c);
    const before = c.credentials.refreshJwt;
    const refreshed = await adapter.refreshToken!(c);
    expect(refreshed.credentials.refreshJwt).not.toBe(before);
    expect(refreshed.credentials.app_password).toBe(password);
    expect(refreshed.expiresAt!.getTime()).toBeGreaterThan(0);
    fake.inject(faults.drop(), { match: (r) => r.path === "/xrpc/com.atproto.server.refreshSession" });
    expect((await failure(adapter.refreshToken!(c))).kind).toBe("retryable");
    fake.revokeAll();
    fake.settings.password = "rotated-by-the-user";
    expect((await failure(adapter.refreshToken!(c))).kind).toBe("auth");
  });

  it("429 waits until ratelimit-reset; 500 is retryable and creates nothing", async () => {
    const c = ctx();
    await adapter.verifyCredentials(c);
    const now = new Date("2026-11-05T12:00:00.000Z");
    vi.useFakeTimers({ toFake: ["Date"], now });
    fake.inject(blueskyFaults.rateLimited(now.getTime() / 1000 + 120));
    const limited = await failure(adapter.publish(c, postOf()));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBe(120_000);
    vi.useRealTimers();
    const post = postOf({ text: "server trouble" });
    fake.inject(faults.serverError(500));
    expect((await failure(adapter.publish(c, post))).kind).toBe("retryable");
    expect(postAt(post.idempotencyKey)).toBeUndefined();
  });

  for (const duplicate of ["internal_error", "invalid_request"] as const) {
    it(`a lost response: findExisting finds the record, and the re-send is create-if-absent (${duplicate})`, async () => {
      fake.settings.duplicate = duplicate;
      const post = postOf({ text: `lost answer ${duplicate}` });
      fake.inject(faults.loseResponse(), { match: creating(post.text) });
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
      const found = await adapter.findExisting(ctx(), post);
      const p = postAt(post.idempotencyKey)!;
      expect(found).toEqual({ platformPostId: p.uri, url: `https://bsky.app/profile/${fake.did}/post/${p.rkey}`, parts: undefined });
      const again = await adapter.publish(ctx(), post);
      expect(again.platformPostId).toBe(p.uri);
      expect(fake.posts.filter((x) => x.record.text === post.text)).toHaveLength(1);
      expect(await adapter.findExisting(ctx(), postOf({ text: "never sent" }))).toBeNull();
    });
  }

  it("publishes a thread whose parts reply to the root and the previous part", async () => {
    const post = postOf({ parts: ["root 1/3", "middle 2/3", "end 3/3"] });
    const res = await adapter.publish(ctx(), post);
    const [a, b, c] = [0, 1, 2].map((i) => postAt(post.idempotencyKey, i)!);
    const ref = (p: BlueskyPost) => ({ uri: p.uri, cid: p.cid });
    expect(a!.record.reply).toBeUndefined();
    expect(b!.record.reply).toEqual({ root: ref(a!), parent: ref(a!) });
    expect(c!.record.reply).toEqual({ root: ref(a!), parent: ref(b!) });
    expect(res.parts!.map((p) => p.extra)).toEqual([ref(a!), ref(b!), ref(c!)]);
    expect(await adapter.findExisting(ctx(), post)).toMatchObject({ platformPostId: a!.uri, parts: res.parts });
  });

  it("resumes a thread after a failure and a lost answer mid-thread, with no part posted twice", async () => {
    const parts = ["uno 1/3", "dos 2/3", "tres 3/3"];
    const post = postOf({ parts });
    fake.inject(faults.serverError(502), { match: creating("dos 2/3") });
    expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
    expect(post.progress).toHaveLength(1);
    const second = postOf({ parts, idempotencyKey: post.idempotencyKey, publishedParts: post.progress });
    fake.inject(faults.loseResponse(), { match: creating("tres 3/3") });
    expect((await failure(adapter.publish(ctx(), second))).kind).toBe("unknown_outcome");
    // Resume with parts that lost their extras: the refs are looked up at their rkeys.
    const bare = second.progress.map(({ index, id }) => ({ index, id }));
    const res = await adapter.publish(ctx(), postOf({ parts, idempotencyKey: post.idempotencyKey, publishedParts: bare }));
    const chain = parts.map((t) => fake.posts.filter((p) => p.record.text === t));
    expect(chain.map((c) => c.length)).toEqual([1, 1, 1]);
    const [a, b, c] = chain.map((x) => x[0]!);
    expect(c!.record.reply as { root: { uri: string }; parent: { uri: string } }).toMatchObject({ root: { uri: a!.uri }, parent: { uri: b!.uri } });
    expect(res.parts!.map((p) => p.id)).toEqual([a!.uri, b!.uri, c!.uri]);
  });

  it("checks every thread part before posting anything", async () => {
    const before = fake.posts.length;
    const err = await failure(adapter.publish(ctx(), postOf({ parts: ["ok", "x".repeat(301), "ok"] })));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("thread part 2");
    expect(fake.posts.length).toBe(before);
  });

  it("the fake refuses facets with character instead of byte offsets", async () => {
    const c = ctx();
    await adapter.verifyCredentials(c);
    const text = "héllo https://example.com";
    const res = await fetch(`${fake.url}/xrpc/com.atproto.repo.createRecord`, {
      method: "POST",
      headers: { authorization: `Bearer ${c.credentials.accessJwt}`, "content-type": "application/json" },
      body: JSON.stringify({
        repo: fake.did,
        collection: "app.bsky.feed.post",
        rkey: rkeyFor("raw:v1", 0),
        record: {
          $type: "app.bsky.feed.post",
          text,
          createdAt: new Date().toISOString(),
          facets: [{ index: { byteStart: 6, byteEnd: 25 }, features: [{ $type: "app.bsky.richtext.facet#link", uri: "https://example.com" }] }],
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("InvalidRequest");
  });

  it("answers like a real PDS where the adapter does not look: tokens, commit, blobs, record keys", async () => {
    const c = ctx();
    await adapter.verifyCredentials(c);
    const raw = (path: string, init: { token?: string; json?: unknown; body?: Buffer; type?: string } = {}) =>
      fetch(`${fake.url}/xrpc/${path}`, {
        method: init.json !== undefined || init.body ? "POST" : "GET",
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.json !== undefined ? { "content-type": "application/json" } : init.type ? { "content-type": init.type } : {}),
        },
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body && new Uint8Array(init.body),
      }).then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> }));
    const record = (text: string, extra: Record<string, unknown> = {}) => ({
      repo: fake.did,
      collection: "app.bsky.feed.post",
      record: { $type: "app.bsky.feed.post", text, createdAt: new Date().toISOString(), ...extra },
    });
    const token = c.credentials.accessJwt!;
    expect(await raw("com.atproto.repo.createRecord", { json: record("x") })).toMatchObject({ status: 401, body: { error: "AuthMissing" } });
    expect(await raw("com.atproto.repo.createRecord", { token: "garbage", json: record("x") })).toMatchObject({ status: 400, body: { error: "InvalidToken" } });
    expect(await raw("com.atproto.repo.createRecord", { token: c.credentials.refreshJwt, json: record("x") })).toMatchObject({
      status: 400,
      body: { error: "InvalidToken" },
    });
    const made = await raw("com.atproto.repo.createRecord", { token, json: { ...record("commit shape"), rkey: rkeyFor("shape:v1", 0) } });
    expect(made.body).toMatchObject({ validationStatus: "valid", commit: { rev: expect.stringMatching(TID) } });
    expect((made.body.commit as { rev: string }).rev).not.toBe(rkeyFor("shape:v1", 0));
    expect(made.body.cid).toMatch(/^bafyrei[a-z2-7]{52}$/);
    expect((await raw("com.atproto.repo.createRecord", { token, json: { ...record("bad key"), rkey: "scheduled-0001" } })).body.message).toBe(
      'Invalid record key for app.bsky.feed.post: Invalid TID string (got "scheduled-0001") at $',
    );
    expect(await raw("com.atproto.repo.createRecord", { token, json: { ...record("elsewhere"), repo: "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa" } })).toMatchObject({
      status: 403,
      body: { error: "AccountNotFound" },
    });
    const unchecked = await raw("com.atproto.repo.createRecord", { token, json: { ...record("é".repeat(301)), validate: false } });
    expect(unchecked.status).toBe(200);
    expect(unchecked.body.validationStatus).toBeUndefined();
    // Blobs: the type is sniffed from the bytes; a ref that lies about type or size is refused.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(40, 1)]);
    const up = await raw("com.atproto.repo.uploadBlob", { token, body: png, type: "image/jpeg" });
    const blob = up.body.blob as { ref: { $link: string }; mimeType: string; size: number };
    expect(blob).toMatchObject({ $type: "blob", mimeType: "image/png", size: png.length });
    const withImage = (image: unknown) => record("img", { embed: { $type: "app.bsky.embed.images", images: [{ alt: "", image }] } });
    expect(await raw("com.atproto.repo.createRecord", { token, json: withImage({ ...blob, mimeType: "image/jpeg" }) })).toMatchObject({
      status: 400,
      body: { error: "InvalidMimeType" },
    });
    expect(await raw("com.atproto.repo.createRecord", { token, json: withImage({ ...blob, size: 1 }) })).toMatchObject({
      status: 400,
      body: { error: "InvalidSize" },
    });
    expect(await raw("com.atproto.repo.createRecord", { token, json: withImage({ ...blob, ref: { $link: `bafkrei${"a".repeat(52)}` } }) })).toMatchObject({
      status: 400,
      body: { error: "BlobNotFound" },
    });
    expect(
      (await raw("com.atproto.repo.createRecord", { token, json: record("none", { embed: { $type: "app.bsky.embed.images", images: [] } }) })).status,
    ).toBe(200);
    expect((await raw("com.atproto.repo.uploadBlob", { token, body: Buffer.alloc(0), type: "image/png" })).status).toBe(200);
    // getRecord: an unknown repo is InvalidRequest; a stale cid is RecordNotFound.
    const q = (o: Record<string, string>) =>
      `com.atproto.repo.getRecord?${new URLSearchParams({ repo: fake.did, collection: "app.bsky.feed.post", rkey: rkeyFor("shape:v1", 0), ...o })}`;
    expect(await raw(q({ repo: "did:plc:aaaaaaaaaaaaaaaaaaaaaaaa" }))).toMatchObject({
      status: 400,
      body: { error: "InvalidRequest", message: "Could not locate record" },
    });
    expect(await raw(q({ cid: `bafyrei${"a".repeat(52)}` }))).toMatchObject({ status: 400, body: { error: "RecordNotFound" } });
    expect(await raw(q({}))).toMatchObject({ status: 200, body: { cid: made.body.cid } });
  });

  it("a rotated refresh token keeps working for two hours, as on a real PDS", async () => {
    const c = ctx();
    await adapter.verifyCredentials(c);
    const old = c.credentials.refreshJwt!;
    await adapter.refreshToken!(c);
    const again = await fetch(`${fake.url}/xrpc/com.atproto.server.refreshSession`, { method: "POST", headers: { authorization: `Bearer ${old}` } });
    expect(again.status).toBe(200);
    fake.advance(2 * 3600_000 + 1000);
    try {
      const late = await fetch(`${fake.url}/xrpc/com.atproto.server.refreshSession`, { method: "POST", headers: { authorization: `Bearer ${old}` } });
      expect(late.status).toBe(400);
      expect(await late.json()).toEqual({ error: "ExpiredToken", message: "Token has been revoked" });
    } finally {
      fake.advance(-(2 * 3600_000 + 1000));
    }
  });

  it("fetchMetrics on a PDS without an App View is a permanent error naming the missing service", async () => {
    const res = await adapter.publish(ctx(), postOf({ text: "no app view" }));
    fake.settings.appView = false;
    try {
      const err = await failure(adapter.fetchMetrics(ctx(), res.platformPostId));
      expect(err.kind).toBe("permanent");
      expect(err.message).toBe("Bluesky refused the request: No service configured for app.bsky.feed.getPosts");
    } finally {
      fake.settings.appView = true;
    }
  });

  it("fetchMetrics maps likes, reposts + quotes and replies; a missing post is permanent", async () => {
    const res = await adapter.publish(ctx(), postOf({ text: "count me" }));
    Object.assign(fake.posts.find((p) => p.uri === res.platformPostId)!, { likeCount: 7, repostCount: 2, quoteCount: 1, replyCount: 3 });
    await expect(adapter.fetchMetrics(ctx(), res.platformPostId)).resolves.toMatchObject({ likes: 7, shares: 3, comments: 3, clicks: 0, impressions: 0 });
    expect((await failure(adapter.fetchMetrics(ctx(), `at://${fake.did}/app.bsky.feed.post/2222222222222`))).kind).toBe("permanent");
  });
});
