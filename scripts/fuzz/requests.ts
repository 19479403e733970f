/**
 * Operations read from the served OpenAPI document, and Plans turned into the bytes of a request
 * against the fuzz world (real ids from the pools, tokens by role, lazily built huge bodies).
 */
import fc from "fast-check";
import { Deep, Huge, IdRef, planArb, type Json, type Plan } from "./arbitraries";
import type { Sent } from "./http";
import type { World } from "./setup";
import { can, type Permission } from "../../lib/auth/permissions";

export interface Op {
  /** "post /api/v1/content/{id}", or a pseudo-operation: "wrong method", "unknown path". */
  key: string;
  kind: "doc" | "wrong-method" | "unknown-path";
  method: string;
  template: string;
  params: string[];
  query: { name: string; schema: Json }[];
  body?: Json;
  hasBody: boolean;
  /** The declared non-JSON request type (text/csv, application/octet-stream). */
  rawType?: string;
  idempotent: boolean;
  /** The permission the document names; null: public. */
  permission: Permission | null;
}

export interface Built {
  sent: Sent;
  /** What kind of odd this request is, for the finding classes. */
  labels: string[];
  /** Might legitimately change stored data: a role's token, real ids, a parseable body. */
  mayChange: boolean;
  mutating: boolean;
  /** The caller holds the operation's permission (a role token that may, or a public operation). */
  allowed: boolean;
}

export async function loadOps(base: string): Promise<{ ops: Op[]; paths: Record<string, string[]> }> {
  const res = await fetch(`${base}/api/v1/openapi.json`);
  if (!res.ok) throw new Error(`GET /api/v1/openapi.json answered ${res.status}`);
  const doc = (await res.json()) as { paths: Record<string, Record<string, Json>> };
  const ops: Op[] = [];
  const paths: Record<string, string[]> = {};
  for (const [template, methods] of Object.entries(doc.paths)) {
    paths[template] = Object.keys(methods);
    for (const [method, o] of Object.entries(methods)) {
      const params = (o.parameters ?? []) as Json[];
      const content = (o.requestBody?.content ?? {}) as Record<string, Json>;
      const rawType = Object.keys(content).find((t) => t !== "application/json");
      ops.push({
        key: `${method} ${template}`,
        kind: "doc",
        method: method.toUpperCase(),
        template,
        params: [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: params.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema })),
        body: content["application/json"]?.schema,
        hasBody: !!o.requestBody,
        rawType,
        idempotent: params.some((p) => p.in === "header" && /idempotency-key/i.test(p.name)),
        permission: (/Needs the `([\w:]+)` permission/.exec(o.description ?? "")?.[1] as Permission | undefined) ?? null,
      });
    }
  }
  ops.sort((a, b) => a.key.localeCompare(b.key));
  const pseudo = (kind: Op["kind"]): Op => ({
    key: kind.replace("-", " "),
    kind,
    method: "",
    template: "",
    params: [],
    query: [],
    hasBody: false,
    idempotent: false,
    permission: null,
  });
  return { ops: [...ops, pseudo("wrong-method"), pseudo("unknown-path")], paths };
}

const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

/** The plans of one operation: the same seed and count give the same plans, whatever else runs. */
export function plansFor(op: Op, seed: number, count: number): (Plan & { pick: number })[] {
  const arb = fc.tuple(planArb({ ...op, rawBody: !!op.rawType }), fc.nat()).map(([p, pick]) => ({ ...p, pick }));
  return fc.sample(arb, { seed: (seed ^ hash(op.key)) >>> 0, numRuns: count });
}

