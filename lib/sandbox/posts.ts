/**
 * The sandbox platform's public face: a post it "published", read back as it was recorded, with
 * the replies that continue it (a thread). Only members of the account's workspace can see it.
 */
import type { Db } from "@/db/client";
import { getSandboxPostRow, sandboxRepliesTo } from "@/db/queries/sandbox";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { notFound } from "../errors";

export interface SandboxMedia {
  /** The app's file, when the sandbox recorded it: the page shows it through the app's own media route. */
  mediaId: string | null;
  url: string | null;
  mimeType: string | null;
  altText: string | null;
}

const MAX_PARTS = 100;

/** What the adapter stored: media as a list (now) or only their number (posts stored before). */
function mediaOf(payload: unknown): { items: SandboxMedia[]; count: number } {
  const media = (payload as { media?: unknown } | null)?.media;
  if (typeof media === "number") return { items: [], count: media };
  if (!Array.isArray(media)) return { items: [], count: 0 };
  const items = media.map((m: { media_id?: unknown; url?: unknown; mime_type?: unknown; alt_text?: unknown }) => ({
    mediaId: typeof m?.media_id === "string" ? m.media_id : null,
    url: typeof m?.url === "string" ? m.url : null,
    mimeType: typeof m?.mime_type === "string" ? m.mime_type : null,
    altText: typeof m?.alt_text === "string" ? m.alt_text : null,
  }));
  return { items, count: items.length };
}

export async function getSandboxPost(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "schedules:read");
  const post = await getSandboxPostRow(db, actor.workspaceId, id);
  if (!post) throw notFound("sandbox_post");
  // The rest of a thread: each part replies to the one before, on the same account.
  const replies: (typeof post)[] = [];
  let parents = [post.id];
  while (parents.length && replies.length < MAX_PARTS) {
    const next = await sandboxRepliesTo(db, post.accountId, parents, MAX_PARTS);
    replies.push(...next.map((r) => ({ ...r, accountName: post.accountName })));
    parents = next.map((r) => r.id);
  }
  const payload = (post.payload ?? {}) as { title?: unknown; tags?: unknown; link?: unknown };
  const view = (p: typeof post) => ({ id: p.id, text: p.text, createdAt: p.createdAt, likes: p.likes, media: mediaOf(p.payload) });
  return {
    ...view(post),
    accountName: post.accountName,
    replyToId: post.replyToId,
    title: typeof payload.title === "string" ? payload.title : null,
    tags: Array.isArray(payload.tags) ? payload.tags.filter((t): t is string => typeof t === "string") : [],
    link: typeof payload.link === "string" ? payload.link : null,
    replies: replies.map(view),
  };
}
