import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { call, send } from "@/scripts/test/http";
import { oauthStates, platformAccounts } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { openJson } from "@/lib/crypto";
import { appKeyring } from "@/lib/crypto/keyring";
import { pkceChallenge, stateAad, type PendingConnect } from "@/lib/accounts/oauth";
import * as one from "./platform-accounts/[id]/route";
import * as start from "./platform-accounts/oauth/start/route";
import * as callback from "./platform-accounts/oauth/callback/route";

import { platformAccountsSetup } from "@/scripts/test/platform-accounts";

const { s: fx, ref, hook, auth, codes, accountCount, auditText } = platformAccountsSetup();

/** The callback answers with a redirect: call it the way a browser comes back, with the session cookie. */
async function back(query: Record<string, string>, headers: Record<string, string> = { cookie: fx.cookie }) {
  const url = new URL("/api/v1/platform-accounts/oauth/callback", "http://localhost:3000");
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await send(callback.GET, new NextRequest(url, { headers }), { params: Promise.resolve({}) });
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get("location")!);
  expect(location.pathname).toBe("/settings/accounts");
  return { connected: location.searchParams.get("connected"), error: location.searchParams.get("error") };
}
async function begin(over: Record<string, unknown> = {}) {
  const r = await call(start.POST, {
    method: "POST",
    token: fx.A.tokens.admin,
    body: { platform: "x", name: "Brand on X", config: { client_id: "app-client", api_base_url: auth.url }, client_secret: "app-secret", ...over },
  });
  expect(r.status).toBe(200);
  return { state: r.json!.state as string, url: new URL(r.json!.authorize_url as string), text: r.text };
}
/** What the platform does when the person clicks "Authorize": remember the challenge, hand out a code. */
function approve(url: URL) {
  const code = `code-${crypto.randomBytes(6).toString("hex")}`;
  codes.set(code, {
    challenge: url.searchParams.get("code_challenge")!,
    redirectUri: url.searchParams.get("redirect_uri")!,
    clientId: url.searchParams.get("client_id")!,
  });
  return code;
}

