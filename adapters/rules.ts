/**
 * Rules shared by every descriptor's validate(). Each platform folder only adds what is unique to
 * it; anything expressible as descriptor data is checked here, so the composer and the API see
 * the same issues for the same data.
 */
import { countBytes, countText } from "./count";
import { checkMedia } from "./media-rules";
import type { PlatformDescriptor, PostDraft, TextLimits, ValidationIssue } from "./types";

/** How parts are glued together for platforms without threads; the engine must use the same. */
export const THREAD_JOINER = "\n\n";

export const fmt = (n: number): string => n.toLocaleString("en-US");

export function issue(
  d: Pick<PlatformDescriptor, "id">,
  field: string,
  code: string,
  message: string,
  severity: ValidationIssue["severity"] = "error",
): ValidationIssue {
  return { platform: d.id, field, code, message, severity };
}

/** Length of `text` as this platform counts it — the composer's counter must call this too. */
export function measureText(limits: Pick<TextLimits, "countMode" | "urlLength">, text: string): number {
  return countText(text, limits.countMode, limits.urlLength === null ? {} : { urlLength: limits.urlLength });
}

/** Hashtags as Instagram (and most platforms) recognise them: `#` not glued to a word. */
export function findHashtags(text: string): string[] {
  return Array.from(text.matchAll(/(?<![\p{L}\p{M}\p{N}_&])#([\p{L}\p{M}\p{N}_]+)/gu), (m) => m[1] ?? "");
}

export function findMentions(text: string): string[] {
  return Array.from(text.matchAll(/(?<![\p{L}\p{N}_@.])@([A-Za-z0-9_.]+)/gu), (m) => m[1] ?? "");
}

export interface PostText {
  field: string;
  /** Names the post in messages: "this post", "thread part 3", "the joined thread". */
  label: string;
  text: string;
}

/** The texts that will actually be published, one per post. */
export function postsOf(d: PlatformDescriptor, draft: PostDraft): PostText[] {
  const parts = draft.contentType === "thread" && draft.parts?.length ? draft.parts : null;
  if (!parts) return [{ field: "text", label: "this post", text: draft.text }];
  if (!d.thread.supported) return [{ field: "parts", label: "the joined thread", text: parts.join(THREAD_JOINER) }];
  return parts.map((text, i) => ({ field: `parts.${i}`, label: `thread part ${i + 1}`, text }));
}

function unitNote(limits: TextLimits): string {
  if (limits.countMode === "weighted") return " (weighted: links count 23, emoji and CJK characters 2)";
  if (limits.urlLength !== null) return ` (links count ${limits.urlLength})`;
  return "";
}

/** Length and byte caps for one post; sandbox uses this alone, everyone else via checkText. */
export function lengthIssues(d: PlatformDescriptor, post: PostText): ValidationIssue[] {
  const { limits, name } = d;
  const out: ValidationIssue[] = [];
  if (limits.maxLength !== null) {
    const n = measureText(limits, post.text);
    if (n > limits.maxLength) {
      const msg = `${name} allows ${fmt(limits.maxLength)} characters per post${unitNote(limits)}; ${post.label} has ${fmt(n)}`;
      out.push(issue(d, post.field, "text_too_long", msg));
    }
  }
  if (limits.maxBytes !== null) {
    const bytes = countBytes(post.text);
    if (bytes > limits.maxBytes) {
      const msg = `${name} allows ${fmt(limits.maxBytes)} bytes (UTF-8) per post; ${post.label} has ${fmt(bytes)}`;
      out.push(issue(d, post.field, "text_too_many_bytes", msg));
    }
  }
  return out;
}

function countCap(d: PlatformDescriptor, post: PostText, what: "hashtags" | "@mentions", max: number | null, n: number) {
  if (max === null || n <= max) return [];
  const code = what === "hashtags" ? "hashtags_too_many" : "mentions_too_many";
  return [issue(d, post.field, code, `${d.name} allows ${fmt(max)} ${what} per post; ${post.label} has ${fmt(n)}`)];
}

export function checkText(d: PlatformDescriptor, draft: PostDraft): ValidationIssue[] {
  const { limits, name } = d;
  return postsOf(d, draft).flatMap((post) => {
    // Media can carry a post on its own, but only on the post it is attached to (the first).
    const isLead = post.field === "text" || post.field === "parts" || post.field === "parts.0";
    if (post.text.trim() === "" && !(isLead && draft.media.length > 0)) {
      return [issue(d, post.field, "text_empty", `${name} cannot publish an empty post: ${post.label} has no text`)];
    }
    return [
      ...lengthIssues(d, post),
      ...countCap(d, post, "hashtags", limits.maxHashtags, findHashtags(post.text).length),
      ...countCap(d, post, "@mentions", limits.maxMentions, findMentions(post.text).length),
    ];
  });
}

export function checkThread(d: PlatformDescriptor, draft: PostDraft): ValidationIssue[] {
  const n = draft.parts?.length ?? 0;
  if (draft.contentType !== "thread" || d.thread.supported || n < 2) return [];
  const msg = `${d.name} does not support threads: the ${n} parts will be joined into one post`;
  return [issue(d, "parts", "thread_unsupported", msg, "warning")];
}

export function checkTitle(d: PlatformDescriptor, draft: PostDraft): ValidationIssue[] {
  const { title, name } = d;
  if (!title.used) return [];
  const text = draft.title.trim();
  if (text === "") return title.required ? [issue(d, "title", "title_required", `${name} needs a title`)] : [];
  const n = countText(text, "chars");
  if (title.maxLength === null || n <= title.maxLength) return [];
  const [max, count] = [fmt(title.maxLength), fmt(n)];
  return title.overflow === "error"
    ? [issue(d, "title", "title_too_long", `${name} allows titles of ${max} characters; this one has ${count}`)]
    : [issue(d, "title", "title_too_long", `${name} ignores titles longer than ${max} characters; this one has ${count}`, "warning")];
}

export function checkTags(d: PlatformDescriptor, draft: PostDraft): ValidationIssue[] {
  const { tags, name } = d;
  if (!tags.used) return [];
  const out: ValidationIssue[] = [];
  const n = draft.tags.length;
  if (tags.max !== null && n > tags.max) {
    const msg =
      tags.overflow === "error"
        ? `${name} allows at most ${tags.max} tags; this post has ${n}`
        : `${name} uses only the first ${tags.max} tags; this post has ${n}, the rest will be dropped`;
    out.push(issue(d, "tags", "tags_too_many", msg, tags.overflow === "error" ? "error" : "warning"));
  }
  if (tags.maxLength !== null) {
    const max = tags.maxLength;
    draft.tags.forEach((tag, i) => {
      const len = countText(tag, "chars");
      if (len <= max) return;
      const msg = `${name} allows tags of ${max} characters; tag ${i + 1} ("${tag}") has ${len}`;
      const hard = tags.overflow === "error";
      out.push(issue(d, `tags.${i}`, "tag_too_long", hard ? msg : `${msg} and will be ignored`, hard ? "error" : "warning"));
    });
  }
  return out;
}

export function checkLink(d: PlatformDescriptor, draft: PostDraft, posts: PostText[]): ValidationIssue[] {
  const link = draft.link?.trim();
  if (!link) return [];
  let ok = false;
  try {
    ok = /^https?:$/.test(new URL(link).protocol);
  } catch {
    ok = false;
  }
  if (!ok) return [issue(d, "link", "link_invalid", `${d.name} needs the link to be an http(s) URL; got "${link}"`)];
  if (d.link === "field" || posts.some((p) => p.text.includes(link))) return [];
  const msg = `${d.name} has no separate link field: put the link in the text or it will not be published`;
  return [issue(d, "link", "link_not_in_text", msg, "warning")];
}

/** Every rule expressible as descriptor data, in a fixed order (title, text, thread, tags, link, media). */
export function validateCommon(d: PlatformDescriptor, draft: PostDraft): ValidationIssue[] {
  return [
    ...checkTitle(d, draft),
    ...checkText(d, draft),
    ...checkThread(d, draft),
    ...checkTags(d, draft),
    ...checkLink(d, draft, postsOf(d, draft)),
    ...checkMedia(d, draft),
  ];
}
