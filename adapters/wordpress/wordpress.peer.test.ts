/**
 * The WordPress adapter against a real WordPress site (scripts/peers/wordpress.ts), and through
 * the fault proxy in front of it. Everything the adapter claims is read back from the site's own
 * REST API as its administrator (context=edit), straight from the site, never through the proxy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adapter } from "./index";
import { startWordPress, wordpressInstalled } from "../../scripts/peers/wordpress";
import { startFaultProxy, type FaultProxy, type ProxiedRequest } from "../../scripts/peers/fault-proxy";
import type { WordPressPeer } from "../../scripts/peers/types";
import { contextFor, postOf } from "../fakes/context";
import { failure } from "../fakes/expect";
import type { PublishMedia, PublishPost } from "../adapter";
import { solidPng } from "../../scripts/test/png";

const required = process.env.PEERS_REQUIRED === "1";
const missing = !wordpressInstalled();
const reason = missing && !required ? " (skipped: WordPress is not installed here; run `npm run peers:install`)" : "";

interface ServerPost {
  id: number;
  status: string;
  link: string;
  author: number;
  title: { raw: string };
  content: { raw: string };
  tags: number[];
  categories: number[];
  featured_media: number;
}
interface ServerMedia {
  id: number;
  source_url: string;
  alt_text: string;
  mime_type: string;
  media_details: { width?: number; height?: number };
}

const image = (bytes: Buffer, altText: string | null): PublishMedia => ({
  url: null,
  mimeType: "image/png",
  altText,
  sizeBytes: bytes.length,
  read: async () => bytes,
});

describe.skipIf(missing && !required)(`wordpress adapter against a real WordPress site${reason}`, () => {
  let peer: WordPressPeer;
  let proxy: FaultProxy;
  const users: Record<"author" | "contributor", { id: number; username: string; appPassword: string }> = {} as never;

  /** The site's REST API as its administrator, directly (not through the proxy). */
  async function wp<T>(path: string, init: { method?: string; json?: unknown; as?: { username: string; appPassword: string } } = {}): Promise<T> {
    const who = init.as ?? { username: peer.username, appPassword: peer.appPassword };
    const method = init.method ?? (init.json ? "POST" : "GET");
    const res = await fetch(`${peer.url}/wp-json/wp/v2${path}`, {
      method,
      headers: { authorization: `Basic ${Buffer.from(`${who.username}:${who.appPassword}`).toString("base64")}`, "content-type": "application/json" },
      body: init.json ? JSON.stringify(init.json) : undefined,
    });
    const body = (await res.json()) as T;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(body)}`);
    return body;
  }
  const serverPost = (id: string | number) => wp<ServerPost>(`/posts/${id}?context=edit`);
  /** Every post of any status whose stored title is exactly `title`. */
  const postsTitled = async (title: string) =>
    (await wp<ServerPost[]>(`/posts?status=any&context=edit&per_page=100&search=${encodeURIComponent(title)}`)).filter((p) => p.title.raw === title);
  const mediaCount = async () => (await wp<ServerMedia[]>("/media?per_page=100&context=edit")).length;

  /** A context for the adapter; `via` the proxy (default) or straight to the site. */
  const ctx = (
    o: {
      as?: "admin" | "author" | "contributor";
      username?: string;
      appPassword?: string;
      config?: Record<string, unknown>;
      timeoutMs?: number;
      direct?: boolean;
    } = {},
  ) => {
    const who = o.as && o.as !== "admin" ? users[o.as] : { username: peer.username, appPassword: peer.appPassword };
    return contextFor("wordpress", o.direct ? peer.url : proxy.url, {
      credentials: { username: o.username ?? who.username, app_password: o.appPassword ?? who.appPassword },
      config: o.config,
      // Generous: two cores shared with other work; the slow-answer test sets its own.
      timeoutMs: o.timeoutMs ?? 20_000,
    });
  };
  let n = 0;
  const article = (p: Partial<PublishPost> = {}) => {
    n++;
    return postOf({ title: `Peer post ${n} ${Date.now().toString(36)}`, text: `Body of peer post ${n}.`, contentType: "article", ...p });
  };
  const createPost = (r: ProxiedRequest) => r.method === "POST" && r.path.startsWith("/wp-json/wp/v2/posts");
  const upload = (r: ProxiedRequest) => r.method === "POST" && r.path.startsWith("/wp-json/wp/v2/media");

  beforeAll(async () => {
    peer = await startWordPress();
    proxy = await startFaultProxy(peer.url);
    // Users of lesser roles, each with an Application Password made through the REST API.
    for (const [key, role] of [
      ["author", "author"],
      ["contributor", "contributor"],
    ] as const) {
      const u = await wp<{ id: number }>("/users", {
        json: { username: `peer-${role}`, email: `${role}@example.test`, password: `pw-${role}-${Date.now()}`, roles: [role] },
      });
      const app = await wp<{ password: string }>(`/users/${u.id}/application-passwords`, { json: { name: "peer tests" } });
      users[key] = { id: u.id, username: `peer-${role}`, appPassword: app.password };
    }
  });
  afterAll(async () => {
    await proxy?.close();
    await peer?.stop();
  });

  describe("credentials", () => {
    it("the application password is accepted, with or without its spaces", async () => {
      const me = await wp<{ id: number }>("/users/me");
      await expect(adapter.verifyCredentials(ctx())).resolves.toEqual({ externalId: String(me.id), name: peer.username });
      await expect(adapter.verifyCredentials(ctx({ appPassword: peer.appPassword.replace(/ /g, "") }))).resolves.toMatchObject({ externalId: String(me.id) });
    });

    it("a wrong application password, the login password, an unknown user or none at all is an auth failure", async () => {
      for (const c of [
        ctx({ appPassword: "abcd efgh ijkl mnop qrst uvwx" }),
        ctx({ appPassword: peer.password }),
        ctx({ username: "nobody-here" }),
        contextFor("wordpress", peer.url),
      ]) {
        const err = await failure(adapter.verifyCredentials(c));
        expect(err.kind).toBe("auth");
      }
      // What WordPress 6.1 says: the refused login is not reported as such, the request is anonymous.
      const login = await failure(adapter.verifyCredentials(ctx({ appPassword: peer.password })));
      expect(login).toMatchObject({ httpStatus: 401, platformCode: "rest_not_logged_in" });
      expect(login.message).toMatch(/Application Password/);
      const post = await failure(adapter.publish(ctx({ appPassword: "abcd efgh ijkl mnop qrst uvwx" }), article()));
      expect(post).toMatchObject({ kind: "auth", httpStatus: 401, platformCode: "rest_cannot_create" });
    });

    it("a contributor cannot publish: verify and publish say so, nothing is created", async () => {
      const verify = await failure(adapter.verifyCredentials(ctx({ as: "contributor" })));
      expect(verify.kind).toBe("permanent");
      expect(verify.message).toMatch(/contributor/);
      const post = article();
      const err = await failure(adapter.publish(ctx({ as: "contributor" }), post));
      expect(err).toMatchObject({ kind: "permanent", httpStatus: 403, platformCode: "rest_cannot_publish" });
      expect(await postsTitled(post.title)).toHaveLength(0);
    });
  });

  describe("publishing", () => {
    it("publishes a post; id, link and content are the site's own", async () => {
      const post = article();
      const res = await adapter.publish(ctx(), post);
      const stored = await serverPost(res.platformPostId);
      expect(stored).toMatchObject({
        id: Number(res.platformPostId),
        status: "publish",
        link: res.url,
        title: { raw: post.title },
        content: { raw: post.text },
      });
      expect(stored.author).toBe((await wp<{ id: number }>("/users/me")).id);
      // Pretty permalinks: the link is the post's own address, and the site serves it.
      expect(res.url).toMatch(new RegExp(`^${peer.url}/peer-post-`));
      expect(res.httpStatus).toBe(201);
    });

    it("an article with a link and unicode arrives unchanged (administrator: no kses)", async () => {
      const title = "Zürich ☃ — naïve café 🎉 日本語 & more";
      const text = 'Read <a href="https://example.com/a?b=1&c=2">the notes</a> or https://example.org/ünï?x=1&y=2 — Grüße 🎉 日本語のテキスト ✓';
      const post = article({ title, text });
      const res = await adapter.publish(ctx(), post);
      const stored = await serverPost(res.platformPostId);
      expect(stored.title.raw).toBe(title);
      expect(stored.content.raw).toBe(text);
      expect(stored.link).toBe(res.url);
      await expect(adapter.findExisting(ctx(), post)).resolves.toEqual({ platformPostId: res.platformPostId, url: stored.link });
    });

    it("an author's post goes through kses; findExisting still recognises it", async () => {
      const post = article({
        title: "Tom & Jerry: the   sequel <b>now</b>",
        text: 'Cats & mice\nare back: 5 < 6 and 7 > 3. <span onclick="x()">Click</span> ☃',
      });
      const res = await adapter.publish(ctx({ as: "author" }), post);
      const stored = await serverPost(res.platformPostId);
      // The site changed what it stored (this is why findExisting compares loosely).
      expect(stored.title.raw).not.toBe(post.title);
      expect(stored.content.raw).not.toBe(post.text);
      expect(stored.author).toBe(users.author.id);
      await expect(adapter.findExisting(ctx({ as: "author" }), post)).resolves.toEqual({ platformPostId: res.platformPostId, url: stored.link });
      await expect(adapter.findExisting(ctx({ as: "author" }), { ...post, text: "Cats & mice are elsewhere." })).resolves.toBeNull();
    });

    it("images: uploaded with alt text, the first one featured, both in the content", async () => {
      const red = solidPng(4, 4, [255, 0, 0]);
      const blue = solidPng(6, 6, [0, 0, 255]);
      const post = article({ media: [image(red, 'A red "square" & a dot'), image(blue, "Ein blaues Quadrat ☃")] });
      const res = await adapter.publish(ctx(), post);
      const stored = await serverPost(res.platformPostId);
      const ids = [0, 1].map((i) => Number(post.state[`wp_media_${i}`]?.split(" ")[0]));
      const media = await Promise.all(ids.map((id) => wp<ServerMedia>(`/media/${id}?context=edit`)));
      expect(stored.featured_media).toBe(media[0]!.id);
      expect(media.map((m) => [m.alt_text, m.mime_type, m.media_details.width])).toEqual([
        ['A red "square" & a dot', "image/png", 4],
        ["Ein blaues Quadrat ☃", "image/png", 6],
      ]);
      for (const [i, m] of media.entries()) {
        expect(stored.content.raw).toContain(`src="${m.source_url}"`);
        expect(stored.content.raw).toContain(`class="wp-image-${m.id}"`);
        // The site serves the file it stored, byte for byte.
        const file = await fetch(m.source_url);
        expect(file.status).toBe(200);
        expect(Buffer.from(await file.arrayBuffer()).equals(i === 0 ? red : blue)).toBe(true);
      }
      expect(stored.content.raw).toContain('alt="A red &quot;square&quot; &amp; a dot"');
    });

    it("tags by name (found or created) and categories from the account's config", async () => {
      const category = await wp<{ id: number }>("/categories", { json: { name: `Peer News ${Date.now()}` } });
      const existing = await wp<{ id: number }>("/tags", { json: { name: `Launch Day ${Date.now()}` } });
      const existingName = (await wp<{ name: string }>(`/tags/${existing.id}`)).name;
      const fresh = `Café ☃ ${Date.now()}`;
      const post = article({ tags: [existingName.toUpperCase(), fresh, existingName] });
      const res = await adapter.publish(ctx({ config: { category_ids: String(category.id) } }), post);
      const stored = await serverPost(res.platformPostId);
      expect(stored.categories).toEqual([category.id]);
      expect(stored.tags).toHaveLength(2);
      expect(stored.tags).toContain(existing.id);
      const made = await wp<{ name: string }>(`/tags/${stored.tags.find((t) => t !== existing.id)}`);
      expect(made.name).toBe(fresh);
      // The same names again reuse both terms.
      const again = await adapter.publish(ctx({ config: { category_ids: [category.id] } }), article({ tags: [fresh, existingName] }));
      expect((await serverPost(again.platformPostId)).tags.sort()).toEqual([...stored.tags].sort());
    });

    it("findExisting finds the published post and nothing for a post never sent", async () => {
      const post = article({ text: "Something to find again, with a link https://example.com/x?y=1&z=2." });
      const res = await adapter.publish(ctx(), post);
      const stored = await serverPost(res.platformPostId);
      await expect(adapter.findExisting(ctx(), post)).resolves.toEqual({ platformPostId: String(stored.id), url: stored.link });
      await expect(adapter.findExisting(ctx(), article())).resolves.toBeNull();
    });
  });

  describe("metrics", () => {
    it("fetchMetrics counts the site's approved comments only", async () => {
      const res = await adapter.publish(ctx(), article());
      const post = Number(res.platformPostId);
      // WordPress refuses the same comment twice (409 comment_duplicate): each one is numbered.
      for (const [i, status] of ["approved", "approved", "hold"].entries())
        await wp("/comments", { json: { post, content: `Comment ${i} (${status})`, status } });
      const held = await wp<unknown[]>(`/comments?post=${post}&status=hold`);
      expect(held).toHaveLength(1);
      await expect(adapter.fetchMetrics(ctx(), res.platformPostId)).resolves.toMatchObject({ comments: 2, likes: 0, shares: 0, impressions: 0 });
    });
  });

  describe("faults through the proxy", () => {
    /** What the engine does after a failed attempt: look first when the outcome is unknown, then send. */
    async function retry(post: PublishPost, kind: string) {
      const found = kind === "unknown_outcome" ? await adapter.findExisting(ctx(), post) : null;
      return { found, result: found ?? (await adapter.publish(ctx(), post)) };
    }

    it("a 503 is retried and the next attempt posts once", async () => {
      const post = article();
      proxy.inject({ fault: "503", match: createPost });
      const err = await failure(adapter.publish(ctx(), post));
      expect(err).toMatchObject({ kind: "retryable", httpStatus: 503 });
      expect(await postsTitled(post.title)).toHaveLength(0);
      const { found, result } = await retry(post, err.kind);
      expect(found).toBeNull();
      const stored = await postsTitled(post.title);
      expect(stored.map((p) => String(p.id))).toEqual([result.platformPostId]);
    });

    it("a lost answer to the create call is found again, not posted twice", async () => {
      const post = article();
      proxy.inject({ fault: "lost", match: createPost });
      const err = await failure(adapter.publish(ctx(), post));
      expect(err.kind).toBe("unknown_outcome");
      const made = await postsTitled(post.title);
      expect(made).toHaveLength(1);
      const { found, result } = await retry(post, err.kind);
      expect(found).toEqual({ platformPostId: String(made[0]!.id), url: made[0]!.link });
      expect(result.platformPostId).toBe(String(made[0]!.id));
      expect(await postsTitled(post.title)).toHaveLength(1);
    });

    it("an answer slower than the timeout is found again, not posted twice", async () => {
      const post = article();
      proxy.inject({ fault: "slow", match: createPost, delayMs: 6000 });
      const seenBefore = proxy.seen.length;
      const err = await failure(adapter.publish(ctx({ timeoutMs: 2000 }), post));
      expect(err.kind).toBe("unknown_outcome");
      // The site acted: its answer is waiting in the proxy.
      await expect.poll(() => proxy.seen.slice(seenBefore).find((s) => s.fault === "slow")?.upstreamStatus, { timeout: 30_000 }).toBe(201);
      const { found } = await retry(post, err.kind);
      const made = await postsTitled(post.title);
      expect(made).toHaveLength(1);
      expect(found?.platformPostId).toBe(String(made[0]!.id));
    });

    it("a reset before forwarding leaves nothing; the retry posts once", async () => {
      const post = article();
      proxy.inject({ fault: "reset", match: createPost });
      const err = await failure(adapter.publish(ctx(), post));
      // The adapter cannot tell a reset before sending from one after: it must look first.
      expect(err.kind).toBe("unknown_outcome");
      expect(proxy.seen.at(-1)).toMatchObject({ fault: "reset", upstreamStatus: null });
      expect(await postsTitled(post.title)).toHaveLength(0);
      const { found, result } = await retry(post, err.kind);
      expect(found).toBeNull();
      expect((await postsTitled(post.title)).map((p) => String(p.id))).toEqual([result.platformPostId]);
    });

    it("a lost answer to an upload: the retry finds that upload, one post and one file", async () => {
      const bytes = solidPng(4, 4, [0, 128, 0]);
      const post = article({ media: [image(bytes, "A green square")] });
      const before = await mediaCount();
      proxy.inject({ fault: "lost", match: upload });
      const err = await failure(adapter.publish(ctx(), post));
      expect(err.kind).toBe("unknown_outcome");
      expect(post.state.wp_media_0).toBeUndefined();
      expect(await mediaCount()).toBe(before + 1);
      expect(await postsTitled(post.title)).toHaveLength(0);
      const uploads = proxy.seen.filter(upload).length;
      const { found, result } = await retry(post, err.kind);
      expect(found).toBeNull();
      expect(proxy.seen.filter(upload).length).toBe(uploads);
      const made = await postsTitled(post.title);
      expect(made.map((p) => String(p.id))).toEqual([result.platformPostId]);
      const featured = await wp<ServerMedia>(`/media/${made[0]!.featured_media}?context=edit`);
      expect(featured.alt_text).toBe("A green square");
      expect(made[0]!.content.raw).toContain(`src="${featured.source_url}"`);
      expect(await mediaCount()).toBe(before + 1);
    });
  });
});
