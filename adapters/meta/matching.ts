/**
 * Finding "this" post among an account's recent posts after an unknown outcome. None of the three
 * Meta platforms takes an idempotency key, so the match is on the text plus a time window.
 */
import type { PublishPost } from "../adapter";
import { RetryableError } from "../errors";
import { listOf, str, type Graph, type Json } from "./graph";

/**
 * When this version of the post was first attempted (saved before the first request), so a
 * lookup after an unknown outcome only matches posts made since — a recurring post with the same
 * text published yesterday is not "this" post.
 */
export async function markAttempt(post: PublishPost): Promise<void> {
  if (!post.state.first_attempt_at) await post.saveState({ first_attempt_at: new Date().toISOString() });
}

/** Earliest creation time a match may have: first attempt minus clock-skew slack, else 24 h ago. */
export function matchSince(post: PublishPost, now = Date.now()): number {
  const first = Date.parse(post.state.first_attempt_at ?? "");
  return Number.isFinite(first) ? first - 10 * 60_000 : now - 24 * 3600_000;
}

/** Meta timestamps look like 2026-03-01T12:00:00+0000; normalise the offset for Date.parse. */
export function parseGraphTime(v: unknown): number {
  if (typeof v !== "string") return NaN;
  return Date.parse(v.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
}

/** Text as Meta returns it: line endings normalised, surrounding whitespace trimmed. */
export function sameText(a: unknown, b: string): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, "\n").trim();
  return typeof a === "string" ? norm(a) === norm(b) : norm(b) === "";
}

/**
 * The newest item (Graph lists are newest first) whose text matches and which was created since
 * `since`; `also` adds a platform check (a Threads reply's parent).
 */
export function pickMatch<T extends Record<string, unknown>>(
  items: T[],
  keys: { text: string; time: string },
  text: string,
  since: number,
  also: (item: T) => boolean = () => true,
): T | null {
  for (const item of items) {
    const at = parseGraphTime(item[keys.time]);
    if (Number.isFinite(at) && at < since) continue;
    if (sameText(item[keys.text], text) && also(item)) return item;
  }
  return null;
}

const PAGE_SIZE = 100;
const MAX_PAGES = 5;

/**
 * Searches a Graph list of the account's posts (newest first) page by page, following the
 * `after` cursor, until a match, a post older than `since`, or the end. When the window holds
 * more than MAX_PAGES pages it cannot tell, and says so instead of answering "not there".
 */
export async function searchRecent(
  g: Graph,
  path: string,
  fields: string,
  keys: { text: string; time: string },
  text: string,
  since: number,
  also?: (item: Json) => boolean,
): Promise<Json | null> {
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await g.get(path, { fields, limit: PAGE_SIZE, after }, "list recent posts");
    const items = listOf(data);
    const hit = pickMatch(items, keys, text, since, also);
    if (hit) return hit;
    const paging = (data as Json | null)?.paging as Json | undefined;
    after = str((paging?.cursors as Json | undefined)?.after) ?? undefined;
    if (items.some((i) => parseGraphTime(i[keys.time]) < since) || !paging?.next || !after) return null;
  }
  throw new RetryableError(`${g.platform} lists too many posts since the first attempt to check them all; cannot tell yet whether this post went out`);
}
