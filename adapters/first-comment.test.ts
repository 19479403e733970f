/**
 * The first comment on every platform that has comments, against each platform's fake: the
 * documented call (path, auth, body), the parent it answers, the platform's cap, and no second
 * comment after a lost answer (the platform's key, or a lookup).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdapterContext, PlatformAdapter, PublishComment, PublishedPart } from "./adapter";
import { PermanentError } from "./errors";
import { contextFor, postOf } from "./fakes/context";
import { faults, type FakePlatform, type FakeRequest } from "./fakes/server";
import { createBlueskyFake } from "./fakes/bluesky";
import { createFacebookFake } from "./fakes/facebook";
import { createInstagramFake } from "./fakes/instagram";
import { createLinkedInFake } from "./fakes/linkedin";
import { createMastodonFake } from "./fakes/mastodon";
import { createThreadsFake } from "./fakes/threads";
import { createXFake } from "./fakes/x";
import { adapter as bluesky } from "./bluesky";
import { adapter as facebook } from "./facebook";
import { adapter as instagram } from "./instagram";
import { adapter as linkedin } from "./linkedin";
import { adapter as mastodon } from "./mastodon";
import { adapter as threads } from "./threads";
import { adapter as x } from "./x";
import { adapter as devto } from "./devto";
import { validateFor } from "./registry";
import { COMMENT_RULES, measureComment } from "./comments";

const author = "urn:li:person:abc123";
const fakes = {
  x: createXFake({ token: "x-token", username: "sched" }),
  bluesky: createBlueskyFake({ handle: "sched.test", password: "app-pass-1234" }),
  mastodon: createMastodonFake({ token: "m-token" }),
  threads: createThreadsFake({ processingPolls: 0 }),
  linkedin: createLinkedInFake({ token: "li-token", authorUrn: author, sub: "abc123" }),
  facebook: createFacebookFake({ token: "fb-page-token" }),
  instagram: createInstagramFake({ token: "ig-token", processingPolls: 0 }),
};
const all = Object.values(fakes) as FakePlatform[];
beforeAll(async () => void (await Promise.all(all.map((f) => f.start()))));
afterAll(() => Promise.all(all.map((f) => f.close())));
beforeEach(() => all.forEach((f) => f.clearFaults()));

type Name = keyof typeof fakes;
const ctxOf: Record<Name, () => AdapterContext> = {
  x: () => contextFor("x", fakes.x.url, { credentials: { access_token: "x-token" }, config: { username: "sched" } }),
  bluesky: () => contextFor("bluesky", fakes.bluesky.url, { credentials: { handle: "sched.test", app_password: "app-pass-1234" } }),
  mastodon: () => contextFor("mastodon", fakes.mastodon.url, { credentials: { access_token: "m-token" } }),
  threads: () =>
    contextFor("threads", fakes.threads.url, {
      credentials: { access_token: "th-token" },
      config: { user_id: fakes.threads.userId, container_poll_interval_ms: 0, container_max_polls: 5 },
    }),
  linkedin: () => contextFor("linkedin", fakes.linkedin.url, { credentials: { access_token: "li-token" }, config: { author_urn: author } }),
  facebook: () => contextFor("facebook", fakes.facebook.url, { credentials: { access_token: "fb-page-token" }, config: { page_id: fakes.facebook.pageId } }),
  instagram: () =>
    contextFor("instagram", fakes.instagram.url, {
      credentials: { access_token: "ig-token" },
      config: { ig_user_id: fakes.instagram.igUserId, container_poll_interval_ms: 0, container_max_polls: 5 },
    }),
};
const adapters: Record<Name, PlatformAdapter> = { x, bluesky, mastodon, threads, linkedin, facebook, instagram };

let seq = 0;
const unique = (s: string) => `${s} ${++seq}-${Math.random().toString(36).slice(2, 7)}`;

/** Publishes a post and answers its first part (with the platform's extras). */
async function parentOn(name: Name): Promise<PublishedPart> {
  const media =
    name === "instagram"
      ? [{ url: "https://cdn.example.com/p.jpg", mimeType: "image/jpeg", altText: null, sizeBytes: 1000, read: async () => Buffer.alloc(1) }]
      : [];
  const post = postOf({ text: unique(`A post on ${name}`), media });
  const res = await adapters[name].publish(ctxOf[name](), post);
  return post.progress.find((p) => p.index === 0) ?? { index: 0, id: res.platformPostId, url: res.url };
}

