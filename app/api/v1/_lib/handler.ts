import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { z } from "zod";
import { getDb } from "@/lib/database";
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";
import { AppError, toErrorResponse, unauthorized } from "@/lib/errors";
import { actorFromToken } from "@/lib/auth/tokens";
import { assertSessionCurrent } from "@/lib/auth/session-check";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import type { Operation } from "@/lib/operations";
import type { Actor } from "@/lib/auth/actor";
import { workspacesOfUser } from "@/lib/workspaces";
import { log } from "@/lib/log";
import { clientAddress } from "@/lib/auth/client-address";
import { onceForKey } from "@/lib/idempotency";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer";
import { consumeRateLimit, RATE_WINDOW_SECONDS, rateLimitAddress, rateLimited, rateLimitHeaders, rateState, type RateLimitState } from "@/lib/rate-limit";
import { describeUnsafe, findUnsafeText, printablePath, type UnsafeText } from "@/lib/validation/unsafe-text";
import { EncodedJson, FRONT_DOOR_HEADER, PACKED_HEADER, preferredCoding } from "@/lib/http/encoding";
import { drain, hasBody, readLimitedText } from "./body";

export interface RouteContext<B, Q = undefined> {
  req: NextRequest;
  db: Db;
  actor: Actor;
  params: Record<string, string>;
  body: B;
  query: Q;
}

export class Reply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}
export const created = (body: unknown) => new Reply(201, body);
/**
 * An answer already written as JSON text (kept rendered by the lib), sent as it is; when kept with
 * its compressed forms (EncodedJson), sent packed in the coding the client prefers.
 */
export class JsonText {
  constructor(readonly text: string | EncodedJson) {}
}
export const noContent = () => new Reply(204, null);

function clientIp(req: NextRequest): string | null {
  return clientAddress(req.headers.get("x-forwarded-for"), getConfig().trustProxyHops);
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request that rides on the browser's cookie and changes something must come from this app's
 * own pages: same Origin, JSON body. SameSite=Lax alone still lets sibling subdomains post forms.
 */
function checkCookieRequest(req: NextRequest) {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.get("origin");
  const allowed = new Set([new URL(getConfig().nextauthUrl).origin, req.nextUrl.origin]);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (host) allowed.add(`${req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol.replace(":", "")}://${host}`);
  if (!origin || !allowed.has(origin)) {
    throw new AppError("forbidden:origin", "cross-site request refused: send an API token, or call from this app's own pages");
  }
  // These types need a CORS preflight cross-site, which this app never grants (unlike form posts).
  // A request without a body and without a type (the pages' DELETE and bodyless POST) has nothing to
  // check; an empty form post still names its form type and is refused.
  const type = req.headers.get("content-type") ?? "";
  if ((type !== "" || hasBody(req)) && !/^(application\/json|text\/csv|image\/|video\/|application\/gzip)/i.test(type)) {
    throw new AppError("bad_request:content_type", "send the body as application/json");
  }
}

/**
 * Bearer token first; otherwise the browser session cookie, in the workspace its cookie names. With
 * the request counted against the actor's rate limit: a token's in the same statement as its check.
 */
async function resolveActor(db: Db, req: NextRequest): Promise<{ actor: Actor; limits: RateLimitState | null }> {
  const header = req.headers.get("authorization");
  if (header !== null) {
    const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!m) throw unauthorized("the Authorization header must be `Bearer <token>`");
    const { perMinute } = getConfig().rateLimit;
    const { actor, counted } = await actorFromToken(db, m[1]!, clientIp(req), perMinute > 0 ? RATE_WINDOW_SECONDS : null);
    return { actor, limits: counted ? rateState(counted, perMinute) : null };
  }
  const jwt = await getToken({ req, secret: getConfig().nextauthSecret });
  const userId = typeof jwt?.uid === "string" ? jwt.uid : null;
  if (!userId) throw unauthorized();
  await assertSessionCurrent(db, jwt);
  checkCookieRequest(req);
  const { current } = await workspacesOfUser(db, userId, req.cookies.get("workspace")?.value ?? null);
  if (!current) throw unauthorized("you are not a member of any workspace");
  const actor: Actor = { userId, tokenId: null, workspaceId: current.workspaceId, role: current.role, ip: clientIp(req) };
  return { actor, limits: await limitRate(db, req, actor) };
}

