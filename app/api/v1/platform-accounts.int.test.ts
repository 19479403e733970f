import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { auditLog, oauthStates, platformAccounts, schedules } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { insertUser } from "@/db/queries/users";
import { insertMembership } from "@/db/queries/workspaces";
import { createContent } from "@/lib/content";
import { getConfig } from "@/lib/config";
import { openJson } from "@/lib/crypto";
import { appKeyring } from "@/lib/crypto/keyring";
import { setAccountDepsForTests } from "@/lib/accounts/deps";
import { pkceChallenge, stateAad, type PendingConnect } from "@/lib/accounts/oauth";
import type { PlatformAdapter } from "@/adapters/adapter";
import { getDescriptor } from "@/adapters/registry";
import { adapter as webhook } from "@/adapters/webhook";
import { createWebhookFake } from "@/adapters/fakes/webhook";
import { FakePlatform, faults } from "@/adapters/fakes/server";
import { closedPort } from "@/adapters/fakes/context";
import * as list from "./platform-accounts/route";
import * as one from "./platform-accounts/[id]/route";
import * as verify from "./platform-accounts/[id]/verify/route";
import * as start from "./platform-accounts/oauth/start/route";
import * as callback from "./platform-accounts/oauth/callback/route";

const ref = withTestDatabase();
const SECRET = `whsec-${crypto.randomBytes(8).toString("hex")}`;
const hook = createWebhookFake({ secret: SECRET });
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let cookie: string;
let otherAdminCookie: string;

// A loopback authorization server: "authorize" registers a code for a challenge; the token
// endpoint checks the verifier against it, the redirect URI, the client id and HTTP Basic.
const auth = new FakePlatform("oauth");
const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
auth.route("POST", "/oauth2/token", (req) => {
  const b = (req.body ?? {}) as Record<string, string>;
  const grant = codes.get(b.code ?? "");
  codes.delete(b.code ?? "");
  const bad = (description: string) => ({ status: 400, json: { error: "invalid_grant", error_description: description } });
  if (b.grant_type !== "authorization_code" || !grant) return bad("The authorization code is invalid or expired.");
  if (b.redirect_uri !== grant.redirectUri || b.client_id !== grant.clientId) return bad("redirect_uri or client_id does not match");
  if (!b.code_verifier || pkceChallenge(b.code_verifier) !== grant.challenge) return bad("code_verifier does not match the challenge");
  if (req.headers.authorization !== basic(grant.clientId, "app-secret")) return { status: 401, json: { error: "invalid_client" } };
  return { status: 200, json: { token_type: "bearer", access_token: `at-${b.code}`, refresh_token: `rt-${b.code}`, expires_in: 7200 } };
});
const oauthAdapter = (id: "x" | "linkedin", pkce: boolean): PlatformAdapter => ({
  ...webhook,
  id,
  descriptor: getDescriptor(id),
  oauth: {
    authorizeUrl: "https://auth.example.test/authorize",
    tokenUrl: "/oauth2/token",
    scopes: ["post.write", "offline.access"],
    scopeSeparator: " ",
    pkce,
  },
});

beforeAll(async () => {
  await Promise.all([hook.start(), auth.start()]);
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
  const session = async (uid: string) => `next-auth.session-token=${await encode({ token: { uid, sub: uid }, secret: getConfig().nextauthSecret })}`;
  cookie = await session(A.actors.admin.userId);
  const other = await insertUser(ref.current.db, { email: `admin2-${A.workspace.id}@example.test`, name: "Second admin", passwordHash: "x" });
  await insertMembership(ref.current.db, { workspaceId: A.workspace.id, userId: other.id, role: "admin" });
  otherAdminCookie = await session(other.id);
  setAccountDepsForTests((d) => ({
    adapters: (p) => (p === "x" ? oauthAdapter("x", true) : p === "linkedin" ? oauthAdapter("linkedin", false) : d.adapters(p)),
  }));
});
afterAll(async () => {
  setAccountDepsForTests(null);
  await Promise.all([hook.close(), auth.close()]);
});