function commentOf(parent: PublishedPart, text: string): PublishComment & { state: Record<string, string> } {
  const state: Record<string, string> = {};
  return {
    idempotencyKey: `${crypto.randomUUID()}:v1:comment`,
    scheduleId: crypto.randomUUID(),
    text,
    parent,
    state,
    saveState: async (patch) => void Object.assign(state, patch),
  };
}

/** What each fake holds as comments under `parentId`: [id, text]. */
const stored: Record<Name, (parent: PublishedPart) => [string, string][]> = {
  x: (p) => fakes.x.tweets.filter((t) => t.replyTo === p.id).map((t) => [t.id, t.text]),
  bluesky: (p) =>
    fakes.bluesky.posts
      .filter((r) => (r.record.reply as { parent?: { uri?: string } } | undefined)?.parent?.uri === p.extra?.uri)
      .map((r) => [r.uri, String(r.record.text)]),
  mastodon: (p) => fakes.mastodon.statuses.filter((s) => s.inReplyToId === p.id).map((s) => [s.id, s.text]),
  threads: (p) => fakes.threads.posts.filter((t) => t.replyToId === p.id).map((t) => [t.id, t.text]),
  linkedin: (p) => fakes.linkedin.comments.filter((c) => c.object === p.id).map((c) => [c.urn, c.text]),
  facebook: (p) => fakes.facebook.comments.filter((c) => c.parentId === p.id).map((c) => [c.id, c.message]),
  instagram: (p) => fakes.instagram.comments.filter((c) => c.parentId === p.id).map((c) => [c.id, c.message]),
};

/** The comment call on each platform (for fault injection and request checks). */
const isCommentCall: Record<Name, (r: FakeRequest) => boolean> = {
  x: (r) => r.method === "POST" && r.path === "/2/tweets" && !!(r.body as { reply?: unknown })?.reply,
  bluesky: (r) => r.method === "POST" && r.path.endsWith("createRecord") && !!(r.body as { record?: { reply?: unknown } })?.record?.reply,
  mastodon: (r) => r.method === "POST" && r.path === "/api/v1/statuses" && !!(r.body as { in_reply_to_id?: unknown })?.in_reply_to_id,
  threads: (r) => r.method === "POST" && r.path.endsWith("/threads") && !!(r.body as { reply_to_id?: unknown })?.reply_to_id,
  linkedin: (r) => r.method === "POST" && r.path.endsWith("/comments"),
  facebook: (r) => r.method === "POST" && r.path.endsWith("/comments"),
  instagram: (r) => r.method === "POST" && r.path.endsWith("/comments"),
};

