/**
 * The Bluesky adapter against a real PDS with its own did:plc directory (scripts/peers/bluesky.ts),
 * and through the fault proxy in front of it. The adapter always talks to the proxy; everything it
 * claims is read back from the PDS itself with com.atproto.repo.getRecord / listRecords / sync.getBlob,
 * never through the proxy. This PDS has no App View: every app.bsky.* call answers 400.
 */
import os from "node:os";
import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adapter, rkeyFor } from "./index";
import { blueskyInstalled, startBluesky } from "../../scripts/peers/bluesky";
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from "../../scripts/peers/fault-proxy";
import type { BlueskyPeer } from "../../scripts/peers/types";
import { contextFor, postOf } from "../fakes/context";
import { failure } from "../fakes/expect";
import { solidPng as png } from "../../scripts/test/png";
import type { PublishMedia, PublishPost, PublishedPart } from "../adapter";

const required = process.env.PEERS_REQUIRED === "1";
const missing = !blueskyInstalled();
const reason = missing && !required ? " (skipped: the Bluesky PDS is not installed here; run `npm run peers:install`)" : "";

const POST = "app.bsky.feed.post";
interface StrongRef {
  uri: string;
  cid: string;
}
interface BlobRef {
  $type: string;
  ref: { $link: string };
  mimeType: string;
  size: number;
}
interface PostRecord {
  $type: string;
  text: string;
  createdAt: string;
  langs?: string[];
  facets?: { index: { byteStart: number; byteEnd: number }; features: { $type: string; uri?: string; tag?: string }[] }[];
  reply?: { root: StrongRef; parent: StrongRef };
  embed?: { $type: string; images: { alt: string; image: BlobRef }[] };
}
interface StoredRecord {
  uri: string;
  cid: string;
  value: PostRecord;
}

const image = (bytes: Buffer, altText: string | null): PublishMedia => ({
  url: null,
  mimeType: "image/png",
  altText,
  sizeBytes: bytes.length,
  read: async () => bytes,
});

/** An address of this machine that is not loopback, if it has one. */
function outsideAddress(): string | null {
  for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  return null;
}
const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect({ host, port, timeout: 3000 });
    s.once("connect", () => (s.destroy(), resolve(true)));
    s.once("error", () => resolve(false));
    s.once("timeout", () => (s.destroy(), resolve(false)));
  });

