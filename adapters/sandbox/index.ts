/**
 * Sandbox: publishes into the local `sandbox_posts` table, so the demo workspace (and anyone
 * trying the app) sees the whole engine work without a real network. Keyed on the idempotency
 * key per part, so a re-send after an unknown outcome returns the post already there.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sandboxPosts } from "@/db/schema";
import type { PlatformAdapter, PublishPost, PublishedPart } from "../adapter";
import { PermanentError } from "../errors";
import { replyComments } from "../reply-comment";
import { descriptor, validate } from "./descriptor";

/** What the sandbox keeps of the media, for its post page: which file (and its public address), its type, its alt text. */
const mediaRecord = (post: PublishPost) => post.media.map((m) => ({ media_id: m.id ?? null, url: m.url, mime_type: m.mimeType, alt_text: m.altText }));

const partKey = (post: PublishPost, index: number) => (index === 0 ? post.idempotencyKey : `${post.idempotencyKey}#${index}`);

export function createSandboxAdapter(db: Db): PlatformAdapter {
  async function find(accountId: string, key: string) {
    const [row] = await db
      .select({ id: sandboxPosts.id })
      .from(sandboxPosts)
      .where(and(eq(sandboxPosts.platformAccountId, accountId), eq(sandboxPosts.idempotencyKey, key)))
      .limit(1);
    return row ?? null;
  }
  const adapter: PlatformAdapter = {
    id: "sandbox",
    descriptor,
    validate,
    async publish(ctx, post) {
      const parts: PublishedPart[] = [...post.publishedParts];
      for (let i = parts.length; i < post.parts.length; i++) {
        const text = post.parts[i] as string;
        const replyToId = parts[i - 1]?.id ?? null;
        await db
          .insert(sandboxPosts)
          .values({
            platformAccountId: ctx.accountId,
            idempotencyKey: partKey(post, i),
            text,
            replyToId,
            payload: { title: post.title, tags: post.tags, link: post.link, media: mediaRecord(post) },
          })
          .onConflictDoNothing();
        const row = await find(ctx.accountId, partKey(post, i));
        if (!row) throw new PermanentError("the sandbox could not store the post");
        const part = { index: i, id: row.id, url: `/sandbox/${row.id}` };
        parts.push(part);
        await post.onPartPublished(part);
      }
      const first = parts[0]!;
      return { platformPostId: first.id, url: first.url ?? null, parts };
    },
    async findExisting(ctx, post) {
      const row = await find(ctx.accountId, partKey(post, 0));
      return row ? { platformPostId: row.id, url: `/sandbox/${row.id}` } : null;
    },
    async fetchMetrics(ctx, platformPostId) {
      const [row] = await db
        .select({ likes: sandboxPosts.likes, replies: sql<number>`(select count(*)::int from sandbox_posts r where r.reply_to_id = "sandbox_posts"."id")` })
        .from(sandboxPosts)
        .where(and(eq(sandboxPosts.id, platformPostId), eq(sandboxPosts.platformAccountId, ctx.accountId)));
      const likes = row?.likes ?? 0;
      return { likes, shares: 0, comments: row?.replies ?? 0, clicks: 0, impressions: likes * 20, reach: likes * 15 };
    },
    async verifyCredentials(ctx) {
      return { externalId: ctx.accountId, name: "Sandbox" };
    },
  };
  // The first comment is a reply stored like a thread part, under its own key.
  adapter.comment = replyComments(adapter);
  return adapter;
}
