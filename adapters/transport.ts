/**
 * A fetch for the publishing engine's platform calls. WHATWG fetch spends most of a small
 * request's CPU on its own machinery (Request/Response objects, web streams, header guards);
 * here a simple request (an http(s) URL, a string or byte body, following redirects) goes
 * through undici's `request` on a keep-alive pool instead, and anything else (FormData, Blob,
 * streams, a Request object, other options) goes to the global fetch unchanged.
 *
 * It answers like fetch, so callers cannot tell the paths apart:
 * - the same request headers (fetch's defaults: accept, accept-language, sec-fetch-mode,
 *   user-agent, accept-encoding; text/plain for a string body without a content type);
 * - a `Response` with the body decoded per content-encoding (gzip, deflate, br);
 * - the same failures: a network error is a `TypeError("fetch failed")` whose `cause` is the
 *   socket's error (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET …); a body cut short is a
 *   `TypeError("terminated")` with the cause; an aborted signal rejects with its reason (a
 *   `TimeoutError` from `AbortSignal.timeout`), as fetch does;
 * - redirects followed with fetch's rules (see `nextHop`), the later hops by the global fetch.
 *
 * It reaches the same addresses the global fetch would: name resolution and connecting are
 * the same node:net calls, nothing is pinned or allowed that fetch would not.
 */
import zlib from "node:zlib";
import { promisify } from "node:util";
import type { Dispatcher } from "undici";
// The Agent alone: the package's index also installs its Agent as the process's global dispatcher,
// which would move every global fetch in the process onto it.
import AgentImpl from "undici/lib/dispatcher/agent";

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
/** Init members this path understands; any other set member sends the call to the global fetch. */
const SIMPLE_INIT = new Set(["method", "headers", "body", "signal", "redirect"]);
/** Methods fetch upper-cases (others are sent as written). */
const NORMALIZED_METHODS = new Set(["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"]);
/** Headers undici's request refuses or manages itself; fetch handles them its own way. */
const FALLBACK_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "expect", "host", "content-length", "te", "trailer"]);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: header values must not carry NUL, CR or LF
const BAD_VALUE = /[\0\r\n]/;
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
/** Request-body headers dropped when a redirect turns the request into a GET. */
const BODY_HEADERS = ["content-encoding", "content-language", "content-location", "content-type"];
/** Credentials not carried to another origin on redirect. */
const CROSS_ORIGIN_DROP = ["authorization", "proxy-authorization", "cookie"];
const DEFAULTS: [string, string][] = [
  ["accept", "*/*"],
  ["accept-language", "*"],
  ["sec-fetch-mode", "cors"],
  ["user-agent", "node"],
  ["accept-encoding", "gzip, deflate"],
];

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

interface Plan {
  url: URL;
  method: string;
  /** The caller's headers, lower-cased, duplicates joined as fetch joins them. */
  headers: Record<string, string>;
  body: string | Uint8Array | null;
  signal: AbortSignal | null;
}

function isPlainRecord(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function normalizeHeaders(raw: unknown): Record<string, string> | null {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  if (!isPlainRecord(raw)) return null;
  for (const name in raw) {
    const value = raw[name];
    if (value === undefined) continue;
    if (typeof value !== "string" || !TOKEN.test(name) || BAD_VALUE.test(value)) return null;
    const key = name.toLowerCase();
    if (FALLBACK_HEADERS.has(key)) return null;
    const v = value.replace(EDGE_WHITESPACE, "");
    out[key] = key in out ? `${out[key]}, ${v}` : v;
  }
  return out;
}

/** The request as this path sends it, or null when it is not simple enough (the global fetch takes it). */
function planOf(input: unknown, init: RequestInit | undefined): Plan | null {
  if (typeof input !== "string" && !(input instanceof URL)) return null;
  const options = (init ?? {}) as Record<string, unknown>;
  for (const key in options) if (options[key] !== undefined && !SIMPLE_INIT.has(key)) return null;
  if (options.redirect !== undefined && options.redirect !== "follow") return null;
  const body = options.body ?? null;
  if (body !== null && typeof body !== "string" && !(body instanceof Uint8Array)) return null;
  const signal = options.signal ?? null;
  if (signal !== null && !(signal instanceof AbortSignal)) return null;
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return null; // fetch raises its own error for it
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.username || url.password) return null;
  const raw = typeof options.method === "string" ? options.method : "GET";
  if (!TOKEN.test(raw)) return null;
  const method = NORMALIZED_METHODS.has(raw.toUpperCase()) ? raw.toUpperCase() : raw;
  if (method === "CONNECT" || method === "TRACE" || method === "TRACK") return null;
  if (body !== null && (method === "GET" || method === "HEAD")) return null;
  const headers = normalizeHeaders(options.headers);
  if (!headers) return null;
  return { url, method, headers, body, signal: signal as AbortSignal | null };
}

/** What goes on the wire: the caller's headers plus fetch's defaults where the caller set none. */
function wireHeaders(plan: Plan): Record<string, string> {
  const h = { ...plan.headers };
  for (const [k, v] of DEFAULTS) if (!(k in h)) h[k] = v;
  if (typeof plan.body === "string" && !("content-type" in h)) h["content-type"] = "text/plain;charset=UTF-8";
  return h;
}

function networkError(cause: unknown, message = "fetch failed"): TypeError {
  return new TypeError(message, { cause });
}

