/**
 * OAuth 2 connect flow (authorization code + PKCE S256) for adapters that export an `oauth` spec.
 *
 * start: a random state and code verifier are sealed with the account's name, config and optional
 * client secret (associated data = the state) into `oauth_states`, valid 10 minutes; the answer
 * is the platform's authorize URL. callback: the state is taken (deleted) for this user and
 * workspace, so it works once; the code is exchanged at the token URL and the account is created
 * with sealed credentials { access_token, refresh_token?, client_secret? } and token_expires_at.
 *
 * `config.authorize_url` / `config.token_url` override the spec's URLs (proxies, tests); relative
 * URLs are resolved against `config.api_base_url`, else the platform's default base URL.
 */
import crypto from "node:crypto";
import type { OAuthSpec } from "@/adapters/adapter";
import { AdapterError, PermanentError } from "@/adapters/errors";
import { platformMessage, send } from "@/adapters/http";
import { getDescriptor } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { deleteExpiredOAuthStates, insertOAuthState, takeOAuthState } from "@/db/queries/accounts";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { getConfig } from "../config";
import { openJson, sealJson } from "../crypto";
import { AppError, forbidden } from "../errors";
import type { OAuthCallbackQuery, OAuthStartInput } from "../validation/accounts";
import type { AccountDeps } from "./deps";
import { connectAccount, updateAndVerify } from "./connect";
import { requireAccountRow } from "./manage";
import { requireAdapter } from "./verify";
import { platformName, publicConfig } from "./view";

export const OAUTH_STATE_TTL_MS = 10 * 60_000;
/** Platforms whose token endpoint takes the client secret in the form; the rest get HTTP Basic (RFC 6749 §2.3.1). */
const SECRET_IN_FORM = new Set<string>(["linkedin", "threads", "facebook", "instagram"]);

/** What a state carries, sealed: never readable from the database alone. */
export interface PendingConnect {
  verifier: string;
  name: string;
  config: Record<string, unknown>;
  client_secret?: string;
  /** Reconnecting this account rather than adding one. */
  account_id?: string;
}

export const stateAad = (state: string) => `oauth_state:${state}`;
export const pkceChallenge = (verifier: string) => crypto.createHash("sha256").update(verifier).digest("base64url");
export const redirectUri = () => `${getConfig().nextauthUrl.replace(/\/+$/, "")}/api/v1/platform-accounts/oauth/callback`;

function oauthSpecFor(deps: AccountDeps, platform: string): OAuthSpec {
  const spec = requireAdapter(deps, platform).oauth;
  if (!spec)
    throw new AppError(
      "bad_request:validation",
      `platform: ${platformName(platform)} accounts are not connected through OAuth; add the account with its credentials instead`,
      [{ field: "platform", message: "does not use OAuth" }],
    );
  return spec;
}

