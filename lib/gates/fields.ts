/** Required fields per content type, and required alt text on images. Pure. */
import { splitThread } from "../content/post-draft";
import { extractUrls } from "./urls";
import { FIELD_LABELS, type QualityGates, type RequiredField } from "./rules";
import type { GateFinding, GateSubject } from "./types";

const TYPE_NAMES = { post: "a post", article: "an article", thread: "a thread", carousel: "a carousel" } as const;

function present(field: RequiredField, s: GateSubject): boolean {
  const { item, variants } = s;
  switch (field) {
    case "title":
      return item.title.trim().length > 0;
    case "summary":
      return (item.summary ?? "").trim().length > 0;
    case "tags":
      return item.tags.some((t) => t.trim());
    case "media":
      return item.mediaIds.length > 0 || variants.some((v) => (v.mediaIds?.length ?? 0) > 0);
    case "link":
      return extractUrls(item.content).length > 0 || variants.some((v) => extractUrls(v.text ?? "").length > 0);
    case "parts": {
      // Every platform's version must be a thread of at least 2 parts.
      const own = splitThread(item.content).length;
      return own >= 2 && variants.every((v) => (v.parts ? v.parts.filter((p) => p.trim()).length >= 2 : true));
    }
  }
}

export function requiredFieldFindings(rules: QualityGates["required_fields"], s: GateSubject): GateFinding[] {
  if (!rules.enabled) return [];
  const type = s.item.contentType;
  return rules.by_type[type]
    .filter((f) => !present(f, s))
    .map((f) => ({
      rule: "required_fields",
      severity: rules.severity,
      field: f,
      message:
        f === "parts"
          ? `A thread needs at least 2 parts in this workspace (separate parts with a line holding only ---).`
          : `${FIELD_LABELS[f]} is required for ${TYPE_NAMES[type]} in this workspace.`,
    }));
}

/** Every image the item or a variant carries must describe itself for screen readers. */
export function altTextFindings(rules: QualityGates["alt_text"], s: GateSubject): GateFinding[] {
  if (!rules.enabled) return [];
  const used = new Set([...s.item.mediaIds, ...s.variants.flatMap((v) => v.mediaIds ?? [])]);
  return s.media
    .filter((m) => used.has(m.id) && m.mimeType.startsWith("image/") && !(m.altText ?? "").trim())
    .map((m) => ({
      rule: "alt_text",
      severity: rules.severity,
      field: `media:${m.id}`,
      message: `Image “${m.filename}” has no alt text: describe it for people using screen readers.`,
    }));
}