function validated<T>(schema: z.ZodType<T>, raw: unknown): T {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({
      field: i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(", ") : null),
      message: i.message,
    }));
    throw new AppError("bad_request:validation", details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; "), details);
  }
  return parsed.data;
}

/** 400 naming the field whose text cannot be stored (NUL, lone surrogate, control character). */
export function unsafeTextError(found: UnsafeText, where: string): AppError {
  const field = printablePath(found.path) || where;
  const message = describeUnsafe(found.reason);
  return new AppError("bad_request:validation", `${field}: ${message}`, [{ field, message }]);
}

function refuseUnsafe(value: unknown, where: string, prefix = "") {
  const found = findUnsafeText(value, prefix);
  if (found) throw unsafeTextError(found, where);
}

export function parseBody<B>(text: string, schema: z.ZodType<B>): B {
  let raw: unknown;
  try {
    raw = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    throw new AppError("bad_request:json", "the request body is not valid JSON");
  }
  // JSON escapes can spell what Postgres cannot store ("\u0000", "\ud800"): refuse it here, for every route.
  refuseUnsafe(raw, "body");
  return validated(schema, raw);
}

/** Query values (and names) are checked for unsafe text on every route, with or without a schema. */
function rawQuery(req: NextRequest): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of req.nextUrl.searchParams) {
    refuseUnsafe({ [k]: v }, "query");
    if (k in raw) throw new AppError("bad_request:validation", `${k}: give it once (use commas for several values)`);
    raw[k] = v;
  }
  return raw;
}

/**
 * Counts the request against its client's allowance: the signed-in user, or (without credentials,
 * or when authentication failed) the client's address. A token's requests are counted as it is
 * checked (resolveActor), under `token:<id>`.
 */
async function limitRate(db: Db, req: NextRequest, actor: Actor | null): Promise<RateLimitState | null> {
  const { perMinute, anonPerMinute } = getConfig().rateLimit;
  const bucket = actor
    ? `user:${actor.userId}`
    : `addr:${rateLimitAddress(req.headers.get("x-forwarded-for"), req.headers.get(PEER_ADDRESS_HEADER), getConfig().trustProxyHops)}`;
  return consumeRateLimit(db, bucket, actor ? perMinute : anonPerMinute);
}

function refuseOverLimit(state: RateLimitState | null) {
  if (state && !state.allowed) throw rateLimited(state);
}

/** What apiRoute reads of a declared operation (lib/operations). */
export interface RouteOperation<B, Q> extends Pick<Operation, "method" | "path" | "status"> {
  permission: Permission;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /** a creating POST that honours the `Idempotency-Key` header */
  idempotent?: boolean;
  /** the handler reads `req.body` itself (uploads) and enforces its own size limit */
  rawBody?: unknown;
}