/** An absolute endpoint: the config's override, else the spec's URL, resolved against the account's base URL. */
function endpoint(platform: PlatformId, config: Record<string, unknown>, key: "authorize_url" | "token_url", fromSpec: string): string {
  const override = config[key];
  const raw = typeof override === "string" && override ? override : fromSpec;
  const apiBase = typeof config.api_base_url === "string" && config.api_base_url ? config.api_base_url : getDescriptor(platform).defaultBaseUrl;
  try {
    if (/^https?:\/\//i.test(raw)) return new URL(raw).toString();
    if (!apiBase) throw new Error("no base");
    return new URL(apiBase.replace(/\/+$/, "") + (raw.startsWith("/") ? raw : `/${raw}`)).toString();
  } catch {
    throw new AppError(
      "bad_request:validation",
      `config.${key}: cannot build ${platformName(platform)}'s ${key === "token_url" ? "token" : "authorization"} address; check config.api_base_url`,
      [{ field: `config.${key}`, message: "is not a usable URL" }],
    );
  }
}

/**
 * The client id to use: the admin's, else one the platform registers for us (Mastodon servers);
 * platforms with a developer portal need the admin to bring theirs.
 */
async function withClient(deps: AccountDeps, v: OAuthStartInput, spec: OAuthSpec): Promise<OAuthStartInput> {
  if (typeof v.config.client_id === "string" && v.config.client_id.trim()) return v;
  if (!spec.registerClient) {
    throw new AppError("bad_request:validation", "config.client_id: is required: the OAuth client id of your app on the platform", [
      { field: "config.client_id", message: "is required" },
    ]);
  }
  const base = typeof v.config.api_base_url === "string" ? v.config.api_base_url.replace(/\/+$/, "") : "";
  try {
    const made = await spec.registerClient(
      { baseUrl: base, fetch: deps.fetch, timeoutMs: deps.publishTimeoutMs },
      { redirectUri: redirectUri(), scopes: spec.scopes, website: getConfig().nextauthUrl },
    );
    return { ...v, config: { ...v.config, client_id: made.clientId }, client_secret: made.clientSecret };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new AppError(
      "bad_request:oauth_registration",
      `Could not register this app on the ${platformName(v.platform)} server ${base}: ${why}. Check config.api_base_url, or create an app there and send its client_id.`,
    );
  }
}

export async function startOAuth(db: Db, actor: Actor, deps: AccountDeps, input: OAuthStartInput) {
  assertCan(actor.role, "accounts:manage");
  if (!actor.userId) throw forbidden("connecting an account needs a person: use a token of a current member");
  const spec = oauthSpecFor(deps, input.platform);
  if (input.account_id) {
    const existing = await requireAccountRow(db, actor, input.account_id);
    if (existing.platform !== input.platform) {
      throw new AppError(
        "bad_request:validation",
        `account_id: is a ${platformName(existing.platform)} account; reconnect it through ${platformName(existing.platform)}`,
        [{ field: "account_id", message: "is on another platform" }],
      );
    }
  }
  const v = await withClient(deps, input, spec);
  if (!spec.pkce && !v.client_secret) {
    throw new AppError("bad_request:validation", `client_secret: is required to connect ${platformName(v.platform)} (it does not use PKCE)`, [
      { field: "client_secret", message: "is required for this platform" },
    ]);
  }
  const state = crypto.randomBytes(24).toString("base64url");
  const verifier = crypto.randomBytes(48).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + OAUTH_STATE_TTL_MS);
  const url = new URL(endpoint(v.platform, v.config, "authorize_url", spec.authorizeUrl));
  const params: Record<string, string> = {
    response_type: "code",
    client_id: String(v.config.client_id).trim(),
    redirect_uri: redirectUri(),
    scope: spec.scopes.join(spec.scopeSeparator),
    state,
    ...(spec.pkce ? { code_challenge: pkceChallenge(verifier), code_challenge_method: "S256" } : {}),
    ...spec.extraParams,
  };
  for (const [k, val] of Object.entries(params)) url.searchParams.set(k, val);
  const pending: PendingConnect = {
    verifier,
    name: v.name,
    config: v.config,
    ...(v.client_secret ? { client_secret: v.client_secret } : {}),
    ...(v.account_id ? { account_id: v.account_id } : {}),
  };
  await db.transaction(async (tx) => {
    await deleteExpiredOAuthStates(tx, now);
    await insertOAuthState(tx, {
      state,
      workspaceId: actor.workspaceId,
      userId: actor.userId!,
      platform: v.platform,
      codeVerifierEncrypted: sealJson(deps.keyring, pending, stateAad(state)),
      redirectTo: "/settings/accounts",
      expiresAt,
    });
    await writeAudit(tx, actor, {
      action: "platform_account.oauth_start",
      entityType: "platform_account",
      after: { platform: v.platform, name: v.name, config: publicConfig(v.config), expires_at: expiresAt.toISOString() },
    });
  });
  return { authorizeUrl: url.toString(), state, expiresAt };
}

interface TokenAnswer {
  access_token?: unknown;
  refresh_token?: unknown;
  expires_in?: unknown;
}

function tokenFailure(name: string, err: unknown): AppError {
  if (!(err instanceof AdapterError)) return new AppError("unavailable:oauth_token", `could not finish connecting ${name}; try again`);
  const code = err.platformCode;
  if (err.kind === "permanent" || err.kind === "auth") {
    if (code === "invalid_grant")
      return new AppError(
        "bad_request:oauth_grant",
        `${name} refused the authorization code: it is invalid, expired or was already used (invalid_grant: ${err.message}). Start connecting the account again.`,
      );
    if (code === "invalid_client" || code === "unauthorized_client")
      return new AppError(
        "bad_request:oauth_client",
        `${name} did not accept the app's client id or secret (${code}: ${err.message}). Check client_id and client_secret, then connect again.`,
      );
    return new AppError(
      "bad_request:oauth_token",
      `${name} refused to finish connecting (${code ?? `HTTP ${err.httpStatus ?? "?"}`}: ${err.message}). Start connecting the account again.`,
    );
  }
  return new AppError("unavailable:oauth_token", `could not reach ${name} to finish connecting (${err.message}); try again in a moment`);
}

