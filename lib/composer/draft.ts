/**
 * The composer's form as the platforms see it: the same PostDraft the server builds in
 * lib/content/draft.ts (item + that platform's variant), so the browser's counters and issues
 * match what scheduling enforces. Pure: runs in the browser and in tests.
 */
import type { ContentType, DraftMedia, PostDraft } from "@/adapters/types";

/** A thread is stored as one body; parts are separated by a line holding only `---`. */
export const PART_SEPARATOR = "\n\n---\n\n";

export interface ComposerFields {
  title: string;
  body: string;
  contentType: ContentType;
  /** Thread parts as typed (only for contentType "thread"). */
  parts: string[];
  tags: string[];
  media: DraftMedia[];
}

/** Parts that count: trimmed, empty ones dropped (as the server's split does). */
export function cleanParts(parts: readonly string[]): string[] {
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The body stored for a thread: its parts joined by separator lines. */
export function joinParts(parts: readonly string[]): string {
  return cleanParts(parts).join(PART_SEPARATOR);
}

/** The text saved as the item's content for these fields. */
export function storedBody(f: Pick<ComposerFields, "contentType" | "body" | "parts">): string {
  return f.contentType === "thread" ? joinParts(f.parts) : f.body;
}

/**
 * What goes to one platform: the fields, with that platform's own text (a variant) laid over the
 * body when one is given. Variants replace the text of single posts; threads keep their parts.
 */
export function draftOf(f: ComposerFields, variantText?: string | null): PostDraft {
  const thread = f.contentType === "thread";
  const parts = thread ? cleanParts(f.parts) : undefined;
  const text = !thread && variantText != null && variantText !== "" ? variantText : storedBody(f);
  return { contentType: f.contentType, title: f.title, text, ...(parts ? { parts } : {}), media: f.media, tags: f.tags };
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