/** A route handler, with the operation it serves (the tests check answers against it). */
export type ApiHandler = ((req: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>) & { operation: Operation };

/**
 * Wraps a /api/v1 route serving a declared operation (`operation("post /templates")`):
 * authenticates, checks the operation's permission, parses its query and body with its schemas,
 * and maps any AppError to the JSON error body. Handlers return chosen fields, never raw rows.
 */
export function apiRoute<B = undefined, Q = undefined>(op: RouteOperation<B, Q>, handler: (ctx: RouteContext<B, Q>) => Promise<unknown>): ApiHandler {
  const opts = { permission: op.permission, body: op.body, query: op.query, idempotent: op.idempotent, rawBody: Boolean(op.rawBody) };
  const serve = async (req: NextRequest, context: { params: Promise<Record<string, string>> }) => {
    const started = performance.now();
    let limits: RateLimitState | null = null;
    // A body nobody reads is still read off the wire (and dropped) before the answer goes out, or
    // the client may be cut off mid-send (see drain): at once on routes that take none, and for
    // the others whatever is left when they answer early (refused credentials, an upload's error).
    const drained = !opts.body && !opts.idempotent && !opts.rawBody ? drain(req.body) : null;
    const unread = async () => {
      if (drained) await drained;
      else if (req.body && !req.body.locked) await drain(req.body);
    };
    try {
      const db = await getDb();
      let actor: Actor;
      try {
        ({ actor, limits } = await resolveActor(db, req));
      } catch (err) {
        // Failed authentication counts against the address, so guessing tokens is limited too.
        if (err instanceof AppError && err.kind === "unauthorized") refuseOverLimit((limits = await limitRate(db, req, null)));
        throw err;
      }
      refuseOverLimit(limits);
      assertCan(actor.role, opts.permission);
      const rawParams = (await context.params) ?? {};
      refuseUnsafe(rawParams, "path");
      const queryRaw = rawQuery(req);
      const query = opts.query ? validated(opts.query, queryRaw) : (undefined as Q);
      const text = opts.body || opts.idempotent ? await readLimitedText(req, getConfig().maxJsonBodyBytes) : "";
      const params = rawParams;
      const run = async () => {
        const body = opts.body ? parseBody(text, opts.body) : (undefined as B);
        const result = await handler({ req, db, actor, params, body, query });
        const out = result instanceof Reply ? { status: result.status, body: result.body } : { status: 200, body: result };
        // Answers are serialised once, here: what is sent is what an idempotent replay sends again.
        return {
          status: out.status,
          body: out.body instanceof Response ? out.body : out.status === 204 ? "" : out.body instanceof JsonText ? out.body.text : JSON.stringify(out.body),
        };
      };
      const key = opts.idempotent ? req.headers.get("idempotency-key") : null;
      // A kept answer is stored for replay as its text.
      const stored = async () => {
        const r = await run();
        return { status: r.status, body: r.body instanceof EncodedJson ? r.body.text : r.body };
      };
      const out =
        key !== null
          ? await onceForKey(db, actor.workspaceId, key, { method: req.method, path: req.nextUrl.pathname, body: text }, stored)
          : { ...(await run()), replayed: false };
      await unread();
      const rate = rateLimitHeaders(limits);
      if (out.body instanceof Response) {
        // streamed answers (exports, progress) and redirects
        try {
          for (const [k, v] of Object.entries(rate)) out.body.headers.set(k, v);
        } catch {
          // immutable headers (Response.redirect): the answer goes without them
        }
        return out.body;
      }
      if (out.status === 204) return new NextResponse(null, { status: 204, headers: rate });
      const headers: Record<string, string> = { ...rate, "content-type": "application/json" };
      let body: string | Buffer;
      if (out.body instanceof EncodedJson) {
        const coding = req.headers.has(FRONT_DOOR_HEADER) ? preferredCoding(req.headers.get("accept-encoding")) : null;
        headers.vary = "Accept-Encoding";
        if (coding) headers[PACKED_HEADER] = coding;
        body = coding ? await out.body.encoded(coding) : out.body.text;
      } else body = out.body;
      // Server-Timing: the app's own share of the answer time, for clients and benchmarks.
      headers["server-timing"] = `app;dur=${(performance.now() - started).toFixed(1)}`;
      if (out.replayed) headers["idempotent-replayed"] = "true";
      return new NextResponse(body as BodyInit, { status: out.status, headers });
    } catch (err) {
      if (!(err instanceof AppError)) log.error("api route failed", { path: req.nextUrl.pathname, err });
      await unread();
      return errorResponse(err, rateLimitHeaders(limits));
    }
  };
  return Object.assign(serve, { operation: op as Operation });
}

/** The JSON error body for any thrown value, with the headers the error asks for. */
export function errorResponse(err: unknown, extra: Record<string, string> = {}): NextResponse {
  const { status, body, headers } = toErrorResponse(err);
  return NextResponse.json(body, { status, headers: { ...extra, ...headers } });
}

/** Parses a path parameter that must be an id; a malformed id is simply not found. */
export function idParam(params: Record<string, string>, name: string, subject: string): string {
  const v = params[name] ?? "";
  if (!z.uuid().safeParse(v).success) throw new AppError(`not_found:${subject}`, `${subject.replace(/_/g, " ")} not found`);
  return v;
}
