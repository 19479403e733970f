import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, desc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { auditLog, platformAccounts } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { createXFake } from "@/adapters/fakes/x";
import * as list from "./platform-accounts/route";
import * as one from "./platform-accounts/[id]/route";
import * as verify from "./platform-accounts/[id]/verify/route";
import * as start from "./platform-accounts/oauth/start/route";
import * as callback from "./platform-accounts/oauth/callback/route";

// The real X adapter against the loopback X: every saved account is checked with it.
const ref = withTestDatabase();
const x = createXFake({ token: "good-token", clientId: "x-client", username: "schedx" });
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let cookie: string;

beforeAll(async () => {
  await x.start();
  A = await makeWorkspaceWithTokens(ref.current.db);
  const uid = A.actors.admin.userId;
  cookie = `next-auth.session-token=${await encode({ token: { uid, sub: uid }, secret: getConfig().nextauthSecret })}`;
});
afterAll(() => x.close());

const xBody = (over: Record<string, unknown> = {}) => ({
  platform: "x",
  name: "Brand",
  config: { api_base_url: x.url },
  credentials: { access_token: "good-token" },
  ...over,
});
const count = async () =>
  (await ref.current.db.select({ id: platformAccounts.id }).from(platformAccounts).where(eq(platformAccounts.workspaceId, A.workspace.id))).length;

describe("saving an account checks it with the platform", () => {
  it("a working token is active, with the platform's user, and a verify time", async () => {
    const r = await call(list.POST, { method: "POST", token: A.tokens.admin, body: xBody() });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ status: "active", status_reason: null, external_id: x.userId, config: { username: "schedx" } });
    expect(r.json!.last_verified_at).not.toBeNull();
  });

  it("a bogus token is saved as needs_reconnect with X's answer and what to do; it was never active", async () => {
    const r = await call(list.POST, { method: "POST", token: A.tokens.admin, body: xBody({ name: "Typo", credentials: { access_token: "bogus" } }) });
    expect(r.status, r.text).toBe(201);
    expect(r.json).toMatchObject({ status: "needs_reconnect", last_verified_at: null, external_id: null });
    expect(r.json!.status_reason).toMatch(/^X said HTTP 401 Unauthorized: /);
    expect(r.json!.status_reason).toContain("developer.x.com");
    const [audit] = await ref.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, r.json!.id), eq(auditLog.action, "platform_account.create")));
    expect((audit!.after as { status: string }).status).toBe("needs_reconnect");
  });

  it("a refresh token without the client id is refused with a 400 naming the field, and nothing is saved", async () => {
    const before = await count();
    const r = await call(list.POST, {
      method: "POST",
      token: A.tokens.admin,
      body: xBody({ credentials: { access_token: "good-token", refresh_token: "refresh-1" } }),
    });
    expect(r.status).toBe(400);
    expect(r.json!.error.message).toContain("config.client_id: is required with a refresh token");
    expect(await count()).toBe(before);
    const ok = await call(list.POST, {
      method: "POST",
      token: A.tokens.admin,
      body: xBody({
        name: "Renewing",
        config: { api_base_url: x.url, client_id: "x-client" },
        credentials: { access_token: "good-token", refresh_token: "refresh-1" },
      }),
    });
    expect(ok.status, ok.text).toBe(201);
    // The same rule when credentials are replaced.
    const patched = await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id: (await call(list.POST, { method: "POST", token: A.tokens.admin, body: xBody({ name: "Plain" }) })).json!.id },
      body: { credentials: { access_token: "good-token", refresh_token: "r" } },
    });
    expect(patched.status).toBe(400);
    expect(patched.json!.error.message).toContain("config.client_id");
  });

  it("new credentials are checked first: a working account given a bad token keeps its working one; a broken one takes what was typed", async () => {
    const made = await call(list.POST, { method: "POST", token: A.tokens.admin, body: xBody({ name: "Rotating" }) });
    expect(made.json!.status).toBe("active");
    const id = made.json!.id as string;
    const r = await call(one.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { credentials: { access_token: "revoked" } } });
    expect(r.status).toBe(400);
    expect(r.json!.error.code).toBe("bad_request:verify_failed");
    expect(r.json!.error.message).toContain("X said HTTP 401");
    expect(r.json!.error.message).toContain("Nothing was changed");
    // The old token is still the one kept: the account verifies as active with it.
    expect((await call(one.GET, { token: A.tokens.admin, params: { id } })).json).toMatchObject({ status: "active" });
    expect((await call(verify.POST, { method: "POST", token: A.tokens.admin, params: { id } })).json).toMatchObject({ status: "active" });
    // An empty credentials object cannot wipe a working account either.
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { credentials: {} } })).status).toBe(400);
    expect((await call(verify.POST, { method: "POST", token: A.tokens.admin, params: { id } })).json).toMatchObject({ status: "active" });

    // A broken account saves what was typed and says what the platform answered, as a new one does.
    const broken = await call(list.POST, { method: "POST", token: A.tokens.admin, body: xBody({ name: "Broken", credentials: { access_token: "revoked" } }) });
    expect(broken.json!.status).toBe("needs_reconnect");
    const still = await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id: broken.json!.id },
      body: { credentials: { access_token: "also-revoked" } },
    });
    expect(still.status).toBe(200);
    expect(still.json).toMatchObject({ status: "needs_reconnect" });
    const fixed = await call(one.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id: broken.json!.id },
      body: { credentials: { access_token: "good-token" } },
    });
    expect(fixed.json).toMatchObject({ status: "active", status_reason: null });
  });
});

