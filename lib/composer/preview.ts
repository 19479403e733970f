/** How a post will look on a platform: what is sent (title, posts, tags) and what is dropped. */
import { supportsComments } from "@/adapters/comments";
import { DESCRIPTORS } from "@/adapters/registry";
import { postsOf } from "@/adapters/rules";
import type { PlatformId, PostDraft } from "@/adapters/types";

export interface PlatformPreview {
  platform: PlatformId;
  name: string;
  /** The title as the platform shows it; null when the platform does not use titles. */
  title: string | null;
  posts: { label: string; text: string }[];
  /** Structured tags that are sent (after the platform's cap); hashtags in text are not here. */
  tags: string[];
  /** Tags beyond the cap that the platform drops. */
  droppedTags: string[];
  mediaCount: number;
  /** Attachments beyond the per-post cap, which the platform will refuse. */
  extraMedia: number;
  /** The first comment, shown under the post; null when there is none. */
  firstComment: string | null;
}

export function previewFor(platform: PlatformId, draft: PostDraft): PlatformPreview {
  const d = DESCRIPTORS[platform];
  const title = d.title.used && draft.title.trim() ? draft.title.trim() : null;
  const cap = d.tags.used ? (d.tags.max ?? Infinity) : 0;
  const maxMedia = d.limits.maxMedia ?? Infinity;
  return {
    platform,
    name: d.name,
    title,
    posts: postsOf(d, draft).map((p) => ({ label: p.label, text: p.text })),
    tags: d.tags.used ? draft.tags.slice(0, cap) : [],
    droppedTags: d.tags.used ? draft.tags.slice(cap) : [],
    mediaCount: Math.min(draft.media.length, maxMedia),
    extraMedia: Math.max(0, draft.media.length - maxMedia),
    firstComment: supportsComments(platform) && draft.firstComment?.trim() ? draft.firstComment : null,
  };
}

/**
 * Inserts `snippet` into `value` in place of the selection [start, end), with a space on each
 * side where it would otherwise glue to a word. Returns the new text and where the caret goes.
 */
export function insertSnippet(value: string, start: number, end: number, snippet: string): { value: string; caret: number } {
  const a = Math.max(0, Math.min(start, value.length));
  const b = Math.max(a, Math.min(end, value.length));
  const before = value.slice(0, a);
  const after = value.slice(b);
  const lead = before && !/\s$/.test(before) ? " " : "";
  const trail = after && !/^\s/.test(after) ? " " : "";
  const text = `${lead}${snippet}${trail}`;
  return { value: before + text + after, caret: before.length + lead.length + snippet.length };
}

/** Hashtag snippets for a list of tags ("#launch"), spaces removed, repeats dropped. */
export function hashtagsOf(tags: readonly string[]): string[] {
  return [...new Set(tags.map((t) => `#${t.replace(/\s+/g, "")}`).filter((t) => t.length > 1))];
}
