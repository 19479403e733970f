/**
 * On platforms where a comment is a reply (X, Bluesky, Mastodon, Threads, the sandbox) the first
 * comment is published as one more thread part answering the post's first part. It rides on the
 * adapter's own reply chain, so it has the same guarantees as a thread part: its own key
 * (`<key>:comment`, part 1 under it), its own checkpoints, and the adapter's own lookup after an
 * unknown outcome.
 */
import type { CommentPublisher, PlatformAdapter, PublishComment, PublishPost, PublishedComment, PublishedPart } from "./adapter";

function asPost(c: PublishComment, found: (part: PublishedPart) => void): PublishPost {
  const parent: PublishedPart = { ...c.parent, index: 0 };
  return {
    idempotencyKey: c.idempotencyKey,
    scheduleId: c.scheduleId,
    contentType: "thread",
    title: "",
    text: c.text,
    // Part 0 is the post, already out: only part 1, the comment, is ever sent.
    parts: ["", c.text],
    media: [],
    tags: [],
    link: null,
    canonicalUrl: null,
    publishedParts: [parent],
    onPartPublished: async (part) => {
      if (part.index === 1) found(part);
    },
    state: c.state,
    saveState: c.saveState,
  };
}

export function replyComments(adapter: Pick<PlatformAdapter, "publish" | "findExisting">): CommentPublisher {
  return {
    async publish(ctx, c): Promise<PublishedComment> {
      let out: PublishedPart | null = null;
      const res = await adapter.publish(
        ctx,
        asPost(c, (p) => {
          out = p;
        }),
      );
      const part = (res.parts?.find((p) => p.index === 1) ?? out) as PublishedPart | null;
      if (!part) throw new Error("the reply was sent but the adapter reported no id");
      return { id: part.id, url: part.url ?? null, httpStatus: res.httpStatus ?? null, responseExcerpt: res.responseExcerpt ?? null };
    },
    async find(ctx, c): Promise<PublishedComment | null> {
      let out: PublishedPart | null = null;
      const res = await adapter.findExisting(
        ctx,
        asPost(c, (p) => {
          out = p;
        }),
      );
      const part = (res?.parts?.find((p) => p.index === 1) ?? out) as PublishedPart | null;
      return part ? { id: part.id, url: part.url ?? null } : null;
    },
  };
}
