/**
 * The composer's form as the platforms see it: the form read as an item and handed to the same
 * draftFor the server uses (lib/content/post-draft.ts), so the browser's counters and issues match
 * what scheduling enforces. Pure: runs in the browser and in tests.
 */
import type { ContentType, DraftMedia, PostDraft } from "@/adapters/types";
import { draftFor, joinParts } from "@/lib/content/post-draft";
import { countingDraft } from "@/lib/links/rewrite";

export interface ComposerFields {
  title: string;
  body: string;
  contentType: ContentType;
  /** Thread parts as typed (only for contentType "thread"). */
  parts: string[];
  tags: string[];
  media: DraftMedia[];
  /** Where short links live when this post's links are tracked: counters count those (lib/links). */
  linkBase?: string | null;
}

/** The text saved as the item's content for these fields. */
export function storedBody(f: Pick<ComposerFields, "contentType" | "body" | "parts">): string {
  return f.contentType === "thread" ? joinParts(f.parts) : f.body;
}

/**
 * What goes to one platform: the fields, with that platform's own text (a variant) laid over the
 * body when one is given. Variants replace the text of single posts (an empty one is none). A
 * thread's parts are read back from the body it is saved as, as the server reads them: a part
 * typed with a line of dashes in it is two posts, and counted as two here too.
 */
export function draftOf(f: ComposerFields, variantText?: string | null, firstComment?: string | null): PostDraft {
  const thread = f.contentType === "thread";
  const item = { contentType: f.contentType, title: f.title, content: storedBody(f), tags: f.tags };
  const text = !thread && variantText ? variantText : null;
  const comment = firstComment?.trim() ? firstComment : null;
  const draft = draftFor(item, text !== null || comment !== null ? { text, parts: null, firstComment: comment } : undefined, f.media);
  return f.linkBase ? countingDraft(draft, f.linkBase) : draft;
}

/** Tags typed as "launch, news #spring": split on commas and spaces, without "#", no repeats. */
export function parseTags(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of input.split(/[\s,]+/)) {
    const tag = raw.replace(/^#+/, "").trim();
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    out.push(tag);
  }
  return out;
}
