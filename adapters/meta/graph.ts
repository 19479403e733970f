/**
 * A thin Graph API client shared by the Facebook, Instagram and Threads adapters: versioned paths
 * relative to the account's base URL, the access token as the documented `access_token`
 * parameter (query string on reads, form field on writes — every Meta example does this), and
 * Graph error bodies mapped by `classifyGraph`.
 */
import type { AdapterContext, PublishMedia, RefreshedToken } from "../adapter";
import { AuthError, PermanentError, isAdapterError } from "../errors";
import { credential, send, type HttpRequest, type HttpResponse } from "../http";
import { classifyGraph } from "./errors";
import { multipartBody, type MultipartField } from "./multipart";

export type Query = NonNullable<HttpRequest["query"]>;
export type Json = Record<string, unknown>;

export interface Graph {
  readonly platform: string;
  readonly ctx: AdapterContext;
  /** `/v24.0` style prefix, or "" when the base URL already ends in a version. */
  readonly prefix: string;
  get<T = Json>(path: string, query: Query, action: string): Promise<T>;
  post<T = Json>(path: string, form: Query, action: string): Promise<HttpResponse<T>>;
  /** multipart/form-data upload (Facebook photos from bytes when there is no public URL). */
  upload<T = Json>(path: string, fields: MultipartField[], action: string): Promise<HttpResponse<T>>;
}

/** The Graph version: `config.graph_api_version` (e.g. "v24.0") or the adapter's default. */
export function versionPrefix(ctx: Pick<AdapterContext, "baseUrl" | "config">, defaultVersion: string): string {
  if (/\/v\d+(\.\d+)?$/.test(ctx.baseUrl.replace(/\/+$/, ""))) return "";
  const v = ctx.config.graph_api_version;
  return `/${typeof v === "string" && /^v\d+\.\d+$/.test(v) ? v : defaultVersion}`;
}

export function graph(ctx: AdapterContext, platform: string, defaultVersion: string): Graph {
  const prefix = versionPrefix(ctx, defaultVersion);
  const token = () => credential(ctx, "access_token", `${platform} access token`);
  const classify = (action: string) => (res: HttpResponse, write: boolean) => classifyGraph(platform, action, res, write);
  const full = (path: string) => `${prefix}${path}`;
  return {
    platform,
    ctx,
    prefix,
    async get<T>(path: string, query: Query, action: string) {
      const res = await send<T>(ctx, { method: "GET", path: full(path), query: { ...query, access_token: token() } }, classify(action));
      return res.data;
    },
    post<T>(path: string, form: Query, action: string) {
      return send<T>(ctx, { method: "POST", path: full(path), form: { ...form, access_token: token() } }, classify(action));
    },
    upload<T>(path: string, fields: MultipartField[], action: string) {
      const { body, contentType } = multipartBody([...fields, { name: "access_token", value: token() }]);
      return send<T>(ctx, { method: "POST", path: full(path), body, headers: { "content-type": contentType } }, classify(action));
    },
  };
}

/** A string id from a Graph answer (`{ id }`), or PermanentError naming what was missing. */
export function idOf(data: unknown, key = "id", platform = "The platform"): string {
  const v = (data as Json | null)?.[key];
  if (typeof v === "string" && v) return v;
  if (typeof v === "number") return String(v);
  throw new PermanentError(`${platform} answered without ${key === "id" ? "an id" : key}; the response was not understood`);
}

export function str(v: unknown): string | null {
  return typeof v === "string" && v ? v : null;
}

/** A non-negative number setting from `ctx.config` (strings allowed: forms store text). */
export function numberSetting(ctx: Pick<AdapterContext, "config">, key: string, fallback: number): number {
  const raw = ctx.config[key];
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() ? Number(raw) : NaN;
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** Public URLs of every attachment, or PermanentError: Threads and Instagram fetch media themselves. */
export function publicUrls(platform: string, media: PublishMedia[]): string[] {
  return media.map((m, i) => {
    if (m.url && /^https?:\/\//.test(m.url)) return m.url;
    throw new PermanentError(
      `${platform} downloads media from a public URL, and media ${i + 1} has none: set the app's public URL (or a public media storage) so ${platform} can fetch it`,
    );
  });
}

/** `data` of a Graph list answer. */
export function listOf(data: unknown): Json[] {
  const d = (data as { data?: unknown } | null)?.data;
  return Array.isArray(d) ? d.filter((x): x is Json => !!x && typeof x === "object") : [];
}

/** Reads that only decorate a result (permalinks): a failure must not undo a publish. */
export async function bestEffort<T>(fn: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isAdapterError(err)) return fallback;
    throw err;
  }
}

/** `{ access_token, expires_in }` → credentials merged into the account's, saved, and returned. */
export async function tokenResult(ctx: AdapterContext, platform: string, data: unknown): Promise<RefreshedToken> {
  const d = (data ?? {}) as Json;
  const token = str(d.access_token);
  if (!token) throw new AuthError(`${platform} did not return a new access token; reconnect the account`);
  const expiresIn = typeof d.expires_in === "number" ? d.expires_in : Number(d.expires_in);
  const expiresAt = Number.isFinite(expiresIn) && expiresIn > 0 ? new Date(Date.now() + expiresIn * 1000) : null;
  const credentials = { ...ctx.credentials, access_token: token };
  await ctx.saveCredentials?.(credentials, expiresAt);
  return { credentials, expiresAt };
}
