/**
 * Finding and replacing the links of a post. Pure and browser-safe: the composer counts a post
 * with the same short links the engine sends.
 *
 * Only http(s) links written with their scheme are tracked (a bare "example.com" is left as
 * written: several platforms would not link it either); links that already are this app's short
 * links are left alone.
 */
import { findUrls } from "@/adapters/count";
import type { PostDraft } from "@/adapters/types";
import type { UtmKey } from "./settings";

/** Characters of a short code: 10 base62 characters (~59 bits). */
export const CODE_LENGTH = 10;

export function shortUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/, "")}/l/${code}`;
}

function isTracked(url: string, base: string): boolean {
  return url.startsWith(`${base.replace(/\/+$/, "")}/l/`);
}

/** The links of a text that would be shortened, in order, each once. */
export function trackableLinks(text: string, base: string): string[] {
  const out: string[] = [];
  for (const m of findUrls(text, { bareDomains: false })) {
    if (!/^https?:\/\//i.test(m.url) || isTracked(m.url, base) || !URL.canParse(m.url)) continue;
    if (!out.includes(m.url)) out.push(m.url);
  }
  return out;
}

/** The text with each link that `replace` names swapped for its replacement. */
export function replaceLinks(text: string, base: string, replace: (url: string) => string | undefined): string {
  let out = "";
  let pos = 0;
  for (const m of findUrls(text, { bareDomains: false })) {
    if (!/^https?:\/\//i.test(m.url) || isTracked(m.url, base)) continue;
    const next = replace(m.url);
    if (next === undefined) continue;
    out += text.slice(pos, m.start) + next;
    pos = m.end;
  }
  return out + text.slice(pos);
}

/**
 * The draft as it will be counted and validated when its links are tracked: each link replaced by
 * a short link of the real length (the code's characters stand in), so every counting rule —
 * X's and Mastodon's 23 per URL, the real length elsewhere — sees what the platform will get.
 */
export function countingDraft(draft: PostDraft, base: string): PostDraft {
  const stand = shortUrl(base, "x".repeat(CODE_LENGTH));
  const swap = (t: string) => replaceLinks(t, base, (u) => (URL.canParse(u) ? stand : undefined));
  return { ...draft, text: swap(draft.text), parts: draft.parts?.map(swap), ...(draft.firstComment ? { firstComment: swap(draft.firstComment) } : {}) };
}

/**
 * The original URL with the UTM parameters added: its own query parameters and fragment kept, and
 * a utm_ parameter the author already wrote kept too unless `override` says otherwise.
 */
export function withUtm(url: string, params: readonly (readonly [UtmKey, string])[], override = false): string {
  const u = new URL(url);
  let changed = false;
  for (const [k, v] of params) {
    if (!override && u.searchParams.has(k)) continue;
    u.searchParams.set(k, v);
    changed = true;
  }
  return changed ? u.toString() : url;
}
