/**
 * What the platform-accounts API tests share: a test database, two workspaces with tokens, session
 * cookies of two admins of the first, a loopback webhook receiver and a loopback OAuth 2
 * authorization server. Call it at the top of a test file: it registers the hooks that start and
 * stop them; the workspaces and cookies are set on the returned object before the tests run.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, expect } from "vitest";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog, platformAccounts } from "@/db/schema";
import { insertUser } from "@/db/queries/users";
import { insertMembership } from "@/db/queries/workspaces";
import { getConfig } from "@/lib/config";
import { setAccountDepsForTests } from "@/lib/accounts/deps";
import { pkceChallenge } from "@/lib/accounts/oauth";
import type { PlatformAdapter } from "@/adapters/adapter";
import { getDescriptor } from "@/adapters/registry";
import { adapter as webhook } from "@/adapters/webhook";
import { createWebhookFake } from "@/adapters/fakes/webhook";
import { FakePlatform } from "@/adapters/fakes/server";
import * as list from "@/app/api/v1/platform-accounts/route";
import * as verify from "@/app/api/v1/platform-accounts/[id]/verify/route";

type Workspace = Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

export function platformAccountsSetup() {
  const ref = withTestDatabase();
  const s = { ref, A: undefined as unknown as Workspace, B: undefined as unknown as Workspace, cookie: "", otherAdminCookie: "" };
  const SECRET = `whsec-${crypto.randomBytes(8).toString("hex")}`;
  const hook = createWebhookFake({ secret: SECRET });

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
    s.A = await makeWorkspaceWithTokens(ref.current.db);
    s.B = await makeWorkspaceWithTokens(ref.current.db);
    const session = async (uid: string) => `next-auth.session-token=${await encode({ token: { uid, sub: uid }, secret: getConfig().nextauthSecret })}`;
    s.cookie = await session(s.A.actors.admin.userId);
    const other = await insertUser(ref.current.db, { email: `admin2-${s.A.workspace.id}@example.test`, name: "Second admin", passwordHash: "x" });
    await insertMembership(ref.current.db, { workspaceId: s.A.workspace.id, userId: other.id, role: "admin" });
    s.otherAdminCookie = await session(other.id);
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
    const r = await call(list.POST, { method: "POST", token: s.A.tokens.admin, body: webhookBody({ credentials: { secret: SECRET, extra: "x" } }) });
    expect(r.status).toBe(201);
    return r.json!.id as string;
  }
  const accountCount = async () => (await ref.current.db.select().from(platformAccounts).where(eq(platformAccounts.workspaceId, s.A.workspace.id))).length;
  const auditText = async () => JSON.stringify(await ref.current.db.select().from(auditLog).where(eq(auditLog.workspaceId, s.A.workspace.id)));
  const verifyAs = (id: string) => call(verify.POST, { method: "POST", token: s.A.tokens.admin, params: { id } });
  return { s, ref, SECRET, hook, auth, codes, webhookBody, makeHook, accountCount, auditText, verifyAs };
}