/** Which pool a path parameter draws from: the collection named just before it. */
const POOL_OF: Record<string, string> = {
  content: "content",
  schedules: "schedule",
  series: "series",
  "platform-accounts": "account",
  webhooks: "webhook",
  deliveries: "delivery",
  templates: "template",
  members: "user",
  invites: "invite",
  tokens: "token",
  media: "media",
  blackouts: "blackout",
  "hashtag-groups": "hashtag-group",
  signatures: "signature",
  notifications: "notification",
  comments: "comment",
};
const PLATFORM_NAMES = ["sandbox", "x", "linkedin", "bluesky", "mastodon", "threads", "instagram", "facebook"];
/** Body fields that name ids of a known kind. */
const FIELD_POOL: [RegExp, string][] = [
  [/content_item/, "content"],
  [/platform_account|account/, "account"],
  [/media/, "media"],
  [/parent/, "comment"],
  [/template/, "template"],
  [/approver|author|user/, "user"],
  [/series/, "series"],
  [/schedule/, "schedule"],
];

const badEncoding = (raw: string) => {
  try {
    decodeURIComponent(raw);
    return false;
  } catch {
    return true;
  }
};
/** Which odd string a body carries, so findings group by cause. */
function unicodeKind(text: string) {
  if (/\\u0000/.test(text)) return "nul";
  if (/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])|(?<!\\ud[89ab][0-9a-f]{2})\\ud[c-f][0-9a-f]{2}/i.test(text)) return "lone-surrogate";
  return "other";
}
const fakeUuid = (n: number) => `00000000-0000-4000-8000-${(n % 0xffffffffffff).toString(16).padStart(12, "0")}`;
const pick = <T>(xs: T[] | undefined, n: number): T | undefined => (xs && xs.length ? xs[n % xs.length] : undefined);

function resolveId(world: World, field: string, n: number): string {
  const kind = FIELD_POOL.find(([re]) => re.test(field))?.[1];
  if (n % 10 === 1) return fakeUuid(n);
  const ws = n % 10 === 0 ? world.foreign : world.home;
  const pool = kind ? ws.pools[kind] : Object.values(ws.pools).flat();
  return pick(pool, n) ?? fakeUuid(n);
}

function pathFor(world: World, template: string, plan: Plan, labels: string[]) {
  let i = 0;
  return template.replace(/\{(\w+)\}/g, (_m, name: string, offset: number) => {
    const choice = plan.ids[i++] ?? { kind: "real" as const, n: plan.ids.length };
    const collection = template.slice(0, offset).split("/").filter(Boolean).pop() ?? "";
    if (choice.kind === "odd") {
      labels.push(badEncoding(choice.raw) ? "id:bad-encoding" : "id:odd");
      return choice.raw;
    }
    if (name === "platform") return PLATFORM_NAMES[choice.n % PLATFORM_NAMES.length]!;
    if (name === "n") return String(1 + (choice.n % 3));
    if (choice.kind === "random") {
      labels.push("id:random");
      return fakeUuid(choice.n);
    }
    const ws = choice.kind === "foreign" ? world.foreign : world.home;
    const id = pick(ws.pools[POOL_OF[collection] ?? ""], choice.n);
    labels.push(choice.kind === "foreign" ? "id:foreign" : id ? "id:real" : "id:random");
    return id ?? fakeUuid(choice.n);
  });
}

const PNG = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
const CONTENT_TYPES: Record<string, string | null> = {
  json: "application/json",
  form: "application/x-www-form-urlencoded",
  text: "text/plain",
  none: null,
  multipart: "multipart/form-data; boundary=fuzz",
  xml: "application/xml",
  "json-utf16": "application/json; charset=utf-16",
};

function bodyFor(world: World, plan: Plan): Buffer | undefined {
  const b = plan.body;
  const json = () =>
    JSON.stringify(b.value, function (this: unknown, _k, v) {
      if (v instanceof IdRef) return resolveId(world, v.field, v.n);
      if (v instanceof Huge) return v.build();
      if (v instanceof Deep) return v.build();
      return v;
    }) ?? "null";
  switch (b.mode) {
    case "none":
      return undefined;
    case "broken":
      return Buffer.from(b.raw!);
    case "truncated": {
      const t = json();
      return Buffer.from(t.slice(0, (b.cut ?? 0) % Math.max(t.length, 1)));
    }
    case "bytes":
      if (b.raw === "png") return PNG;
      if (b.raw === "csv") return Buffer.from("title,content,platforms,date,time,timezone\nFuzz,Hello,sandbox,2037-01-02,10:00,UTC\n");
      if (b.raw === "csv-odd") return Buffer.from('title,content\n"\u0000\ud800",\u202e"unterminated\n=cmd|\' /C calc\'!A0,x\n');
      if (b.raw === "random") return Buffer.from(Array.from({ length: 2048 }, (_x, i) => (i * 7919 + 13) % 256));
      return Buffer.alloc(0);
    case "huge":
      if (b.value instanceof Huge) return Buffer.from(b.value.build());
      return Buffer.from(json());
    default:
      return Buffer.from(json());
  }
}

