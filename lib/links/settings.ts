/**
 * Link tracking settings, as stored in `workspaces.settings.link_tracking`, and a post's own
 * choices (`content_items.link_tracking`). Pure (zod only): the settings screen and the composer
 * show the same defaults and check the same templates the server does.
 *
 * A UTM template is text with placeholders, filled per post and platform when it is published:
 *   {platform}     the platform's id (x, linkedin, mastodon, …)
 *   {campaign}     the post's own utm_campaign; else its first tag; else nothing
 *   {tag}          the post's first tag
 *   {tag:PREFIX}   the first tag starting with PREFIX, without the prefix ({tag:spring-} on the
 *                  tag "spring-sale" gives "sale")
 *   {title}        the post's title as a slug ("Spring sale!" → "spring-sale")
 * A parameter whose template comes out empty is left out of the link.
 */
import { z } from "zod";

export const UTM_KEYS = ["utm_source", "utm_medium", "utm_campaign", "utm_content"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];

export const LINK_TRACKING_DEFAULTS = {
  enabled: false,
  utm_source: "{platform}",
  utm_medium: "social",
  utm_campaign: "{campaign}",
  utm_content: "",
} as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = /^(platform|campaign|tag|title|tag:[\p{L}\p{N}_-]{1,50})$/u;

/** Placeholders of a template that are not ones we fill. */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((p) => !KNOWN.test(p));
}

const template = (key: UtmKey) =>
  z
    .string()
    .trim()
    .max(100, `${key} can have at most 100 characters`)
    .refine((t) => unknownPlaceholders(t).length === 0, {
      message: `${key} may only use the placeholders {platform}, {campaign}, {tag}, {tag:PREFIX} and {title}`,
    })
    .refine((t) => !/[{}]/.test(t.replace(PLACEHOLDER, "")), { message: `${key} has an unmatched { or }` });

/** The workspace's settings in full (what GET answers). */
export const linkTrackingSettings = z.object({
  enabled: z.boolean(),
  utm_source: z.string(),
  utm_medium: z.string(),
  utm_campaign: z.string(),
  utm_content: z.string(),
});
export type LinkTrackingSettings = z.infer<typeof linkTrackingSettings>;

/** A change to the settings: the fields given replace the stored ones. */
export const linkTrackingInput = z
  .strictObject({
    enabled: z.boolean({ message: "enabled must be true or false" }).optional(),
    utm_source: template("utm_source").optional(),
    utm_medium: template("utm_medium").optional(),
    utm_campaign: template("utm_campaign").optional(),
    utm_content: template("utm_content").optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: "link_tracking: give at least one of enabled, utm_source, utm_medium, utm_campaign, utm_content" });
export type LinkTrackingInput = z.infer<typeof linkTrackingInput>;

/** Stored settings read leniently: anything missing or malformed follows the default. */
export function readLinkTracking(stored: unknown): LinkTrackingSettings {
  const s = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const str = (k: UtmKey) => (typeof s[k] === "string" && unknownPlaceholders(s[k]).length === 0 ? s[k] : LINK_TRACKING_DEFAULTS[k]);
  return {
    enabled: s.enabled === true,
    utm_source: str("utm_source"),
    utm_medium: str("utm_medium"),
    utm_campaign: str("utm_campaign"),
    utm_content: str("utm_content"),
  };
}

/** One post's own choices; null (or a field left out) follows the workspace. */
export const postLinkTracking = z
  .strictObject({
    enabled: z.boolean({ message: "link_tracking.enabled must be true or false" }).optional(),
    utm_campaign: z
      .string()
      .trim()
      .max(100, "link_tracking.utm_campaign can have at most 100 characters")
      .refine((t) => !/[{}]/.test(t), { message: "link_tracking.utm_campaign is plain text, without placeholders" })
      .optional(),
    override_existing: z.boolean({ message: "link_tracking.override_existing must be true or false" }).optional(),
  })
  .nullable()
  .describe(
    "This post's link tracking: enabled false keeps its links as written; utm_campaign fills {campaign}; override_existing replaces utm_ parameters the links already carry. null: the workspace's settings",
  );
export type PostLinkTracking = NonNullable<z.infer<typeof postLinkTracking>>;

/** A post's own choices as stored, read leniently. */
export function readPostLinkTracking(stored: unknown): PostLinkTracking | null {
  const parsed = postLinkTracking.safeParse(stored ?? null);
  return parsed.success ? parsed.data : null;
}

export interface UtmSubject {
  platform: string;
  title: string;
  tags: readonly string[];
  campaign?: string | null;
}

function slug(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

/** A template filled for one post on one platform. */
export function fillTemplate(t: string, s: UtmSubject): string {
  return t
    .replace(PLACEHOLDER, (_, name: string) => {
      if (name === "platform") return s.platform;
      if (name === "campaign") return s.campaign?.trim() || s.tags[0] || "";
      if (name === "tag") return s.tags[0] ?? "";
      if (name === "title") return slug(s.title);
      if (name.startsWith("tag:")) {
        const prefix = name.slice(4).toLowerCase();
        const tag = s.tags.find((x) => x.toLowerCase().startsWith(prefix) && x.length > prefix.length);
        return tag ? tag.slice(prefix.length) : "";
      }
      return "";
    })
    .trim();
}

/** The UTM parameters for one post on one platform; empty ones are left out. */
export function utmParams(settings: LinkTrackingSettings, s: UtmSubject): [UtmKey, string][] {
  return UTM_KEYS.map((k) => [k, fillTemplate(settings[k], s)] as [UtmKey, string]).filter(([, v]) => v !== "");
}

/** GET /analytics/links: a range of UTC days (default the last 30), one post or all. */
export const linkClicksQuery = z.strictObject({
  from: z.iso.date({ message: "from must be a date, YYYY-MM-DD" }).optional(),
  to: z.iso.date({ message: "to must be a date, YYYY-MM-DD" }).optional(),
  content_id: z.uuid({ message: "content_id must be a content id" }).optional(),
});

/** What GET /analytics/links answers. */
export const linkClicksReport = z.object({
  from: z.string().describe("first UTC day counted"),
  to: z.string().describe("last UTC day counted"),
  total: z.number().int(),
  rows: z.array(
    z.object({
      content_id: z.uuid(),
      title: z.string(),
      platform: z.string(),
      day: z.string().describe("UTC day, YYYY-MM-DD"),
      clicks: z.number().int(),
    }),
  ),
  links: z
    .array(z.object({ code: z.string(), platform: z.string(), url: z.string(), target_url: z.string(), clicks: z.number().int().describe("all days") }))
    .nullable()
    .describe("with content_id: that post's short links; otherwise null"),
});
