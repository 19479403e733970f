import { z } from "zod";
import { PLATFORMS } from "@/adapters/types";
import type { Method, RouteDoc } from "../openapi/route-doc";
import { auditFilterQuery, auditListQuery } from "../audit";
import {
  hashtagGroupCreateSchema,
  hashtagGroupPatchSchema,
  signatureCreateSchema,
  signaturePatchSchema,
  templateCreateSchema,
  templatePatchSchema,
} from "./validation";

/** OpenAPI entries of templates, hashtag groups, signatures and the audit log (added to ROUTES). */
const id = z.uuid();
const ts = z.string().describe("ISO 8601 date-time");
const platform = z.enum(PLATFORMS);
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

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
export const auditShape = z.object({
  id: z.string(),
  created_at: ts,
  user: z.object({ id, name: z.string().nullable(), email: z.string().nullable() }).nullable(),
  api_token_id: id.nullable(),
  action: z.string(),
  entity_type: z.string(),
  entity_id: z.string().nullable(),
  changes: z.array(z.object({ field: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string().nullable(),
});

const r = (method: Method, path: string, tag: string, summary: string, o: Partial<RouteDoc> & Pick<RouteDoc, "permission">): RouteDoc => ({
  method,
  path: `/api/v1${path}`,
  tag,
  summary,
  status: method === "delete" ? 204 : 200,
  ...o,
});

export const TEMPLATE_ROUTES: RouteDoc[] = [
  r("get", "/templates", "templates", "The workspace's templates", { permission: "content:read", response: list(templateShape) }),
  r("post", "/templates", "templates", "Create a template (version 1)", {
    permission: "content:write",
    body: templateCreateSchema,
    status: 201,
    response: templateShape,
    idempotent: true,
  }),
  r("get", "/templates/{id}", "templates", "One template", { permission: "content:read", response: templateShape }),
  r("patch", "/templates/{id}", "templates", "Change a template; every change saves a new version (send version to refuse a stale edit)", {
    permission: "content:write",
    body: templatePatchSchema,
    response: templateShape,
  }),
  r("delete", "/templates/{id}", "templates", "Delete a template and its versions", { permission: "content:write" }),
  r("get", "/templates/{id}/versions", "templates", "A template's versions, newest first", {
    permission: "content:read",
    response: list(templateVersionShape),
  }),
  r("post", "/templates/{id}/versions/{n}/restore", "templates", "Restore version n (saved as a new version)", {
    permission: "content:write",
    response: templateShape,
  }),
  r("get", "/hashtag-groups", "templates", "Hashtag groups", { permission: "content:read", response: list(hashtagGroupShape) }),
  r("post", "/hashtag-groups", "templates", "Create a hashtag group", {
    permission: "content:write",
    body: hashtagGroupCreateSchema,
    status: 201,
    response: hashtagGroupShape,
    idempotent: true,
  }),
  r("get", "/hashtag-groups/{id}", "templates", "One hashtag group", { permission: "content:read", response: hashtagGroupShape }),
  r("patch", "/hashtag-groups/{id}", "templates", "Change a hashtag group", {
    permission: "content:write",
    body: hashtagGroupPatchSchema,
    response: hashtagGroupShape,
  }),
  r("delete", "/hashtag-groups/{id}", "templates", "Delete a hashtag group", { permission: "content:write" }),
  r("get", "/signatures", "templates", "Signatures", { permission: "content:read", response: list(signatureShape) }),
  r("post", "/signatures", "templates", "Create a signature", {
    permission: "content:write",
    body: signatureCreateSchema,
    status: 201,
    response: signatureShape,
    idempotent: true,
  }),
  r("get", "/signatures/{id}", "templates", "One signature", { permission: "content:read", response: signatureShape }),
  r("patch", "/signatures/{id}", "templates", "Change a signature", { permission: "content:write", body: signaturePatchSchema, response: signatureShape }),
  r("delete", "/signatures/{id}", "templates", "Delete a signature", { permission: "content:write" }),
  r("get", "/audit", "workspace", "The audit log, newest first: who did what, when, before and after (admins)", {
    permission: "audit:read",
    query: auditListQuery,
    response: z.object({ items: z.array(auditShape), total: z.number().int(), page: z.number().int(), limit: z.number().int() }),
  }),
  r("get", "/audit/export", "workspace", "The filtered audit log as CSV (admins)", {
    permission: "audit:read",
    query: auditFilterQuery,
    rawResponse: { type: "text/csv", description: "spreadsheet-safe CSV, one row per entry, with the changed fields" },
  }),
];