describe("OAuth 2 connect", () => {
  it("start builds the authorize URL with an S256 challenge of the stored verifier", async () => {
    const { state, url, text } = await begin();
    expect(url.origin + url.pathname).toBe("https://auth.example.test/authorize");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "app-client",
      state,
      scope: "post.write offline.access",
      code_challenge_method: "S256",
      redirect_uri: `${getConfig().nextauthUrl}/api/v1/platform-accounts/oauth/callback`,
    });
    const [row] = await ref.current.db.select().from(oauthStates).where(eq(oauthStates.state, state));
    expect(row).toMatchObject({ platform: "x", userId: fx.A.actors.admin.userId, workspaceId: fx.A.workspace.id });
    expect(Math.abs(row!.expiresAt.getTime() - Date.now() - 600_000)).toBeLessThan(60_000);
    const pending = openJson<PendingConnect>(appKeyring(), row!.codeVerifierEncrypted, stateAad(state));
    expect(url.searchParams.get("code_challenge")).toBe(pkceChallenge(pending.verifier));
    expect(row!.codeVerifierEncrypted).not.toContain(pending.verifier);
    expect(text + url.toString() + (await auditText())).not.toContain("app-secret");
  });

  it("start refuses non-OAuth platforms, a missing client_id, and a missing secret where PKCE is not used", async () => {
    expect(
      (
        await call(start.POST, {
          method: "POST",
          token: fx.A.tokens.admin,
          body: { platform: "webhook", name: "W", config: { client_id: "c", api_base_url: hook.hookUrl() } },
        })
      ).json!.error.message,
    ).toMatch(/not connected through OAuth/);
    expect((await call(start.POST, { method: "POST", token: fx.A.tokens.admin, body: { platform: "x", name: "X", config: {} } })).json!.error.message).toMatch(
      /config\.client_id/,
    );
    const li = await call(start.POST, { method: "POST", token: fx.A.tokens.admin, body: { platform: "linkedin", name: "L", config: { client_id: "c" } } });
    expect(li.status).toBe(400);
    expect(li.json!.error.message).toMatch(/client_secret: is required/);
  });

  it("Mastodon without a client id: the app is registered on that server first", async () => {
    const { createMastodonFake } = await import("@/adapters/fakes/mastodon");
    const { closedPort } = await import("@/adapters/fakes/context");
    const masto = createMastodonFake({ token: "t" });
    await masto.start();
    try {
      const r = await call(start.POST, {
        method: "POST",
        token: fx.A.tokens.admin,
        body: { platform: "mastodon", name: "Toots", config: { api_base_url: masto.url } },
      });
      expect(r.status).toBe(200);
      const url = new URL(r.json!.authorize_url);
      expect(url.origin + url.pathname).toBe(`${masto.url}/oauth/authorize`);
      expect(masto.apps).toHaveLength(1);
      expect(url.searchParams.get("client_id")).toBe(masto.apps[0]!.client_id);
      expect(masto.apps[0]!.redirect_uri).toBe(`${getConfig().nextauthUrl}/api/v1/platform-accounts/oauth/callback`);
      const [row] = await ref.current.db.select().from(oauthStates).where(eq(oauthStates.state, r.json!.state));
      const pending = openJson<PendingConnect>(appKeyring(), row!.codeVerifierEncrypted, stateAad(r.json!.state));
      expect(pending.client_secret).toBe(masto.apps[0]!.client_secret);
      expect(r.text).not.toContain(masto.apps[0]!.client_secret);
      const down = await call(start.POST, {
        method: "POST",
        token: fx.A.tokens.admin,
        body: { platform: "mastodon", name: "Down", config: { api_base_url: `http://127.0.0.1:${await closedPort()}` } },
      });
      expect(down.status).toBe(400);
      expect(down.json!.error.message).toMatch(/Could not register this app on the Mastodon server/);
    } finally {
      await masto.close();
    }
  });

  it("a good callback exchanges the code and creates the account with sealed tokens", async () => {
    const before = await accountCount();
    const { state, url } = await begin();
    const { connected, error } = await back({ code: approve(url), state });
    expect(error).toBeNull();
    expect(await accountCount()).toBe(before + 1);
    const [row] = await ref.current.db.select().from(platformAccounts).where(eq(platformAccounts.id, connected!));
    expect(row).toMatchObject({
      platform: "x",
      name: "Brand on X",
      config: { client_id: "app-client", api_base_url: auth.url },
      createdBy: fx.A.actors.admin.userId,
    });
    const creds = openJson<Record<string, string>>(appKeyring(), row!.credentialsEncrypted!, row!.id);
    expect(creds).toEqual({ access_token: expect.stringMatching(/^at-code-/), refresh_token: expect.stringMatching(/^rt-code-/), client_secret: "app-secret" });
    expect(row!.credentialsEncrypted).not.toContain(creds.access_token);
    expect(Math.abs(row!.tokenExpiresAt!.getTime() - Date.now() - 7_200_000)).toBeLessThan(60_000);
    const shown = await call(one.GET, { token: fx.A.tokens.viewer, params: { id: connected! } });
    expect(shown.json).toMatchObject({ credential_keys: ["access_token", "client_secret", "refresh_token"], has_credentials: true });
    for (const t of [shown.text, await auditText()]) for (const v of Object.values(creds)) expect(t).not.toContain(v);
    expect(await ref.current.db.select().from(oauthStates).where(eq(oauthStates.state, state))).toHaveLength(0);
  });

  it("refuses a reused, unknown, expired or foreign state, a denied grant, and a code the platform rejects", async () => {
    const before = await accountCount();
    const used = await begin();
    expect((await back({ code: approve(used.url), state: used.state })).connected).not.toBeNull();
    expect((await back({ code: approve(used.url), state: used.state })).error).toMatch(/already used/);
    expect((await back({ code: "c", state: "no-such-state" })).error).toMatch(/unknown/);

    const old = await begin();
    await ref.current.db
      .update(oauthStates)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(oauthStates.state, old.state));
    expect((await back({ code: approve(old.url), state: old.state })).error).toMatch(/expired/);

    const mine = await begin();
    const code = approve(mine.url);
    expect((await back({ code, state: mine.state }, { authorization: `Bearer ${fx.B.tokens.admin}` })).error).toMatch(/started by someone else/);
    expect((await back({ code, state: mine.state }, { cookie: fx.otherAdminCookie })).error).toMatch(/started by someone else/);
    expect((await back({ code, state: mine.state }, { authorization: `Bearer ${fx.A.tokens.editor}` })).error).toMatch(/may not do this/);
    expect((await back({ code: "c", state: mine.state }, {})).error).toMatch(/sign in/);

    const denied = await begin();
    expect((await back({ error: "access_denied", error_description: "The user denied the request", state: denied.state })).error).toMatch(
      /X did not grant access \(The user denied the request\)/,
    );
    const rejected = await begin();
    expect((await back({ code: "never-issued", state: rejected.state })).error).toMatch(/invalid, expired or was already used \(invalid_grant/);
    expect(await accountCount()).toBe(before + 1);
    // The state refused to another person is still the starter's to use.
    expect((await back({ code, state: mine.state })).connected).not.toBeNull();
  });
});
