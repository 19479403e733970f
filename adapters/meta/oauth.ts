/**
 * Facebook Login, used by the Facebook Page and Instagram (Graph API with Facebook Login)
 * adapters: the authorization dialog at www.facebook.com/<version>/dialog/oauth (scopes
 * comma-separated, no PKCE in Meta's docs), the code exchanged at /<version>/oauth/access_token,
 * and a 60-day user token renewed with `grant_type=fb_exchange_token`, which needs the app's id
 * and secret (`config.client_id`, `credentials.client_secret`).
 */
import type { AdapterContext, OAuthSpec, RefreshedToken } from "../adapter";
import { AuthError } from "../errors";
import { credential, send } from "../http";
import { classifyGraph } from "./errors";
import { tokenResult, versionPrefix } from "./graph";

/** Graph API version for graph.facebook.com (versions live about two years); `config.graph_api_version` overrides. */
export const FACEBOOK_GRAPH_VERSION = "v24.0";

export function facebookOAuth(scopes: string[]): OAuthSpec {
  return {
    authorizeUrl: `https://www.facebook.com/${FACEBOOK_GRAPH_VERSION}/dialog/oauth`,
    tokenUrl: `/${FACEBOOK_GRAPH_VERSION}/oauth/access_token`,
    scopes,
    scopeSeparator: ",",
    pkce: false,
  };
}

/** Renews a long-lived user token (fb_exchange_token); refusals of any kind mean reconnecting. */
export async function exchangeLongLived(ctx: AdapterContext, platform: string): Promise<RefreshedToken> {
  const token = credential(ctx, "access_token", `${platform} access token`);
  // The connect flow keeps the app id in the account's config; older accounts had it with the secrets.
  const clientId = typeof ctx.config.client_id === "string" && ctx.config.client_id ? ctx.config.client_id : ctx.credentials.client_id;
  const secret = ctx.credentials.client_secret;
  if (!clientId || !secret) {
    throw new AuthError(`${platform} tokens can only be renewed with the app id and secret (client_id, client_secret), which this account lacks; reconnect it`);
  }
  const res = await send(
    ctx,
    {
      method: "GET",
      path: `${versionPrefix(ctx, FACEBOOK_GRAPH_VERSION)}/oauth/access_token`,
      query: { grant_type: "fb_exchange_token", client_id: clientId, client_secret: secret, fb_exchange_token: token },
    },
    (r, write) => {
      const err = classifyGraph(platform, "renew the access token", r, write);
      // "Error validating client secret" comes as OAuthException code 1: not a passing fault here.
      if (err && r.status < 500 && (err.kind === "permanent" || err.kind === "retryable")) {
        return new AuthError(`${platform} refused to renew the access token: ${err.message}`, {
          httpStatus: err.httpStatus,
          responseExcerpt: err.responseExcerpt,
          platformCode: err.platformCode,
        });
      }
      return err;
    },
  );
  return tokenResult(ctx, platform, res.data);
}