describe.each(Object.keys(fakes) as Name[])("first comment on %s", (name) => {
  it("publishes it under the post with the documented call, and reports its id", async () => {
    const parent = await parentOn(name);
    const text = unique(`First comment on ${name}: more at https://example.com`);
    const c = commentOf(parent, text);
    const res = await adapters[name].comment!.publish(ctxOf[name](), c);
    expect(stored[name](parent)).toEqual([[res.id, text]]);
    const call = fakes[name].requests.filter(isCommentCall[name]).at(-1)!;
    if (name === "linkedin") {
      // The post's URN is URL-encoded in the path.
      expect(call.path).toBe(`/rest/socialActions/${encodeURIComponent(parent.id)}/comments`);
      expect(call.body).toEqual({ actor: author, object: parent.id, message: { text } });
      expect(call.headers["linkedin-version"]).toMatch(/^\d{6}$/);
      expect(call.headers["x-restli-protocol-version"]).toBe("2.0.0");
    }
    if (name === "facebook" || name === "instagram") {
      expect(call.path).toMatch(new RegExp(`^/v\\d+\\.\\d+/${parent.id}/comments$`));
      expect(call.body).toMatchObject({ message: text });
    }
    if (name === "x") expect(call.body).toEqual({ text, reply: { in_reply_to_tweet_id: parent.id } });
    if (name === "mastodon") expect(call.headers["idempotency-key"]).toBe(`${c.idempotencyKey}#1`);
    if (name === "bluesky") {
      const reply = (call.body as { record: { reply: unknown } }).record.reply;
      expect(reply).toEqual({ root: { uri: parent.extra!.uri, cid: parent.extra!.cid }, parent: { uri: parent.extra!.uri, cid: parent.extra!.cid } });
    }
  });

  it("after a lost answer, looking (or re-sending under the same key) never leaves a second comment", async () => {
    const parent = await parentOn(name);
    const c = commentOf(parent, unique(`Lost answer on ${name}`));
    fakes[name].inject(faults.loseResponse(), { match: isCommentCall[name] });
    await expect(adapters[name].comment!.publish(ctxOf[name](), c)).rejects.toMatchObject({ kind: "unknown_outcome" });
    // Threads: the lost answer was the reply container's; nothing is published yet.
    expect(stored[name](parent)).toHaveLength(name === "threads" ? 0 : 1);
    const found = await adapters[name].comment!.find(ctxOf[name](), c);
    const res = found ?? (await adapters[name].comment!.publish(ctxOf[name](), c));
    expect(stored[name](parent)).toEqual([[res.id, c.text]]);
  });

  it("a comment never sent is not found, and a parent the platform does not have is refused", async () => {
    const parent = await parentOn(name);
    expect(await adapters[name].comment!.find(ctxOf[name](), commentOf(parent, unique("never sent")))).toBeNull();
    const ghost: PublishedPart =
      name === "bluesky"
        ? { index: 0, id: "3kghost", extra: { uri: parent.extra!.uri!.replace(/[^/]+$/, "3kghostghost2"), cid: parent.extra!.cid! } }
        : { ...parent, id: name === "linkedin" ? "urn:li:share:1" : name === "facebook" ? `${fakes.facebook.pageId}_999` : "999999" };
    const err = await adapters[name].comment!.publish(ctxOf[name](), commentOf(ghost, unique("orphan"))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    if (name !== "bluesky") expect(err).toBeInstanceOf(PermanentError);
  });
});

describe("first comment rules", () => {
  it("platforms without comments refuse one; the others count it their own way", () => {
    const draft = { contentType: "post" as const, title: "T", text: "Body", media: [], tags: [], firstComment: "A comment" };
    expect(validateFor("devto", draft).map((i) => i.code)).toContain("first_comment_unsupported");
    expect(validateFor("wordpress", draft).map((i) => i.code)).toContain("first_comment_unsupported");
    expect(devto.comment).toBeUndefined();
    expect(validateFor("linkedin", { ...draft, firstComment: "a".repeat(1250) }).filter((i) => i.field === "first_comment")).toEqual([]);
    expect(validateFor("linkedin", { ...draft, firstComment: "a".repeat(1251) }).map((i) => i.code)).toContain("first_comment_too_long");
    // X counts weighted: 140 emoji are 280.
    expect(measureComment("x", "😀".repeat(140))!.count).toBe(280);
    expect(validateFor("x", { ...draft, firstComment: "😀".repeat(141) }).map((i) => i.code)).toContain("first_comment_too_long");
    // Mastodon: the server's own limit.
    expect(validateFor("mastodon", { ...draft, firstComment: "a".repeat(600) }, { max_characters: 1000 }).filter((i) => i.field === "first_comment")).toEqual(
      [],
    );
    expect(validateFor("mastodon", { ...draft, firstComment: "a".repeat(600) }).map((i) => i.code)).toContain("first_comment_too_long");
    expect(Object.keys(COMMENT_RULES).sort()).toEqual(["bluesky", "facebook", "instagram", "linkedin", "mastodon", "sandbox", "threads", "x"]);
  });
});
