/**
 * The fuzz suite's own world: two fresh workspaces signed up through the app's own sign-up (the one
 * under fire and a foreign one whose ids must stay out of reach), tokens of every role, and a few
 * real objects of each kind so that path ids can be real as well as odd.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { api } from "./http";

export type Pools = Record<string, string[]>;

export interface Workspace {
  /** Admin token used by the harness itself (fingerprints, seeding); never handed to the fuzzer's DELETEs. */
  admin: string;
  tokens: { admin: string; editor: string; viewer: string; revoked: string };
  userId: string;
  pools: Pools;
}

export interface World {
  base: string;
  home: Workspace;
  foreign: Workspace;
  /** Every secret the harness knows: no answer may contain one (except the answer that creates it). */
  secrets: Set<string>;
}

const rand = (n = 24) => crypto.randomBytes(n).toString("base64url");
// A tiny valid PNG (1×1), for a real medium.
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf000000030101005ef2b6d10000000049454e44ae426082",
  "hex",
);

/**
 * The sign-up server action's id, read from the build the server runs (same tree): signing up
 * needs no browser, so the suite runs wherever the app does.
 */
function signUpActionId(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.filename.endsWith("app/_actions/signup.ts") && v.exportedName === "signUpAction");
  if (!hit) throw new Error("the build has no sign-up action; build the app first (tsx scripts/start.ts --build-only)");
  return hit[0];
}

function cookiesOf(res: Response, jar: Map<string, string>) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** Signs up through the app's own sign-up action, then signs in as the pages do; returns the session cookie. */
async function signUp(base: string, label: string) {
  const id = `fuzz-${label}-${Date.now().toString(36)}-${rand(4)}`.toLowerCase();
  const user = { name: `Fuzz ${label}`, email: `${id}@example.test`, password: `pw-${rand(12)}`, workspaceName: `Fuzz ${label} ${id}`.slice(0, 80) };
  const res = await fetch(`${base}/signup`, {
    method: "POST",
    headers: { "next-action": signUpActionId(), origin: base, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8" },
    body: JSON.stringify([user]),
  });
  const text = await res.text();
  if (!res.ok || !text.includes(`"ok":true`)) throw new Error(`sign-up failed (${res.status}): ${text.slice(0, 300)}`);
  const jar = new Map<string, string>();
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf, jar) },
    body: new URLSearchParams({ csrfToken, email: user.email, password: user.password, json: "true" }),
    redirect: "manual",
  });
  const cookie = cookiesOf(signIn, jar);
  if (!jar.has("next-auth.session-token") && !jar.has("__Secure-next-auth.session-token")) throw new Error(`sign-in failed (${signIn.status})`);
  return cookie;
}

async function workspace(base: string, label: string, secrets: Set<string>): Promise<Workspace> {
  const cookie = await signUp(base, label);
  const mk = async (role: string) => (await api(base, "POST", "/api/v1/tokens", { cookie }, { name: `fuzz ${role}`, role })) as { id: string; token: string };
  const admin = await mk("admin");
  const tokens = { admin: (await mk("admin")).token, editor: (await mk("editor")).token, viewer: (await mk("viewer")).token, revoked: "" };
  const revoked = await mk("editor");
  await api(base, "DELETE", `/api/v1/tokens/${revoked.id}`, { token: admin.token });
  tokens.revoked = revoked.token;
  for (const t of [admin.token, ...Object.values(tokens)]) secrets.add(t);
  const pools = await seed(base, admin.token, secrets);
  const me = (await api(base, "GET", "/api/v1/members", { token: admin.token })) as { items: { user_id?: string; id?: string }[] };
  const userId = me.items.map((m) => m.user_id ?? m.id).find(Boolean)!;
  pools.user = [userId];
  return { admin: admin.token, tokens, userId, pools };
}

/**
 * A few real objects of each kind; returns their ids by kind. `tolerant`: a re-seed during a run,
 * where what the fuzzer changed (a blackout, an approval policy) may refuse some of them.
 */