const webhookBody = (over: Record<string, unknown> = {}) => ({
  platform: "webhook",
  name: "Site hook",
  config: { api_base_url: hook.hookUrl() },
  credentials: { secret: SECRET },
  ...over,
});
async function makeHook() {
  const r = await call(list.POST, { method: "POST", token: A.tokens.admin, body: webhookBody({ credentials: { secret: SECRET, extra: "x" } }) });
  expect(r.status).toBe(201);
  return r.json!.id as string;
}
const accountCount = async () => (await ref.current.db.select().from(platformAccounts).where(eq(platformAccounts.workspaceId, A.workspace.id))).length;
const auditText = async () => JSON.stringify(await ref.current.db.select().from(auditLog).where(eq(auditLog.workspaceId, A.workspace.id)));
const verifyAs = (id: string) => call(verify.POST, { method: "POST", token: A.tokens.admin, params: { id } });

describe("platform accounts", () => {
  it("admins create, read, change and delete; editors and viewers may only read", async () => {
    const made = await call(list.POST, { method: "POST", token: A.tokens.admin, body: webhookBody({ rate_limit: { capacity: 10, per_seconds: 60 } }) });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      platform: "webhook",
      name: "Site hook",
      status: "active",
      has_credentials: true,
      credential_keys: ["secret"],
      rate_limit: { capacity: 10, per_seconds: 60 },
      config: { api_base_url: hook.hookUrl() },
    });
    const id = made.json!.id as string;
    const before = await accountCount();
    for (const token of [A.tokens.editor, A.tokens.viewer]) {
      for (const run of [
        () => call(list.POST, { method: "POST", token, body: webhookBody() }),
        () => call(one.PATCH, { method: "PATCH", token, params: { id }, body: { name: "Mine" } }),
        () => call(one.DELETE, { method: "DELETE", token, params: { id } }),
        () => call(verify.POST, { method: "POST", token, params: { id } }),
        () => call(start.POST, { method: "POST", token, body: { platform: "x", name: "X", config: { client_id: "c" } } }),
      ])
        expect((await run()).status).toBe(403);
    }
    expect(await accountCount()).toBe(before);
    expect((await call(list.GET, { token: A.tokens.viewer })).json!.items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id } })).json!.name).toBe("Site hook");
    expect((await call(one.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(one.PATCH, { method: "PATCH", token: B.tokens.admin, params: { id }, body: { name: "B" } })).status).toBe(404);

    const patched = await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id },
      body: { name: "Renamed", config: { team: "news" }, rate_limit: null, status: "disabled" },
    });
    expect(patched.json).toMatchObject({ name: "Renamed", config: { api_base_url: hook.hookUrl(), team: "news" }, rate_limit: null, status: "disabled" });
    const merged = await call(one.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { config: { team: null }, status: "active" } });
    expect(merged.json!.config).toEqual({ api_base_url: hook.hookUrl() });
    expect(merged.json!.status).toBe("active");
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id } })).status).toBe(204);
    expect((await call(one.GET, { token: A.tokens.admin, params: { id } })).status).toBe(404);
  });

  it("refuses bad input with a 400 naming the field, and changes nothing", async () => {
    const id = await makeHook();
    const before = await accountCount();
    const cases: [Record<string, unknown>, RegExp][] = [
      [webhookBody({ platform: "myspace" }), /platform: must be one of: .*mastodon.*webhook/],
      [{ platform: "mastodon", name: "Toots", credentials: { access_token: "t" } }, /config\.api_base_url: is required for Mastodon/],
      [webhookBody({ config: { api_base_url: "not a url" } }), /config\.api_base_url: must be a URL/],
      [webhookBody({ config: { api_base_url: "ftp://files.example.com" } }), /config\.api_base_url: must start with http/],
      [webhookBody({ rate_limit: { capacity: 0, per_seconds: 60 } }), /rate_limit\.capacity: must be at least 1/],
      [webhookBody({ rate_limit: "fast" }), /rate_limit/],
      [webhookBody({ credentials: { secret: 42 } }), /credentials\.secret/],
      [webhookBody({ config: { api_base_url: hook.hookUrl(), client_secret: "s" } }), /config\.client_secret: is a secret/],
      [webhookBody({ config: { api_base_url: hook.hookUrl(), blob: "x".repeat(17_000) } }), /config: must be at most 16 KB/],
    ];
    for (const [body, message] of cases) {
      const r = await call(list.POST, { method: "POST", token: A.tokens.admin, body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json!.error.message).toMatch(message);
    }
    for (const [body, message] of [
      [{ config: { api_base_url: null } }, /config\.api_base_url: is required for Webhook/],
      [{ rate_limit: { capacity: 5, per_seconds: -1 } }, /rate_limit\.per_seconds/],
      [{ status: "needs_reconnect" }, /status: must be active or disabled/],
    ] as const) {
      const r = await call(one.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body });
      expect(r.status).toBe(400);
      expect(r.json!.error.message).toMatch(message);
    }
    expect(await accountCount()).toBe(before);
    expect((await call(one.GET, { token: A.tokens.admin, params: { id } })).json).toMatchObject({
      config: { api_base_url: hook.hookUrl() },
      status: "active",
      rate_limit: null,
    });
  });

  it("verifies through the adapter: active, needs_reconnect, error with a readable reason", async () => {
    const id = await makeHook();
    const ok = await verifyAs(id);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: "active", status_reason: null });
    expect(Date.parse(ok.json!.last_verified_at)).toBeGreaterThan(Date.now() - 60_000);

    hook.inject(faults.serverError(500));
    const failed = await verifyAs(id);
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({ status: "error", last_verified_at: ok.json!.last_verified_at });
    expect(failed.json!.status_reason).toMatch(/HTTP 500.*try checking again later/);

    await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id },
      body: { config: { api_base_url: `http://127.0.0.1:${await closedPort()}/hook` } },
    });
    const refused = await verifyAs(id);
    expect(refused.json).toMatchObject({ status: "error" });
    expect(refused.json!.status_reason).toMatch(/could not reach the platform \(ECONNREFUSED\)/);

    await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id },
      body: { config: { api_base_url: hook.hookUrl() }, credentials: { secret: "wrong" } },
    });
    const wrong = await verifyAs(id);
    expect(wrong.json).toMatchObject({ status: "needs_reconnect", credential_keys: ["secret"] });
    expect(wrong.json!.status_reason).toMatch(/refused the credentials/);
    // The admins hear of it once (notifications and webhooks read this event), not on every check.
    await verifyAs(id);
    const reconnects = rowsOf<{ n: number }>(
      await ref.current.db.execute(
        sql`select count(*)::int as n from publishing_events where type = 'account_needs_reconnect' and data->>'platform_account_id' = ${id}`,
      ),
    );
    expect(reconnects[0]!.n).toBe(1);

    const replaced = await call(one.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { credentials: { secret: SECRET } } });
    expect(replaced.json!.credential_keys).toEqual(["secret"]);
    expect((await verifyAs(id)).json).toMatchObject({ status: "active", status_reason: null });
  });

  it("never returns or audits credentials, and stores them encrypted", async () => {
    const made = await call(list.POST, { method: "POST", token: A.tokens.admin, body: webhookBody() });
    const id = made.json!.id as string;
    const texts = [
      made.text,
      (await call(list.GET, { token: A.tokens.viewer })).text,
      (await call(one.GET, { token: A.tokens.admin, params: { id } })).text,
      (await call(one.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { credentials: { secret: SECRET, token: "tok-PLAIN-VALUE" } } }))
        .text,
      (await verifyAs(id)).text,
    ];
    for (const t of [...texts, await auditText()]) {
      expect(t).not.toContain(SECRET);
      expect(t).not.toContain("tok-PLAIN-VALUE");
    }
    const [row] = await ref.current.db.select().from(platformAccounts).where(eq(platformAccounts.id, id));
    expect(row!.credentialsEncrypted).not.toContain(SECRET);
    expect(openJson(appKeyring(), row!.credentialsEncrypted!, id)).toEqual({ secret: SECRET, token: "tok-PLAIN-VALUE" });
    expect(await auditText()).toContain('"credentials_replaced":true');
  });

  it("refuses to delete while a post is publishing; otherwise deletes the schedules too and audits it", async () => {
    const id = await makeHook();
    const item = await createContent(ref.current.db, A.actors.editor, { title: "Hello", content: "Hello", content_type: "post" });
    const when = new Date(Date.now() + 3_600_000);
    const [s] = await ref.current.db
      .insert(schedules)
      .values({
        workspaceId: A.workspace.id,
        contentItemId: item.id,
        platformAccountId: id,
        platformId: "webhook",
        scheduledTime: when,
        originalTime: when,
        localTime: "2030-01-01T09:00",
        publishStatus: "publishing",
      })
      .returning();
    const refused = await call(one.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id } });
    expect(refused.status).toBe(409);
    expect(refused.json!.error.message).toMatch(/is publishing a post right now/);
    expect((await call(one.GET, { token: A.tokens.admin, params: { id } })).status).toBe(200);
    await ref.current.db.update(schedules).set({ publishStatus: "pending" }).where(eq(schedules.id, s!.id));
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id } })).status).toBe(204);
    expect(await ref.current.db.select().from(schedules).where(eq(schedules.id, s!.id))).toHaveLength(0);
    const [audit] = await ref.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .orderBy(auditLog.id)
      .then((r) => r.slice(-1));
    expect(audit).toMatchObject({ action: "platform_account.delete", after: { schedules_deleted: 1, schedules_deleted_by_status: { pending: 1 } } });
  });
});

