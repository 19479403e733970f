/**
 * The first comment: what each platform calls it, how long it may be and how it is counted.
 * Plain data and pure functions, so the composer's counter and the API's validation agree.
 * Platforms missing here have no comments (Dev.to, Medium, WordPress, webhook): a first comment
 * for them is refused, never silently dropped.
 */
import { countBytes } from "./count";
import { fmt, measureText } from "./rules";
import type { PlatformId, PostDraft, TextLimits, ValidationIssue } from "./types";

export interface CommentRule {
  /** "reply": a post in reply to the post (X, Bluesky, Mastodon, Threads); "comment": a comment on it. */
  kind: "reply" | "comment";
  limits: Pick<TextLimits, "maxLength" | "countMode" | "urlLength" | "maxBytes">;
}

const reply = (maxLength: number, more: Partial<CommentRule["limits"]> = {}): CommentRule => ({
  kind: "reply",
  limits: { maxLength, countMode: "chars", urlLength: null, maxBytes: null, ...more },
});
const comment = (maxLength: number): CommentRule => ({ kind: "comment", limits: { maxLength, countMode: "chars", urlLength: null, maxBytes: null } });

export const COMMENT_RULES: Partial<Record<PlatformId, CommentRule>> = {
  sandbox: reply(10_000),
  // A reply is a post: the post's own limits apply.
  x: reply(280, { countMode: "weighted", urlLength: 23 }),
  bluesky: reply(300, { countMode: "graphemes", maxBytes: 3000 }),
  mastodon: reply(500, { urlLength: 23 }),
  threads: reply(500),
  // LinkedIn's Comments API: message.text up to 1,250 characters.
  linkedin: comment(1250),
  // Graph API comments: Facebook 8,000 characters; Instagram as long as a caption (2,200).
  facebook: comment(8000),
  instagram: comment(2200),
};

export function commentRule(platform: PlatformId, accountConfig?: Record<string, unknown> | null): CommentRule | null {
  const rule = COMMENT_RULES[platform];
  if (!rule) return null;
  // A Mastodon reply is a status: the server's own max_characters applies.
  const max = accountConfig?.max_characters;
  if (platform === "mastodon" && typeof max === "number" && Number.isInteger(max) && max > 0) return { ...rule, limits: { ...rule.limits, maxLength: max } };
  return rule;
}

export const supportsComments = (platform: PlatformId): boolean => COMMENT_RULES[platform] !== undefined;

/** The comment as the platform counts it, and its cap (null: no comments on this platform). */
export function measureComment(platform: PlatformId, text: string, accountConfig?: Record<string, unknown> | null) {
  const rule = commentRule(platform, accountConfig);
  if (!rule) return null;
  return { count: measureText(rule.limits, text), max: rule.limits.maxLength, bytes: countBytes(text), maxBytes: rule.limits.maxBytes };
}

export function commentIssues(platform: PlatformId, name: string, draft: PostDraft, accountConfig?: Record<string, unknown> | null): ValidationIssue[] {
  const text = draft.firstComment;
  if (text == null || text.trim() === "") return [];
  const at = (code: string, message: string): ValidationIssue => ({ platform, field: "first_comment", code, message, severity: "error" });
  const m = measureComment(platform, text, accountConfig);
  if (!m) return [at("first_comment_unsupported", `${name} has no comments: remove the first comment for ${name}`)];
  const out: ValidationIssue[] = [];
  if (m.max !== null && m.count > m.max)
    out.push(at("first_comment_too_long", `${name} allows ${fmt(m.max)} characters in a comment; the first comment has ${fmt(m.count)}`));
  if (m.maxBytes !== null && m.bytes > m.maxBytes)
    out.push(at("first_comment_too_many_bytes", `${name} allows ${fmt(m.maxBytes)} bytes (UTF-8) in a comment; the first comment has ${fmt(m.bytes)}`));
  return out;
}
