/**
 * Pieces shared by the Graph API fakes (Facebook, Instagram, Threads): the error body, the
 * `access_token` parameter check, versioned paths, `fields=` selection and throttling faults with
 * Meta's usage headers. Error texts follow what the Graph API answers.
 */
import type { FakeReply, FakeRequest, Fault } from "../fakes/server";
import { parseMultipart, type ParsedPart } from "./multipart";

let trace = 0;

export interface GraphErrorOpts {
  type?: string;
  subcode?: number;
  userTitle?: string;
  userMsg?: string;
  transient?: boolean;
}

export function graphErrorJson(code: number, message: string, o: GraphErrorOpts = {}) {
  return {
    error: {
      message,
      type: o.type ?? "OAuthException",
      code,
      ...(o.subcode === undefined ? {} : { error_subcode: o.subcode }),
      is_transient: o.transient ?? false,
      ...(o.userTitle ? { error_user_title: o.userTitle } : {}),
      ...(o.userMsg ? { error_user_msg: o.userMsg } : {}),
      fbtrace_id: `AFake${(++trace).toString(36)}`,
    },
  };
}

export function graphError(status: number, code: number, message: string, o: GraphErrorOpts = {}): FakeReply {
  return { status, json: graphErrorJson(code, message, o) };
}

/** The Graph answers most client mistakes with 400 + code 100. */
export const badParam = (message: string, o: GraphErrorOpts = {}) => graphError(400, 100, `(#100) ${message}`, o);

export const invalidToken = () => graphError(400, 190, "Invalid OAuth access token - Cannot parse access token");

export const unknownObject = (id: string) =>
  graphError(
    400,
    100,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    { type: "GraphMethodException", subcode: 33 },
  );

/** Every parameter of a request: query string, urlencoded form, and text parts of a multipart body. */
export function paramsOf(req: FakeRequest): Record<string, string> {
  const out: Record<string, string> = Object.fromEntries(req.query);
  if (req.body && typeof req.body === "object" && !Array.isArray(req.body)) {
    for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) if (typeof v === "string") out[k] = v;
  }
  for (const part of filesOf(req) ?? []) if (part.filename === null) out[part.name] = part.data.toString("utf8");
  return out;
}

/** Multipart parts of the request, or null when it is not multipart. */
export function filesOf(req: FakeRequest): ParsedPart[] | null {
  const ct = req.headers["content-type"];
  return parseMultipart(req.raw, typeof ct === "string" ? ct : undefined);
}

type Handler = (req: FakeRequest, p: Record<string, string>) => FakeReply | Promise<FakeReply>;

/**
 * Wraps a route `/:version/...`: the version must look like v24.0, and the token must come as the
 * `access_token` parameter (an Authorization header alone is not what Meta documents, so the
 * fake ignores it and answers like the Graph does for a missing token).
 */
export function graphRoute(tokens: Set<string>, handler: Handler) {
  return (req: FakeRequest): FakeReply | Promise<FakeReply> => {
    if (!/^v\d+\.\d+$/.test(req.params.version ?? "")) return graphError(400, 2500, `Unknown path components: ${req.path}`);
    const p = paramsOf(req);
    if (!p.access_token) return graphError(400, 2500, "An active access token must be used to query information about the current user.");
    if (!tokens.has(p.access_token)) return invalidToken();
    return handler(req, p);
  };
}

/** The first parameter outside `allowed` (access_token always allowed), for strict write checks. */
export function unknownParam(p: Record<string, string>, allowed: readonly string[]): FakeReply | null {
  const extra = Object.keys(p).find((k) => k !== "access_token" && !allowed.includes(k));
  return extra ? badParam(`Param ${extra} is not a valid parameter`) : null;
}

