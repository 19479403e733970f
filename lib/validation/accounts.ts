import { z } from "zod";
import { ACCOUNT_STATUSES } from "@/db/schema/values";
import { getDescriptor } from "@/adapters/registry";
import { PLATFORMS, type PlatformId } from "@/adapters/types";

/** Request shapes of /api/v1/platform-accounts (snake_case, as the API speaks). */

export const CONFIG_MAX_BYTES = 16 * 1024;
const CREDENTIALS_MAX_BYTES = 16 * 1024;

/** Keys that name secrets: they belong in `credentials` (encrypted), never in `config` (shown to members). */
export const SECRET_KEYS = new Set(["client_secret", "access_token", "refresh_token", "password", "app_password", "api_key", "secret", "token"]);

export interface FieldProblem {
  field: string;
  message: string;
}

/** Platforms whose API address is the user's own (instance, site, PDS, receiver URL). */
export function needsBaseUrl(platform: PlatformId): boolean {
  return platform !== "sandbox" && getDescriptor(platform).defaultBaseUrl === null;
}

function baseUrlProblem(value: unknown): string | null {
  if (typeof value !== "string") return "must be a URL such as https://mastodon.social";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "must be a URL such as https://mastodon.social";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "must start with http:// or https://";
  if (url.username || url.password) return "must not contain a user name or password (put secrets in credentials)";
  return null;
}

/** Problems with an account's whole config for this platform (create, and the merged result of a PATCH). */
export function configProblems(platform: PlatformId, config: Record<string, unknown>): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (Buffer.byteLength(JSON.stringify(config), "utf8") > CONFIG_MAX_BYTES) out.push({ field: "config", message: "must be at most 16 KB" });
  for (const key of Object.keys(config)) {
    if (SECRET_KEYS.has(key.toLowerCase())) out.push({ field: `config.${key}`, message: "is a secret: send it in credentials, which are stored encrypted" });
  }
  const base = config.api_base_url;
  if (base === undefined || base === null || base === "") {
    if (needsBaseUrl(platform))
      out.push({
        field: "config.api_base_url",
        message: `is required for ${getDescriptor(platform).name} accounts (the address of your instance, site or receiver)`,
      });
  } else {
    const problem = baseUrlProblem(base);
    if (problem) out.push({ field: "config.api_base_url", message: problem });
  }
  return out;
}

/** Platforms whose refresh token is renewed with the app's client id (X tokens last about two hours). */
const REFRESH_NEEDS_CLIENT = new Set<PlatformId>(["x", "linkedin"]);

/** A refresh token without the client id would stop working at the first renewal: refuse it up front. */
export function refreshProblems(platform: PlatformId, credentials: Record<string, string>, config: Record<string, unknown>): FieldProblem[] {
  if (!REFRESH_NEEDS_CLIENT.has(platform) || !credentials.refresh_token?.trim()) return [];
  const id = config.client_id;
  if (typeof id === "string" && id.trim()) return [];
  const name = getDescriptor(platform).name;
  return [
    {
      field: "config.client_id",
      message: `is required with a refresh token: ${name} renews the access token (${platform === "x" ? "X tokens expire after about two hours" : "LinkedIn tokens expire"}) with your app's OAuth 2.0 client id`,
    },
  ];
}

const platform = z.enum(PLATFORMS, { message: `must be one of: ${PLATFORMS.join(", ")}` });
const name = z.string({ message: "must be text" }).trim().min(1, "must not be empty").max(100, "can be at most 100 characters");
const configObject = z.record(z.string().max(100), z.unknown(), { message: "must be an object of settings" });

export const credentialsSchema = z
  .record(z.string().min(1).max(100), z.string({ message: "credential values must be text" }).max(8000), { message: "must be an object of text values" })
  .refine((c) => Buffer.byteLength(JSON.stringify(c), "utf8") <= CREDENTIALS_MAX_BYTES, { message: "must be at most 16 KB" });

export const rateLimitSchema = z
  .object(
    {
      capacity: z.number({ message: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(100_000, "can be at most 100000"),
      per_seconds: z
        .number({ message: "must be a number" })
        .int("must be a whole number")
        .min(1, "must be at least 1")
        .max(30 * 86_400, "can be at most 2592000 (30 days)"),
    },
    { message: "must be { capacity, per_seconds } or null" },
  )
  .strict();

function addProblems(ctx: z.RefinementCtx, problems: FieldProblem[]) {
  for (const p of problems) ctx.addIssue({ code: "custom", path: p.field.split("."), message: p.message });
}

export const accountCreateSchema = z
  .object({
    platform,
    name,
    config: configObject.default({}),
    credentials: credentialsSchema.default({}),
    rate_limit: rateLimitSchema.nullish(),
  })
  .strict()
  .superRefine((v, ctx) => addProblems(ctx, [...configProblems(v.platform, v.config), ...refreshProblems(v.platform, v.credentials, v.config)]));
export type AccountCreateInput = z.infer<typeof accountCreateSchema>;

export const accountPatchSchema = z
  .object({
    name,
    /** Merged into the stored config: keys given replace, keys set to null are removed. */
    config: configObject,
    /** Replaces every stored credential. */
    credentials: credentialsSchema,
    rate_limit: rateLimitSchema.nullable(),
    status: z.enum(["active", "disabled"], { message: "must be active or disabled" }),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });
export type AccountPatchInput = z.infer<typeof accountPatchSchema>;

export const oauthStartSchema = z
  .object({
    platform,
    name,
    config: configObject,
    /** Confidential clients only; kept encrypted with the state, then with the account's credentials. */
    client_secret: z.string().trim().min(1).max(1000).optional(),
    /** Reconnect this existing account (same platform) instead of adding a new one. */
    account_id: z.uuid({ message: "must be an account id" }).optional(),
  })
  .strict()
  .superRefine((v, ctx) => addProblems(ctx, configProblems(v.platform, v.config)));
export type OAuthStartInput = z.infer<typeof oauthStartSchema>;

/** What the platform sends the browser back with; providers add their own extras (iss …). */
export const oauthCallbackQuery = z.object({
  code: z.string().max(4000).optional(),
  state: z.string().max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1000).optional(),
});
export type OAuthCallbackQuery = z.infer<typeof oauthCallbackQuery>;

/** Answer shapes, for the OpenAPI document. */
const ts = z.string().describe("ISO 8601 date-time");
export const accountResponse = z.object({
  id: z.uuid(),
  platform: z.string(),
  name: z.string(),
  status: z.enum(ACCOUNT_STATUSES),
  status_reason: z.string().nullable(),
  external_id: z.string().nullable(),
  config: z.record(z.string(), z.unknown()).describe("non-secret settings"),
  rate_limit: z.object({ capacity: z.number().int(), per_seconds: z.number().int() }).nullable(),
  has_credentials: z.boolean(),
  credential_keys: z.array(z.string()).describe("names only; values are never returned"),
  last_verified_at: ts.nullable(),
  token_expires_at: ts.nullable(),
  created_at: ts.nullable(),
  updated_at: ts.nullable(),
});
export const oauthStartResponse = z.object({ authorize_url: z.string(), state: z.string(), expires_at: ts });