async function decode(bytes: Buffer, encoding: string | undefined): Promise<Buffer> {
  if (!encoding || !bytes.length) return bytes;
  const codings = encoding
    .toLowerCase()
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean)
    .reverse();
  let out = bytes;
  for (const coding of codings) {
    if (coding === "gzip" || coding === "x-gzip") out = await gunzip(out, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
    // "deflate" is meant as zlib-wrapped, but servers send it raw too; the first byte tells.
    else if (coding === "deflate") out = (out[0]! & 0x0f) === 0x08 ? await inflate(out, { finishFlush: zlib.constants.Z_SYNC_FLUSH }) : await inflateRaw(out);
    else if (coding === "br") out = await brotli(out);
    else if (coding !== "identity") return bytes; // an unknown coding: the body as it came, as fetch gives it
  }
  return out;
}

function responseHeaders(raw: Record<string, string | string[] | undefined>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name in raw) {
    const v = raw[name];
    if (Array.isArray(v)) for (const one of v) pairs.push([name, one]);
    else if (v !== undefined) pairs.push([name, v]);
  }
  return pairs;
}

/**
 * The request fetch sends after a redirect answer (the Fetch standard's "HTTP-redirect fetch"):
 * 303, and 301/302 after a POST, become a GET without body or body headers; a different origin
 * does not get the credentials. Null when the answer is not a redirect to follow.
 */
function nextHop(plan: Plan, status: number, location: string | undefined): { url: URL; init: RequestInit } | null {
  if (!REDIRECT_STATUS.has(status) || location === undefined) return null;
  let url: URL;
  try {
    url = new URL(location, plan.url);
  } catch (err) {
    throw networkError(err);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw networkError(new TypeError("URL scheme must be a HTTP(S) scheme"));
  const headers = { ...plan.headers };
  let method = plan.method;
  let body = plan.body;
  if ((status === 303 && method !== "GET" && method !== "HEAD") || ((status === 301 || status === 302) && method === "POST")) {
    method = "GET";
    body = null;
    for (const h of BODY_HEADERS) delete headers[h];
  }
  if (url.origin !== plan.url.origin) for (const h of CROSS_ORIGIN_DROP) delete headers[h];
  return { url, init: { method, headers, body: body as BodyInit | null, signal: plan.signal, redirect: "follow" } };
}

export interface LightFetchOptions {
  /** The pool the simple requests go through (default: a keep-alive agent of its own). */
  dispatcher?: Dispatcher;
  /** Takes everything else, and the hops after a redirect (default: the global fetch at call time). */
  fallback?: typeof fetch;
}

interface Answer {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * One exchange through the dispatcher, the whole answer buffered. An abort rejects at once with
 * the signal's reason, as fetch does, whether or not the request has left (a request still
 * waiting for its connection is stopped before it is written).
 */
function exchange(dispatcher: Dispatcher, plan: Plan): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const signal = plan.signal;
    let settled = false;
    let controller: Dispatcher.DispatchController | null = null;
    let head: Omit<Answer, "body"> | null = null;
    const chunks: Buffer[] = [];
    const onAbort = () => {
      settle(() => reject(signal!.reason));
      controller?.abort(signal!.reason);
    };
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      fn();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      dispatcher.dispatch(
        {
          origin: plan.url.origin,
          path: plan.url.pathname + plan.url.search,
          method: plan.method as Dispatcher.HttpMethod,
          headers: wireHeaders(plan),
          body: plan.body,
        },
        {
          onRequestStart(c) {
            if (settled) c.abort(signal?.reason ?? new Error("the caller gave up"));
            else controller = c;
          },
          onResponseStart(_c, statusCode, headers, statusMessage) {
            if (statusCode >= 200) head = { status: statusCode, statusText: statusMessage ?? "", headers: headers as Answer["headers"] };
          },
          onResponseData(_c, chunk) {
            chunks.push(chunk);
          },
          onResponseEnd() {
            settle(() =>
              head ? resolve({ ...head, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }) : reject(networkError(new Error("no answer"))),
            );
          },
          onResponseError(_c, err) {
            // Before the answer's head: the request failed; after it: the body was cut short.
            settle(() => reject(networkError(err, head ? "terminated" : "fetch failed")));
          },
        },
      );
    } catch (err) {
      settle(() => reject(networkError(err)));
    }
  });
}

/** A fetch-compatible function; see the file's comment for what goes which way. */
export function createLightFetch(opts: LightFetchOptions = {}): typeof fetch {
  const dispatcher: Dispatcher = opts.dispatcher ?? new AgentImpl({ keepAliveTimeout: 4_000 });
  const fallback: typeof fetch = opts.fallback ?? ((input, init) => globalThis.fetch(input, init));

  async function lightFetch(input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> {
    const plan = planOf(input, init);
    if (!plan) return fallback(input, init);
    plan.signal?.throwIfAborted();
    const answer = await exchange(dispatcher, plan);
    const { status } = answer;
    const location = answer.headers.location;
    const hop = nextHop(plan, status, typeof location === "string" ? location : undefined);
    if (hop) return fallback(hop.url, hop.init);
    const empty = NULL_BODY_STATUS.has(status) || plan.method === "HEAD";
    const encoding = answer.headers["content-encoding"];
    const body = empty
      ? null
      : await decode(answer.body, typeof encoding === "string" ? encoding : undefined).catch((err: unknown) => Promise.reject(networkError(err, "terminated")));
    try {
      return new Response(body as BodyInit | null, { status, statusText: answer.statusText, headers: responseHeaders(answer.headers) });
    } catch (err) {
      throw networkError(err); // a status a Response cannot carry (outside 200–599)
    }
  }
  return lightFetch as typeof fetch;
}

let shared: typeof fetch | null = null;

/** The process's light fetch (one keep-alive pool shared by every engine in the process). */
export function lightFetch(): typeof fetch {
  shared ??= createLightFetch();
  return shared;
}