const METHODS = ["PUT", "PATCH", "DELETE", "POST", "GET"];
const UNKNOWN = [
  "/api/v1/nope",
  "/api/v1/content/{id}/nope",
  "/api/v1/CONTENT",
  "/api/v1/content//",
  "/api/v1/../v1/content",
  "/api/v1/%2e%2e/health",
  "/api/v1/schedules/{id}/attempts/extra",
  "/api/v2/content",
  "/api/v1/openapi.yaml",
  "/api/v1/" + "x".repeat(3000),
];

export function buildRequest(world: World, op: Op, plan: Plan & { pick: number }, paths: Record<string, string[]>): Built {
  const labels: string[] = [`auth:${plan.auth}`];
  let method = op.method;
  let template = op.template;
  if (op.kind === "wrong-method") {
    const all = Object.keys(paths);
    template = all[plan.pick % all.length]!;
    const documented = paths[template]!.map((m) => m.toUpperCase());
    method = [...METHODS.slice(plan.pick % 5), ...METHODS].find((m) => !documented.includes(m)) ?? "PUT";
    labels.push("method:undocumented");
  } else if (op.kind === "unknown-path") {
    template = UNKNOWN[plan.pick % UNKNOWN.length]!;
    method = METHODS[plan.pick % 5]!;
    labels.push("path:unknown");
  }
  const tokens = world.home.tokens;
  const headers: Record<string, string> = { accept: "application/json" };
  const auth = {
    admin: tokens.admin,
    editor: tokens.editor,
    viewer: tokens.viewer,
    revoked: tokens.revoked,
    foreign: world.foreign.tokens.admin,
    none: null,
    malformed: null,
  }[plan.auth];
  if (auth) headers.authorization = `Bearer ${auth}`;
  if (plan.auth === "malformed") headers.authorization = plan.malformedAuth;
  const path = pathFor(world, template, plan, labels) + (plan.query.length ? "?" + plan.query.map(([k, v]) => `${k}=${v}`).join("&") : "");
  if (plan.query.length) labels.push("query");
  const body = bodyFor(world, plan);
  if (body !== undefined) {
    const declared = op.rawType ? (plan.body.raw === "png" ? "image/png" : op.rawType) : "application/json";
    const type = plan.contentType === "declared" ? declared : CONTENT_TYPES[plan.contentType];
    if (type) headers["content-type"] = type;
    if (plan.contentType !== "declared") labels.push(`type:${plan.contentType}`);
    labels.push(plan.body.mode === "unicode" ? `body:unicode:${unicodeKind(body.toString("utf8"))}` : `body:${plan.body.mode}`);
  }
  if (plan.idempotencyKey !== null && op.idempotent) headers["idempotency-key"] = plan.idempotencyKey;
  // The foreign token is its own workspace's admin.
  const role = plan.auth === "foreign" ? "admin" : plan.auth === "admin" || plan.auth === "editor" || plan.auth === "viewer" ? plan.auth : null;
  const allowed = op.kind === "doc" && (op.permission === null || (role !== null && can(role, op.permission)));
  // Requests that should be refused run in long batches between two fingerprints; these may write.
  const plausible = !op.hasBody || ["none", "valid", "unicode", "huge", "bytes", "empty"].includes(plan.body.mode);
  const own = plan.auth === "foreign" ? "id:foreign" : "id:real";
  return {
    sent: { method, path, headers, body },
    labels,
    mayChange: allowed && plausible && labels.every((l) => !l.startsWith("id:") || l === own),
    mutating: method !== "GET",
    allowed,
  };
}