/** `fields=a,b.summary(true),c{d,e}` → ["a", "b", "c"] (modifiers and nesting dropped). */
export function fieldsOf(p: Record<string, string>): string[] {
  const raw = p.fields ?? "";
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of raw) {
    if (ch === "(" || ch === "{") depth++;
    if (ch === ")" || ch === "}") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((f) => f.trim().split(/[.({]/)[0] ?? "").filter(Boolean);
}

/** The object reduced to `id` plus the requested fields it has (what `?fields=` returns). */
export function pick(obj: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { id: obj.id };
  for (const f of fields) if (obj[f] !== undefined) out[f] = obj[f];
  return out;
}

/** A Graph list answer, newest first, paged by `limit` and the opaque `after` cursor. */
export function listReply(items: Record<string, unknown>[], p: Record<string, string>): FakeReply {
  const fields = fieldsOf(p);
  const limit = Math.min(Math.max(Number(p.limit) || 25, 1), 100);
  const start = p.after ? Number(Buffer.from(p.after, "base64url").toString()) || 0 : 0;
  const all = [...items].reverse();
  const data = all.slice(start, start + limit).map((i) => pick(i, fields));
  const cursor = (n: number) => Buffer.from(String(n)).toString("base64url");
  const after = cursor(start + data.length);
  const more = start + data.length < all.length;
  return {
    status: 200,
    json: { data, paging: { cursors: { before: cursor(start), after }, ...(more ? { next: `https://graph.example/next?after=${after}` } : {}) } },
  };
}

/** Meta's timestamp format: 2026-03-01T12:00:00+0000. */
export const graphTime = (d = new Date()) => d.toISOString().replace(/\.\d{3}Z$/, "+0000");

export const graphFaults = {
  /** A Graph error answer (HTTP 400 unless told) instead of handling the request. */
  error: (code: number, message: string, o: GraphErrorOpts & { status?: number; headers?: Record<string, string> } = {}): Fault => ({
    kind: "status",
    status: o.status ?? 400,
    json: graphErrorJson(code, message, o),
    headers: o.headers,
  }),
  /**
   * A throttling answer the way Pages API sends it: the Graph error plus
   * `x-business-use-case-usage: {"<id>":[{type,call_count,total_cputime,total_time,estimated_time_to_regain_access}]}`
   * (minutes) and `x-app-usage` percentages.
   */
  throttle: (minutes: number, code = 80001, businessId = "1234567890"): Fault => ({
    kind: "status",
    status: 400,
    json: graphErrorJson(code, "(#80001) There have been too many calls to this Page account. Wait a bit and try again.", { transient: true }),
    headers: {
      "x-business-use-case-usage": JSON.stringify({
        [businessId]: [{ type: "pages", call_count: 100, total_cputime: 34, total_time: 41, estimated_time_to_regain_access: minutes }],
      }),
      "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 10, total_time: 12 }),
    },
  }),
};

/** Matches requests whose path ends with `suffix` (faults for one endpoint, e.g. "/threads_publish"). */
export const endsWith =
  (suffix: string, method = "POST") =>
  (req: FakeRequest) =>
    req.method === method && req.path.endsWith(suffix);

export interface FakeComment {
  id: string;
  parentId: string;
  message: string;
  fromId: string;
  fromName: string;
  createdAt: string;
}

/**
 * `POST /{object-id}/comments` (`message`, max `maxLength` characters; `attachment_url` also
 * allowed) and `GET /{object-id}/comments`, as Facebook and Instagram document them: the parent
 * must exist, the comment comes from the token's account.
 */
export function commentRoutes(
  fake: { route: (method: string, path: string, h: (req: FakeRequest) => FakeReply | Promise<FakeReply>) => unknown },
  o: {
    tokens: Set<string>;
    exists: (id: string) => boolean;
    from: { id: string; name: string };
    maxLength: number;
    textField: "message" | "text";
    newId: (parentId: string) => string;
  },
): FakeComment[] {
  const comments: FakeComment[] = [];
  fake.route(
    "POST",
    "/:version/:id/comments",
    graphRoute(o.tokens, (req, p) => {
      const parent = req.params.id ?? "";
      if (!o.exists(parent)) return unknownObject(parent);
      const bad = unknownParam(p, ["message", "attachment_url"]);
      if (bad) return bad;
      const message = p.message ?? "";
      if (!message.trim() && !p.attachment_url) return badParam("The parameter message is required");
      if ([...message].length > o.maxLength) return badParam(`Param message must be at most ${o.maxLength} characters long`);
      const c: FakeComment = { id: o.newId(parent), parentId: parent, message, fromId: o.from.id, fromName: o.from.name, createdAt: graphTime() };
      comments.push(c);
      return { status: 200, json: { id: c.id } };
    }),
  );
  fake.route(
    "GET",
    "/:version/:id/comments",
    graphRoute(o.tokens, (req, p) => {
      const parent = req.params.id ?? "";
      if (!o.exists(parent)) return unknownObject(parent);
      const time = o.textField === "text" ? "timestamp" : "created_time";
      const items = comments
        .filter((c) => c.parentId === parent)
        .map((c) => ({
          id: c.id,
          [o.textField]: c.message,
          from: { id: c.fromId, [o.textField === "text" ? "username" : "name"]: c.fromName },
          [time]: c.createdAt,
        }));
      return listReply(items, p);
    }),
  );
  return comments;
}