/** The browser's part: follow X's authorize page, then come back to the callback signed in. */
async function signInWithX(authorizeUrl: string) {
  const consent = await fetch(authorizeUrl, { redirect: "manual" });
  expect(consent.status).toBe(302);
  const back = new URL(consent.headers.get("location")!);
  const res = await send(callback.GET, new NextRequest(back, { headers: { cookie } }), { params: Promise.resolve({}) });
  expect(res.status).toBe(303);
  const to = new URL(res.headers.get("location")!);
  return { back, connected: to.searchParams.get("connected"), error: to.searchParams.get("error") };
}

describe("X through OAuth 2 with PKCE against the X fake", () => {
  const config = () => ({ client_id: "x-client", api_base_url: x.url, authorize_url: `${x.url}/i/oauth2/authorize` });

  it("connects: the redirect URI sent is this server's, the code is exchanged with the verifier, and the account is verified", async () => {
    const s = await call(start.POST, { method: "POST", token: A.tokens.admin, body: { platform: "x", name: "Via OAuth", config: config() } });
    expect(s.status, s.text).toBe(200);
    const { back, connected, error } = await signInWithX(s.json!.authorize_url);
    expect(error).toBeNull();
    const seen = x.authorizeSeen.at(-1)!;
    expect(seen.redirect_uri).toBe(`${getConfig().nextauthUrl}/api/v1/platform-accounts/oauth/callback`);
    expect(back.origin + back.pathname).toBe(seen.redirect_uri);
    expect(seen.scope.split(" ")).toEqual(expect.arrayContaining(["tweet.write", "offline.access"]));
    const got = await call(one.GET, { token: A.tokens.admin, params: { id: connected! } });
    expect(got.json).toMatchObject({ name: "Via OAuth", status: "active", external_id: x.userId, credential_keys: ["access_token", "refresh_token"] });
    expect(got.json!.token_expires_at).not.toBeNull();
  });

  it("reconnects an existing account in place through the same sign-in", async () => {
    const broken = await call(list.POST, { method: "POST", token: A.tokens.admin, body: xBody({ name: "Lapsed", credentials: { access_token: "expired" } }) });
    expect(broken.json!.status).toBe("needs_reconnect");
    const before = await count();
    const s = await call(start.POST, {
      method: "POST",
      token: A.tokens.admin,
      body: { platform: "x", name: "Lapsed", config: config(), account_id: broken.json!.id },
    });
    expect(s.status, s.text).toBe(200);
    const { connected } = await signInWithX(s.json!.authorize_url);
    expect(connected).toBe(broken.json!.id);
    expect(await count()).toBe(before);
    const got = await call(one.GET, { token: A.tokens.admin, params: { id: broken.json!.id } });
    expect(got.json).toMatchObject({ status: "active", status_reason: null });
    // The new tokens' expiry is kept with them, and the audit of the change shows it.
    expect(got.json!.token_expires_at).not.toBeNull();
    const [audit] = await ref.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, broken.json!.id), eq(auditLog.action, "platform_account.verify")))
      .orderBy(desc(auditLog.createdAt))
      .limit(1);
    expect((audit!.after as { token_expires_at: string | null }).token_expires_at).not.toBeNull();
  });

  it("a code exchanged with the wrong verifier is refused by X and nothing is saved", async () => {
    const s = await call(start.POST, { method: "POST", token: A.tokens.admin, body: { platform: "x", name: "Tampered", config: config() } });
    const url = new URL(s.json!.authorize_url);
    url.searchParams.set("code_challenge", "A".repeat(43));
    const before = await count();
    const { connected, error } = await signInWithX(url.toString());
    expect(connected).toBeNull();
    expect(error).toContain("code_verifier");
    expect(await count()).toBe(before);
  });
});
