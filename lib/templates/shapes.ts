/** JSON shapes of templates, versions, hashtag groups, signatures and audit rows: snake_case, chosen fields. */
import type { AuditRow } from "@/db/queries/audit-log";
import { diffFields } from "../audit/diff";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
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
}) {
  return {
    id: t.id,
    name: t.name,
    body: t.body,
    variables: names(t.variables),
    default_platforms: t.defaultPlatforms ?? [],
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
}) {
  return {
    version: v.version,
    name: v.name,
    body: v.body,
    variables: names(v.variables),
    default_platforms: v.defaultPlatforms ?? [],
    default_tags: v.defaultTags ?? [],
    created_by: v.createdBy,
    created_by_name: v.createdByName,
    created_at: iso(v.createdAt),
  };
}

export function hashtagGroupOut(g: { id: string; name: string; hashtags: string[]; platforms: string[] | null; createdAt: Date }) {
  return { id: g.id, name: g.name, hashtags: g.hashtags, platforms: g.platforms ?? [], created_at: iso(g.createdAt) };
}

export function signatureOut(s: { id: string; name: string; body: string; platform: string | null; createdAt: Date }) {
  return { id: s.id, name: s.name, body: s.body, platform: s.platform, created_at: iso(s.createdAt) };
}

export function auditOut(r: AuditRow) {
  return {
    id: String(r.id),
    created_at: iso(r.createdAt),
    user: r.actorUserId ? { id: r.actorUserId, name: r.actorName, email: r.actorEmail } : null,
    api_token_id: r.actorTokenId,
    action: r.action,
    entity_type: r.entityType,
    entity_id: r.entityId,
    changes: diffFields(r.before, r.after),
    before: r.before ?? null,
    after: r.after ?? null,
    ip: r.ip,
  };
}
