/**
 * What one platform is sent for a piece of content: the item, with that platform's variant laid
 * over it. The one rule for the server (validation before scheduling, the quality gates, review
 * previews, publishing) and for the composer's live counters and issues in the browser. Pure: no
 * database, nothing of node.
 */
import type { ContentType, PostDraft } from "@/adapters/types";

/** A thread is stored as one body; parts are separated by a line holding only `---`. */
export const PART_SEPARATOR = "\n\n---\n\n";

/** A thread written as one body: parts are separated by a line holding only `---`. */
export function splitThread(body: string): string[] {
  return body
    .split(/\r?\n-{3,}\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** Parts that count: trimmed, empty ones dropped (as splitThread does). */
export function cleanParts(parts: readonly string[]): string[] {
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The body stored for a thread: its parts joined by separator lines. */
export function joinParts(parts: readonly string[]): string {
  return cleanParts(parts).join(PART_SEPARATOR);
}

export interface DraftItem {
  contentType: ContentType;
  title: string;
  /** The body as stored (a thread's parts joined by separator lines). */
  content: string;
  tags: string[];
  /** A thread's parts where they are at hand already (the composer's, as typed); otherwise split from `content`. */
  parts?: string[];
}

/** A platform's own text and thread parts; null where it keeps the item's. Parts are stored as JSON. */
export interface DraftVariant {
  text: string | null;
  parts: unknown;
  firstComment?: string | null;
}

/** What goes to one platform: the item, with that platform's variant laid over it. */
export function draftFor(item: DraftItem, variant: DraftVariant | undefined, media: PostDraft["media"]): PostDraft {
  const itemParts = item.contentType === "thread" ? (item.parts ?? splitThread(item.content)) : undefined;
  const parts = (variant?.parts as string[] | null | undefined) ?? itemParts;
  return {
    contentType: item.contentType,
    title: item.title,
    text: variant?.text ?? item.content,
    ...(parts ? { parts } : {}),
    media,
    tags: item.tags,
    ...(variant?.firstComment ? { firstComment: variant.firstComment } : {}),
  };
}