async function exchangeCode(deps: AccountDeps, platform: PlatformId, spec: OAuthSpec, pending: PendingConnect, code: string) {
  const name = platformName(platform);
  const form: Record<string, string> = {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri(),
    client_id: String(pending.config.client_id).trim(),
  };
  if (spec.pkce) form.code_verifier = pending.verifier;
  const headers: Record<string, string> = {};
  if (pending.client_secret && SECRET_IN_FORM.has(platform)) form.client_secret = pending.client_secret;
  else if (pending.client_secret)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(form.client_id!)}:${encodeURIComponent(pending.client_secret)}`).toString("base64")}`;
  let data: TokenAnswer | null;
  try {
    const res = await send<TokenAnswer | null>(
      { baseUrl: "", fetch: deps.fetch, timeoutMs: deps.publishTimeoutMs },
      { path: endpoint(platform, pending.config, "token_url", spec.tokenUrl), form, headers },
      (r) => {
        if (r.status < 400 || r.status >= 500 || r.status === 429) return null;
        const d = r.data as { error?: unknown } | null;
        return new PermanentError(platformMessage(r.data, r.text), { httpStatus: r.status, platformCode: typeof d?.error === "string" ? d.error : null });
      },
    );
    data = res.data;
  } catch (err) {
    throw tokenFailure(name, err);
  }
  if (!data || typeof data.access_token !== "string" || !data.access_token)
    throw new AppError("unavailable:oauth_token", `${name} answered without an access token; start connecting the account again`);
  const seconds = Number(data.expires_in);
  const credentials: Record<string, string> = { access_token: data.access_token };
  if (typeof data.refresh_token === "string" && data.refresh_token) credentials.refresh_token = data.refresh_token;
  if (pending.client_secret) credentials.client_secret = pending.client_secret;
  return { credentials, expiresAt: Number.isFinite(seconds) && seconds > 0 ? new Date(Date.now() + seconds * 1000) : null };
}

const refused = (message: string) => new AppError("bad_request:oauth_state", message);

export async function completeOAuth(db: Db, actor: Actor, deps: AccountDeps, q: OAuthCallbackQuery) {
  assertCan(actor.role, "accounts:manage");
  if (!actor.userId) throw forbidden("connecting an account needs a person: sign in");
  if (!q.state) throw refused("the platform's answer has no state; start connecting the account again");
  const row = await takeOAuthState(db, q.state, actor.workspaceId, actor.userId);
  if (!row) throw refused("this connection attempt is unknown, was already used, or was started by someone else; start connecting the account again");
  if (row.expiresAt.getTime() <= Date.now()) throw refused("this connection attempt expired (it lasts 10 minutes); start connecting the account again");
  const platform = row.platform as PlatformId;
  const name = platformName(platform);
  if (q.error)
    throw new AppError("bad_request:oauth_denied", `${name} did not grant access (${q.error_description ?? q.error}); the account was not connected`);
  if (!q.code) throw new AppError("bad_request:oauth_code", `${name} sent no authorization code; start connecting the account again`);
  let pending: PendingConnect;
  try {
    pending = openJson<PendingConnect>(deps.keyring, row.codeVerifierEncrypted, stateAad(row.state));
  } catch {
    throw refused("this connection attempt can no longer be read (was the encryption key changed?); start connecting the account again");
  }
  const spec = oauthSpecFor(deps, platform);
  const tokens = await exchangeCode(deps, platform, spec, pending, q.code);
  // Checked with the platform like every saved account: the status is its answer.
  if (pending.account_id) {
    // The expiry is written with the tokens, so the verify (which may renew them) and the audit see it.
    return updateAndVerify(db, actor, deps, pending.account_id, { config: pending.config, credentials: tokens.credentials }, tokens.expiresAt ?? null);
  }
  const { account } = await connectAccount(
    db,
    actor,
    deps,
    { platform, name: pending.name, config: pending.config, credentials: tokens.credentials, tokenExpiresAt: tokens.expiresAt },
    "platform_account.connect",
  );
  return account;
}