describe.skipIf(missing && !required)(`bluesky adapter against a real PDS${reason}`, () => {
  let peer: BlueskyPeer;
  let proxy: FaultProxy;

  beforeAll(async () => {
    peer = await startBluesky();
    proxy = await startFaultProxy(peer.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await peer?.stop();
  });
  beforeEach(() => {
    proxy.clear();
    proxy.seen.splice(0);
  });

  /** The PDS itself (not the proxy): a public read. */
  async function pds<T>(method: string, query: Record<string, string>): Promise<{ status: number; body: T }> {
    const res = await fetch(`${peer.url}/xrpc/${method}?${new URLSearchParams(query)}`);
    return { status: res.status, body: (await res.json()) as T };
  }
  const stored = async (rkey: string): Promise<StoredRecord | null> => {
    const res = await pds<StoredRecord & { error?: string }>("com.atproto.repo.getRecord", { repo: peer.did, collection: POST, rkey });
    if (res.status === 400 && res.body.error === "RecordNotFound") return null;
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Every post record in the repo, via listRecords (paged). */
  async function allPosts(): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    let cursor: string | undefined;
    do {
      const res = await pds<{ records: StoredRecord[]; cursor?: string }>("com.atproto.repo.listRecords", {
        repo: peer.did,
        collection: POST,
        limit: "100",
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      out.push(...res.body.records);
      cursor = res.body.records.length ? res.body.cursor : undefined;
    } while (cursor);
    return out;
  }
  const countText = async (text: string) => (await allPosts()).filter((r) => r.value.text === text).length;
  const rkeyOf = (uri: string) => uri.split("/").at(-1) as string;

  /** An adapter context pointed at the proxy, signed in with the app password by default. */
  const ctx = (o: { appPassword?: string; timeoutMs?: number; config?: Record<string, unknown> } = {}) =>
    contextFor("bluesky", proxy.url, {
      credentials: { handle: peer.handle, app_password: o.appPassword ?? peer.appPassword },
      config: o.config,
      // Generous: two cores shared with other work; the slow-answer test sets its own.
      timeoutMs: o.timeoutMs ?? 20_000,
    });
  const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const isCreate = (r: ProxiedRequest) => r.method === "POST" && r.path.startsWith("/xrpc/com.atproto.repo.createRecord");
  /** Matches the `n`th createRecord from now on (the proxy sees paths, not bodies). */
  const nthCreate = (n: number) => {
    let seen = 0;
    return (r: ProxiedRequest) => isCreate(r) && ++seen === n;
  };
  /** The next attempt the engine makes after a failure: same key, the parts it recorded. */
  const retryOf = (post: PublishPost, publishedParts: PublishedPart[]) =>
    postOf({ idempotencyKey: post.idempotencyKey, text: post.text, parts: post.parts, media: post.media, publishedParts });

  it("binds the PDS and the did:plc directory to loopback only", async () => {
    const [pdsPort, plcPort] = [Number(new URL(peer.url).port), Number(new URL(peer.plcUrl).port)];
    expect(new URL(peer.url).hostname).toBe("127.0.0.1");
    expect(await connects("127.0.0.1", pdsPort)).toBe(true);
    const outside = outsideAddress();
    if (outside) {
      expect(await connects(outside, pdsPort)).toBe(false);
      expect(await connects(outside, plcPort)).toBe(false);
    }
    // The account's DID document lives in the directory and names this PDS (as localhost).
    const doc = (await (await fetch(`${peer.plcUrl}/${peer.did}`)).json()) as { service: { serviceEndpoint: string }[] };
    expect(doc.service[0]!.serviceEndpoint).toBe(`http://localhost:${pdsPort}`);
  });

  it("verifies the app password; a wrong one (or the handle's main password mistyped) is an auth failure", async () => {
    await expect(adapter.verifyCredentials(ctx())).resolves.toEqual({ externalId: peer.did, name: `@${peer.handle}` });
    const bad = await failure(adapter.verifyCredentials(ctx({ appPassword: "aaaa-bbbb-cccc-dddd" })));
    expect(bad.kind).toBe("auth");
    expect(bad.httpStatus).toBe(401);
    expect(bad.platformCode).toBe("AuthenticationRequired");
    expect(bad.message).toContain("Invalid identifier or password");
    expect((await failure(adapter.publish(ctx({ appPassword: "wrong" }), postOf({ text: unique("never posted") })))).kind).toBe("auth");
  });

  it("refreshToken rotates the session, and the renewed token publishes", async () => {
    const c = ctx();
    await adapter.verifyCredentials(c);
    const before = { ...c.credentials };
    const renewed = await adapter.refreshToken!(c);
    expect(renewed.credentials.refreshJwt).not.toBe(before.refreshJwt);
    // (The access token may come back identical: it is an HS256 JWT without an id, so one issued
    // in the same second for the same account is the same string.)
    expect(renewed.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    const text = unique("after a refresh");
    const res = await adapter.publish(c, postOf({ text }));
    expect((await stored(rkeyOf(res.platformPostId)))!.value.text).toBe(text);
  });

  it("publishes a post with unicode, a link and #tag facets at UTF-8 byte offsets, read back from the PDS", async () => {
    const text = `Ünïcödé 👋🏽 launch: https://example.com/launch?x=1 and #Launch2026! plus example.org ${Date.now().toString(36)}`;
    const post = postOf({ text });
    const res = await adapter.publish(ctx({ config: { language: "de" } }), post);
    const rkey = rkeyFor(post.idempotencyKey, 0);
    expect(res.platformPostId).toBe(`at://${peer.did}/${POST}/${rkey}`);
    expect(res.url).toBe(`https://bsky.app/profile/${peer.did}/post/${rkey}`);
    const rec = (await stored(rkey))!;
    expect(rec.uri).toBe(res.platformPostId);
    expect(rec.value).toMatchObject({ $type: POST, text, langs: ["de"] });
    const shown = rec.value.facets!.map((f) => Buffer.from(text).subarray(f.index.byteStart, f.index.byteEnd).toString("utf8"));
    expect(shown).toEqual(["https://example.com/launch?x=1", "#Launch2026", "example.org"]);
    expect(rec.value.facets!.map((f) => f.features[0]!.uri ?? f.features[0]!.tag)).toEqual([
      "https://example.com/launch?x=1",
      "Launch2026",
      "https://example.org",
    ]);
    expect(await countText(text)).toBe(1);
    expect(await adapter.findExisting(ctx(), post)).toEqual({ platformPostId: res.platformPostId, url: res.url, parts: undefined });
    expect(await adapter.findExisting(ctx(), postOf({ text: "never sent" }))).toBeNull();
  });

  it("uploads images as blobs and embeds them with their alt text; the PDS serves the same bytes", async () => {
    const red = png(3, 2, [220, 20, 60]);
    const blue = png(2, 3, [30, 60, 200]);
    const text = unique("two images");
    const post = postOf({ text, media: [image(red, "A red rectangle"), image(blue, null)] });
    const res = await adapter.publish(ctx(), post);
    const rec = (await stored(rkeyOf(res.platformPostId)))!;
    expect(rec.value.embed!.$type).toBe("app.bsky.embed.images");
    const imgs = rec.value.embed!.images;
    expect(imgs.map((i) => [i.alt, i.image.$type, i.image.mimeType, i.image.size])).toEqual([
      ["A red rectangle", "blob", "image/png", red.length],
      ["", "blob", "image/png", blue.length],
    ]);
    for (const [i, bytes] of [red, blue].entries()) {
      const blob = await fetch(`${peer.url}/xrpc/com.atproto.sync.getBlob?${new URLSearchParams({ did: peer.did, cid: imgs[i]!.image.ref.$link })}`);
      expect(blob.status).toBe(200);
      expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it("publishes a thread as a reply chain whose strong refs name the stored root and parent", async () => {
    const parts = [unique("thread 1/3 https://example.com/a"), unique("thread 2/3 #Peers"), unique("thread 3/3 🧵")];
    const post = postOf({ parts });
    const res = await adapter.publish(ctx(), post);
    const recs = await Promise.all(parts.map((_, i) => stored(rkeyFor(post.idempotencyKey, i))));
    const [a, b, c] = recs.map((r) => r!);
    const ref = (r: StoredRecord) => ({ uri: r.uri, cid: r.cid });
    expect(recs.map((r) => r!.value.text)).toEqual(parts);
    expect(a!.value.reply).toBeUndefined();
    expect(b!.value.reply).toEqual({ root: ref(a!), parent: ref(a!) });
    expect(c!.value.reply).toEqual({ root: ref(a!), parent: ref(b!) });
    expect(res.platformPostId).toBe(a!.uri);
    expect(res.parts!.map((p) => ({ id: p.id, extra: p.extra }))).toEqual([a, b, c].map((r) => ({ id: r!.uri, extra: ref(r!) })));
    expect(a!.value.facets![0]!.features[0]!.uri).toBe("https://example.com/a");
    expect(b!.value.facets![0]!.features[0]!.tag).toBe("Peers");
    expect(await adapter.findExisting(ctx(), post)).toMatchObject({ platformPostId: a!.uri, parts: res.parts });
  });

  it("the real PDS answers 500 for a record key that exists, and the adapter turns that into the post already there", async () => {
    const text = unique("create if absent");
    const post = postOf({ text });
    const first = await adapter.publish(ctx(), post);
    const again = await adapter.publish(ctx(), postOf({ idempotencyKey: post.idempotencyKey, text }));
    expect(again.platformPostId).toBe(first.platformPostId);
    expect(proxy.seen.filter(isCreate).map((r) => r.upstreamStatus)).toEqual([200, 500]);
    expect(await countText(text)).toBe(1);
    // Same key, other text: refused, and the stored post is left alone.
    const other = await failure(adapter.publish(ctx(), postOf({ idempotencyKey: post.idempotencyKey, text: `${text} (edited)` })));
    expect(other.kind).toBe("permanent");
    expect((await stored(rkeyOf(first.platformPostId)))!.value.text).toBe(text);
  });

  it("App View calls fail on a bare PDS: fetchMetrics is a permanent error naming the missing service", async () => {
    const res = await adapter.publish(ctx(), postOf({ text: unique("metrics") }));
    const err = await failure(adapter.fetchMetrics(ctx(), res.platformPostId));
    expect(err.kind).toBe("permanent");
    expect(err.httpStatus).toBe(400);
    expect(err.message).toContain("No service configured for app.bsky.feed.getPosts");
  });

  describe("faults between the adapter and the PDS", () => {
    it("a 503 is retryable and posts nothing; the next attempt posts once", async () => {
      const text = unique("after a 503");
      const post = postOf({ text });
      proxy.inject({ fault: "503", match: isCreate });
      const err = await failure(adapter.publish(ctx(), post));
      expect(err.kind).toBe("retryable");
      expect(err.httpStatus).toBe(503);
      expect(await countText(text)).toBe(0);
      const res = await adapter.publish(ctx(), retryOf(post, post.progress));
      expect((await stored(rkeyOf(res.platformPostId)))!.value.text).toBe(text);
      expect(await countText(text)).toBe(1);
    });

    it("a lost answer to createRecord: findExisting finds the post, and a re-send does not post it twice", async () => {
      const text = unique("lost answer");
      const post = postOf({ text });
      proxy.inject({ fault: "lost", match: isCreate });
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
      expect(proxy.seen.find((r) => r.fault === "lost")!.upstreamStatus).toBe(200);
      expect(await countText(text)).toBe(1);
      // What the engine does next: look first …
      const found = await adapter.findExisting(ctx(), retryOf(post, post.progress));
      expect(found!.platformPostId).toBe(`at://${peer.did}/${POST}/${rkeyFor(post.idempotencyKey, 0)}`);
      // … and a re-send anyway (a second runner that did not look) lands on the same record.
      const again = await adapter.publish(ctx(), retryOf(post, post.progress));
      expect(again.platformPostId).toBe(found!.platformPostId);
      expect(await countText(text)).toBe(1);
    });

    it("an answer slower than the adapter's timeout is an unknown outcome, recovered without a second post", async () => {
      const text = unique("slow answer");
      const post = postOf({ text });
      proxy.inject({ fault: "slow", match: isCreate, delayMs: 8_000 });
      const c = ctx();
      await adapter.verifyCredentials(c);
      // Only the createRecord call needs the short timeout; sign-in went first with the long one.
      c.timeoutMs = 2_500;
      const err = await failure(adapter.publish(c, post));
      expect(err.kind).toBe("unknown_outcome");
      // The engine retries much later; here, wait until the PDS has answered the proxy.
      await expect.poll(() => proxy.seen.find((r) => r.fault === "slow")?.upstreamStatus ?? null, { timeout: 30_000 }).toBe(200);
      expect(await countText(text)).toBe(1);
      expect(await adapter.findExisting(ctx(), retryOf(post, post.progress))).not.toBeNull();
      const again = await adapter.publish(ctx(), retryOf(post, post.progress));
      expect(again.platformPostId).toBe(`at://${peer.did}/${POST}/${rkeyFor(post.idempotencyKey, 0)}`);
      expect(await countText(text)).toBe(1);
    });

    it("a connection reset before forwarding leaves nothing; the next attempt posts once", async () => {
      const text = unique("reset");
      const post = postOf({ text });
      proxy.inject({ fault: "reset", match: isCreate });
      // The adapter cannot tell a reset before sending from one after: an unknown outcome.
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
      expect(proxy.seen.find((r) => r.fault === "reset")!.upstreamStatus).toBeNull();
      expect(await countText(text)).toBe(0);
      expect(await adapter.findExisting(ctx(), retryOf(post, post.progress))).toBeNull();
      await adapter.publish(ctx(), retryOf(post, post.progress));
      expect(await countText(text)).toBe(1);
    });

    it("a thread interrupted after its first part resumes from the recorded part without repeating it", async () => {
      const parts = [unique("resume 1/3"), unique("resume 2/3"), unique("resume 3/3")];
      const post = postOf({ parts });
      proxy.inject({ fault: "503", match: nthCreate(2) });
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
      expect(post.progress.map((p) => p.index)).toEqual([0]);
      expect(await Promise.all(parts.map(countText))).toEqual([1, 0, 0]);
      const res = await adapter.publish(ctx(), retryOf(post, post.progress));
      expect(await Promise.all(parts.map(countText))).toEqual([1, 1, 1]);
      const [a, b, c] = await Promise.all(parts.map((_, i) => stored(rkeyFor(post.idempotencyKey, i))));
      expect(b!.value.reply).toEqual({ root: { uri: a!.uri, cid: a!.cid }, parent: { uri: a!.uri, cid: a!.cid } });
      expect(c!.value.reply).toEqual({ root: { uri: a!.uri, cid: a!.cid }, parent: { uri: b!.uri, cid: b!.cid } });
      expect(res.parts!.map((p) => p.id)).toEqual([a!.uri, b!.uri, c!.uri]);
    });

    it("a thread whose first part's answer was lost (no part recorded) is recovered by record key against the PDS's 500", async () => {
      const parts = [unique("lost 1/2"), unique("lost 2/2")];
      const post = postOf({ parts });
      proxy.inject({ fault: "lost", match: nthCreate(1) });
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
      expect(post.progress).toEqual([]);
      expect(await Promise.all(parts.map(countText))).toEqual([1, 0]);
      // The engine: findExisting (only part 1 is there, so not found), then publish with no parts.
      const retry = retryOf(post, []);
      expect(await adapter.findExisting(ctx(), retry)).toBeNull();
      proxy.seen.splice(0);
      const res = await adapter.publish(ctx(), retry);
      expect(proxy.seen.filter(isCreate).map((r) => r.upstreamStatus)).toEqual([500, 200]);
      expect(await Promise.all(parts.map(countText))).toEqual([1, 1]);
      const [a, b] = await Promise.all(parts.map((_, i) => stored(rkeyFor(post.idempotencyKey, i))));
      expect(b!.value.reply).toEqual({ root: { uri: a!.uri, cid: a!.cid }, parent: { uri: a!.uri, cid: a!.cid } });
      expect(res.parts!.map((p) => p.id)).toEqual([a!.uri, b!.uri]);
    });

    it("a thread resumed with parts recorded without their refs looks the refs up at their record keys", async () => {
      const parts = [unique("bare 1/3"), unique("bare 2/3"), unique("bare 3/3")];
      const post = postOf({ parts });
      proxy.inject({ fault: "lost", match: nthCreate(3) });
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("unknown_outcome");
      expect(post.progress.map((p) => p.index)).toEqual([0, 1]);
      const bare = post.progress.map(({ index, id }) => ({ index, id }));
      const res = await adapter.publish(ctx(), retryOf(post, bare));
      expect(await Promise.all(parts.map(countText))).toEqual([1, 1, 1]);
      const [a, b, c] = await Promise.all(parts.map((_, i) => stored(rkeyFor(post.idempotencyKey, i))));
      expect(c!.value.reply).toEqual({ root: { uri: a!.uri, cid: a!.cid }, parent: { uri: b!.uri, cid: b!.cid } });
      expect(res.parts!.map((p) => p.id)).toEqual([a!.uri, b!.uri, c!.uri]);
    });

    it("a lost answer to an image upload posts nothing; the next attempt uploads again and posts once", async () => {
      const text = unique("lost upload");
      const bytes = png(4, 4, [10, 200, 10]);
      const post = postOf({ text, media: [image(bytes, "A green square")] });
      proxy.inject({ fault: "lost", match: (r) => r.path.startsWith("/xrpc/com.atproto.repo.uploadBlob") });
      expect((await failure(adapter.publish(ctx(), post))).kind).toBe("retryable");
      expect(await countText(text)).toBe(0);
      const res = await adapter.publish(ctx(), retryOf(post, post.progress));
      const rec = (await stored(rkeyOf(res.platformPostId)))!;
      expect(rec.value.embed!.images.map((i) => [i.alt, i.image.size])).toEqual([["A green square", bytes.length]]);
      expect(await countText(text)).toBe(1);
    });
  });
});