/** The callback answers with a redirect: call it the way a browser comes back, with the session cookie. */
async function back(query: Record<string, string>, headers: Record<string, string> = { cookie }) {
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
    token: A.tokens.admin,
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
    expect(row).toMatchObject({ platform: "x", userId: A.actors.admin.userId, workspaceId: A.workspace.id });
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
          token: A.tokens.admin,
          body: { platform: "webhook", name: "W", config: { client_id: "c", api_base_url: hook.hookUrl() } },
        })
      ).json!.error.message,
    ).toMatch(/not connected through OAuth/);
    expect((await call(start.POST, { method: "POST", token: A.tokens.admin, body: { platform: "x", name: "X", config: {} } })).json!.error.message).toMatch(
      /config\.client_id/,
    );
    const li = await call(start.POST, { method: "POST", token: A.tokens.admin, body: { platform: "linkedin", name: "L", config: { client_id: "c" } } });
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
        token: A.tokens.admin,
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
        token: A.tokens.admin,
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
      createdBy: A.actors.admin.userId,
    });
    const creds = openJson<Record<string, string>>(appKeyring(), row!.credentialsEncrypted!, row!.id);
    expect(creds).toEqual({ access_token: expect.stringMatching(/^at-code-/), refresh_token: expect.stringMatching(/^rt-code-/), client_secret: "app-secret" });
    expect(row!.credentialsEncrypted).not.toContain(creds.access_token);
    expect(Math.abs(row!.tokenExpiresAt!.getTime() - Date.now() - 7_200_000)).toBeLessThan(60_000);
    const shown = await call(one.GET, { token: A.tokens.viewer, params: { id: connected! } });
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
    expect((await back({ code, state: mine.state }, { authorization: `Bearer ${B.tokens.admin}` })).error).toMatch(/started by someone else/);
    expect((await back({ code, state: mine.state }, { cookie: otherAdminCookie })).error).toMatch(/started by someone else/);
    expect((await back({ code, state: mine.state }, { authorization: `Bearer ${A.tokens.editor}` })).error).toMatch(/may not do this/);
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
