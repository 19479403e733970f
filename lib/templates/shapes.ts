/** JSON shapes of templates, versions, hashtag groups and signatures: the documented schema and the mapper beside it. */
import { z } from "zod";
import { iso } from "@/lib/operations/shapes/common";
import { PLATFORMS, type PlatformId } from "@/adapters/types";
import { isPlatformId } from "@/adapters/registry";

const id = z.uuid();
const ts = z.string().describe("ISO 8601 date-time");
const platform = z.enum(PLATFORMS);

export const templateShape = z.object({
  id,
  name: z.string(),
  body: z.string().describe("text with {{date}}, {{title}}, {{link}} and custom {{variables}}"),
  variables: z.array(z.string()).describe("the custom variables the author fills in when inserting"),
  default_platforms: z.array(platform),
  default_tags: z.array(z.string()),
  version: z.number().int(),
  created_at: ts,
  updated_at: ts,
});
export const templateVersionShape = templateShape
  .omit({ id: true, created_at: true, updated_at: true })
  .extend({ created_by: id.nullable(), created_by_name: z.string().nullable(), created_at: ts });
export const hashtagGroupShape = z.object({
  id,
  name: z.string(),
  hashtags: z.array(z.string()),
  platforms: z.array(platform).describe("empty: every platform"),
  created_at: ts,
});
export const signatureShape = z.object({
  id,
  name: z.string(),
  body: z.string(),
  platform: platform.nullable().describe("null: every platform"),
  created_at: ts,
});

/** Platform names are text columns written only after validation; anything else is left out. */
const platforms = (v: string[] | null | undefined): PlatformId[] => (v ?? []).filter(isPlatformId);
const names = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

export function templateOut(t: {
  id: string;
  name: string;
  body: string;
  variables: unknown;
  defaultPlatforms: string[] | null;
  defaultTags: string[] | null;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
}): z.output<typeof templateShape> {
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    variables: names(t.variables),
    default_platforms: platforms(t.defaultPlatforms),
    default_tags: t.defaultTags ?? [],
    version: t.currentVersion,
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
  };
}

export function templateVersionOut(v: {
  version: number;
  name: string;
  body: string;
  variables: unknown;
  defaultPlatforms: string[] | null;
  defaultTags: string[] | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: Date;
}): z.output<typeof templateVersionShape> {
  return {
    version: v.version,
    name: v.name,
    body: v.body,
    variables: names(v.variables),
    default_platforms: platforms(v.defaultPlatforms),
    default_tags: v.defaultTags ?? [],
    created_by: v.createdBy,
    created_by_name: v.createdByName,
    created_at: iso(v.createdAt),
  };
}

export function hashtagGroupOut(g: {
  id: string;
  name: string;
  hashtags: string[];
  platforms: string[] | null;
  createdAt: Date;
}): z.output<typeof hashtagGroupShape> {
  return { id: g.id, name: g.name, hashtags: g.hashtags, platforms: platforms(g.platforms), created_at: iso(g.createdAt) };
}

export function signatureOut(s: { id: string; name: string; body: string; platform: string | null; createdAt: Date }): z.output<typeof signatureShape> {
  return { id: s.id, name: s.name, body: s.body, platform: s.platform !== null && isPlatformId(s.platform) ? s.platform : null, created_at: iso(s.createdAt) };
}
