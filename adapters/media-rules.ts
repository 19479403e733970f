/**
 * Attachment rules shared by every descriptor's validate(). Sizes are checked before upload so an
 * author learns about a 6 MB image for X while composing, not from a failed job at 3 a.m.
 */
import type { DraftMedia, MediaKind, PlatformDescriptor, PostDraft, ValidationIssue } from "./types";

const fmt = (n: number): string => n.toLocaleString("en-US");

export function mediaKind(mimeType: string): MediaKind | null {
  const mime = mimeType.toLowerCase();
  if (mime === "image/gif") return "gif";
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("video/")) return "video";
  return null;
}

export function acceptsMime(accepted: readonly string[], mimeType: string): boolean {
  const mime = mimeType.toLowerCase();
  return accepted.some((a) => a === mime || a === "*/*" || (a.endsWith("/*") && mime.startsWith(a.slice(0, -1))));
}

/** "5 MB" when the cap is a round number of MiB or MB (platforms use both), else exact bytes. */
export function formatBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${fmt(n / (1024 * 1024))} MB (${fmt(n)} bytes)`;
  if (n % 1_000_000 === 0) return `${fmt(n / 1_000_000)} MB (${fmt(n)} bytes)`;
  return `${fmt(n)} bytes`;
}

const NOUN: Record<MediaKind, string> = { image: "images", gif: "GIFs", video: "videos" };

function issue(d: PlatformDescriptor, field: string, code: string, message: string, warn = false): ValidationIssue {
  return { platform: d.id, field, code, message, severity: warn ? "warning" : "error" };
}

function checkItem(d: PlatformDescriptor, m: DraftMedia, i: number): ValidationIssue[] {
  const { media, name } = d;
  const field = `media.${i}`;
  const label = `media ${i + 1}`;
  const kind = mediaKind(m.mimeType);
  if (kind === "video" && !media.video) return [issue(d, field, "video_not_allowed", `${name} cannot publish video (${label})`)];
  if (!acceptsMime(media.accepted, m.mimeType)) {
    const msg = `${name} does not accept ${m.mimeType} (${label}); accepted: ${media.accepted.join(", ")}`;
    return [issue(d, field, "media_type", msg)];
  }
  if (kind === null) return [];
  const out: ValidationIssue[] = [];
  const cap = media.maxBytes[kind];
  if (cap !== null && m.sizeBytes > cap) {
    const msg = `${name} allows ${NOUN[kind]} up to ${formatBytes(cap)}; ${label} is ${fmt(m.sizeBytes)} bytes`;
    out.push(issue(d, field, "media_too_large", msg));
  }
  const maxMs = media.maxVideoDurationMs;
  if (kind === "video" && maxMs !== null && m.durationMs != null && m.durationMs > maxMs) {
    const msg = `${name} allows videos up to ${fmt(maxMs / 1000)} seconds; ${label} is ${fmt(m.durationMs / 1000)} seconds`;
    out.push(issue(d, field, "video_too_long", msg));
  }
  if (kind !== "video" && media.altText.supported) {
    const alt = m.altText?.trim() ?? "";
    const max = media.altText.maxLength;
    if (alt === "") {
      const msg = `${name}: ${label} has no alt text; add a description for people using screen readers`;
      out.push(issue(d, field, "alt_text_missing", msg, true));
    } else if (max !== null && Array.from(alt).length > max) {
      const msg = `${name} allows alt text of ${fmt(max)} characters; ${label} has ${fmt(Array.from(alt).length)}`;
      out.push(issue(d, field, "alt_text_too_long", msg));
    }
  }
  return out;
}

export function checkMedia(d: PlatformDescriptor, draft: PostDraft): ValidationIssue[] {
  const { limits, media, name } = d;
  const items = draft.media;
  const out: ValidationIssue[] = [];
  if (limits.requiresMedia && items.length === 0) {
    out.push(issue(d, "media", "media_required", `${name} cannot publish text-only posts: add an image or video`));
  }
  if (draft.contentType === "carousel") {
    const c = media.carousel;
    if (c === null) out.push(issue(d, "media", "carousel_unsupported", `${name} cannot publish carousels`));
    else if (items.length < c.min || items.length > c.max) {
      const msg = `${name} carousels need ${c.min}–${c.max} images or videos; this one has ${items.length}`;
      out.push(issue(d, "media", "carousel_size", msg));
    }
  }
  const max = limits.maxMedia;
  const carouselReported = out.some((x) => x.code === "carousel_size");
  if (max !== null && items.length > max && !carouselReported) {
    const msg =
      max === 0
        ? `${name} cannot attach media; this post has ${items.length}`
        : `${name} allows at most ${max} attachment${max === 1 ? "" : "s"} per post; this post has ${items.length}`;
    out.push(issue(d, "media", "media_too_many", msg));
  }
  if (items.length > 1) {
    items.forEach((m, i) => {
      const kind = mediaKind(m.mimeType);
      if (kind === null || !media.exclusive.includes(kind)) return;
      const msg = `${name} cannot combine ${kind === "gif" ? "a GIF" : "a video"} with other media (media ${i + 1})`;
      out.push(issue(d, `media.${i}`, "media_exclusive", msg));
    });
  }
  items.forEach((m, i) => out.push(...checkItem(d, m, i)));
  return out;
}