export async function seed(base: string, token: string, secrets: Set<string>, tolerant = false): Promise<Pools> {
  type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const call = (method: string, path: string, body?: unknown): Promise<Obj> =>
    (api(base, method, path, { token }, body) as Promise<Obj>).catch((e: Error) => {
      if (tolerant) return {};
      throw e;
    });
  const pools: Pools = {};
  const add = (kind: string, id: unknown) => {
    if (typeof id === "string" && id) (pools[kind] ??= []).push(id);
  };
  const credential = `cred-${rand()}`;
  secrets.add(credential);
  const account = await call("POST", "/api/v1/platform-accounts", { platform: "sandbox", name: "Fuzz sandbox", credentials: { access_token: credential } });
  add("account", account.id);
  for (let i = 0; i < 3; i++) {
    const c = await call("POST", "/api/v1/content", { title: `Fuzz post ${i}`, content: `Body of fuzz post ${i}`, tags: ["fuzz"] });
    add("content", c.id);
  }
  // Far in the future: nothing the fuzzer seeds or creates comes due (and changes by itself) during a run.
  const one: Obj = await call("POST", "/api/v1/schedules", {
    content_item_id: pools.content?.[0],
    platform_account_ids: [account.id],
    scheduled_time: "2037-03-04T10:00:00Z",
    timezone: "UTC",
  });
  for (const s of one.items ?? one.schedules ?? []) add("schedule", s.id);
  const series: Obj = await call("POST", "/api/v1/schedules", {
    content_item_id: pools.content?.[1],
    platform_account_ids: [account.id],
    scheduled_time: "2037-05-04T10:00:00Z",
    timezone: "UTC",
    recurrence: { rrule: "FREQ=WEEKLY", count: 3 },
  });
  for (const s of series.items ?? series.schedules ?? []) {
    add("schedule", s.id);
    if (s.series_id && !pools.series?.includes(s.series_id)) add("series", s.series_id);
  }
  add("series", series.series_id);
  const tpl = await call("POST", "/api/v1/templates", { name: "Fuzz template", body: "Hello {{title}}" });
  add("template", tpl.id);
  if (tpl.id) await call("PATCH", `/api/v1/templates/${tpl.id}`, { body: "Hello again {{title}}" });
  const hookSecret = `whsec-${rand()}`;
  secrets.add(hookSecret);
  // Port 9 (discard) is closed on loopback: test pings fail fast and leave a delivery behind.
  const hook = await call("POST", "/api/v1/webhooks", { url: "http://127.0.0.1:9/fuzz-hook", events: ["schedule_created"], secret: hookSecret });
  add("webhook", hook.id);
  if (hook.id) add("delivery", (await call("POST", `/api/v1/webhooks/${hook.id}/test`)).id);
  add("blackout", (await call("POST", "/api/v1/blackouts", { starts_at: "2038-01-01T00:00:00Z", ends_at: "2038-01-02T00:00:00Z", reason: "fuzz" })).id);
  add("hashtag-group", (await call("POST", "/api/v1/hashtag-groups", { name: "Fuzz tags", hashtags: ["#fuzz"] })).id);
  add("signature", (await call("POST", "/api/v1/signatures", { name: "Fuzz signature", body: "-- fuzz" })).id);
  add("invite", (await call("POST", "/api/v1/invites", { email: `invitee-${rand(4).toLowerCase()}@example.test`, role: "viewer" })).id);
  add("comment", (await call("POST", `/api/v1/content/${pools.content?.[0]}/comments`, { body: "A fuzz comment" })).id);
  const sacrificial = await call("POST", "/api/v1/tokens", { name: "fuzz sacrificial", role: "viewer" });
  if (sacrificial.token) secrets.add(sacrificial.token);
  add("token", sacrificial.id);
  add("media", (await upload(base, token, PNG))?.id);
  return pools;
}

async function upload(base: string, token: string, bytes: Buffer) {
  const res = await fetch(`${base}/api/v1/media?filename=fuzz.png`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "image/png" },
    body: new Uint8Array(bytes),
  });
  return res.ok ? ((await res.json()) as { id: string }) : null;
}

export async function createWorld(base: string): Promise<World> {
  const secrets = new Set<string>();
  const home = await workspace(base, "home", secrets);
  const foreign = await workspace(base, "foreign", secrets);
  return { base, home, foreign, secrets };
}
