import { z } from "zod";
import { auditFilterQuery, auditListQuery } from "@/lib/audit";
import {
  hashtagGroupCreateSchema,
  hashtagGroupPatchSchema,
  signatureCreateSchema,
  signaturePatchSchema,
  templateCreateSchema,
  templatePatchSchema,
} from "@/lib/templates/validation";
import { hashtagGroupShape, signatureShape, templateShape, templateVersionShape } from "@/lib/templates/shapes";
import { auditShape } from "@/lib/audit/shapes";
import * as R from "../shapes";
import { op } from "../define";

/** Templates, hashtag groups, signatures and the audit log. */
export const TEMPLATES_OPERATIONS = [
  op("get", "/templates", "templates", "The workspace's templates", { permission: "content:read", response: R.list(templateShape) }),
  op("post", "/templates", "templates", "Create a template (version 1)", {
    permission: "content:write",
    body: templateCreateSchema,
    status: 201,
    response: templateShape,
    idempotent: true,
  }),
  op("get", "/templates/{id}", "templates", "One template", { permission: "content:read", response: templateShape }),
  op("patch", "/templates/{id}", "templates", "Change a template; every change saves a new version (send version to refuse a stale edit)", {
    permission: "content:write",
    body: templatePatchSchema,
    response: templateShape,
  }),
  op("delete", "/templates/{id}", "templates", "Delete a template and its versions", { permission: "content:write" }),
  op("get", "/templates/{id}/versions", "templates", "A template's versions, newest first", {
    permission: "content:read",
    response: R.list(templateVersionShape),
  }),
  op("post", "/templates/{id}/versions/{n}/restore", "templates", "Restore version n (saved as a new version)", {
    permission: "content:write",
    response: templateShape,
  }),
  op("get", "/hashtag-groups", "templates", "Hashtag groups", { permission: "content:read", response: R.list(hashtagGroupShape) }),
  op("post", "/hashtag-groups", "templates", "Create a hashtag group", {
    permission: "content:write",
    body: hashtagGroupCreateSchema,
    status: 201,
    response: hashtagGroupShape,
    idempotent: true,
  }),
  op("get", "/hashtag-groups/{id}", "templates", "One hashtag group", { permission: "content:read", response: hashtagGroupShape }),
  op("patch", "/hashtag-groups/{id}", "templates", "Change a hashtag group", {
    permission: "content:write",
    body: hashtagGroupPatchSchema,
    response: hashtagGroupShape,
  }),
  op("delete", "/hashtag-groups/{id}", "templates", "Delete a hashtag group", { permission: "content:write" }),
  op("get", "/signatures", "templates", "Signatures", { permission: "content:read", response: R.list(signatureShape) }),
  op("post", "/signatures", "templates", "Create a signature", {
    permission: "content:write",
    body: signatureCreateSchema,
    status: 201,
    response: signatureShape,
    idempotent: true,
  }),
  op("get", "/signatures/{id}", "templates", "One signature", { permission: "content:read", response: signatureShape }),
  op("patch", "/signatures/{id}", "templates", "Change a signature", { permission: "content:write", body: signaturePatchSchema, response: signatureShape }),
  op("delete", "/signatures/{id}", "templates", "Delete a signature", { permission: "content:write" }),
  op("get", "/audit", "workspace", "The audit log, newest first: who did what, when, before and after (admins)", {
    permission: "audit:read",
    query: auditListQuery,
    response: z.object({ items: z.array(auditShape), total: z.number().int(), page: z.number().int(), limit: z.number().int() }),
  }),
  op("get", "/audit/export", "workspace", "The filtered audit log as CSV (admins)", {
    permission: "audit:read",
    query: auditFilterQuery,
    rawResponse: { type: "text/csv", description: "spreadsheet-safe CSV, one row per entry, with the changed fields" },
  }),
] as const;
