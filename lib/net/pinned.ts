/**
 * Requests to addresses people type, pinned to the address that was checked. Checking a name and
 * then connecting by name resolves it twice, and a name can answer a public address to the check
 * and a private one to the connection (DNS rebinding). Here the name is resolved once, every
 * address is checked, and the socket connects to exactly those addresses; the name is still used
 * for the Host header and for TLS (SNI and the certificate check).
 */
import http from "node:http";
import https from "node:https";
import type net from "node:net";
import { resolveTarget, type CheckedTarget, type ResolvedAddress, type TargetPolicy } from "./address";

export { resolveTarget, systemResolver, type CheckedTarget, type Resolver, type TargetPolicy } from "./address";

/**
 * A `lookup` for node:net that answers only the checked addresses, whatever it is asked. Node
 * asks with `all: true` when it races IPv4 and IPv6 (autoSelectFamily), otherwise for one.
 */
function pinnedLookup(addresses: ResolvedAddress[]): net.LookupFunction {
  return (_hostname, options, callback) => {
    const wanted = typeof options === "object" && options.family ? addresses.filter((a) => a.family === options.family) : addresses;
    const list = wanted.length ? wanted : addresses;
    if (typeof options === "object" && options.all) (callback as unknown as (e: null, a: ResolvedAddress[]) => void)(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  };
}

export interface PinnedRequest {
  method: "GET" | "HEAD" | "POST";
  headers?: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** How much of the answer's body to keep (0: read none, the socket is closed at once). */
  excerptChars?: number;
  /** Keep the body as bytes (`raw`), `excerptChars` of them, for a caller that decodes it itself. */
  raw?: boolean;
}

export interface PinnedResponse {
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  excerpt: string;
  /** The body's bytes, when asked for (`raw`). */
  raw?: Buffer;
}

/** Raised when no answer came within the time limit; `name` matches what fetch would say. */
export class RequestTimeoutError extends Error {
  override name = "TimeoutError";
}

/** Sends one request to a checked target; redirects are not followed (the caller decides). */
export function requestPinned(target: CheckedTarget, req: PinnedRequest): Promise<PinnedResponse> {
  const { url, addresses } = target;
  const client = url.protocol === "https:" ? https : http;
  const limit = req.excerptChars ?? 0;
  return new Promise<PinnedResponse>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const request = client.request(
      url,
      {
        method: req.method,
        headers: { ...req.headers, ...(req.body !== undefined ? { "content-length": String(Buffer.byteLength(req.body)) } : {}) },
        lookup: pinnedLookup(addresses),
        agent: false, // a pooled socket could have been opened to another address
      },
      (res) => {
        const answer = { status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers: res.headers };
        if (limit <= 0 || req.method === "HEAD") {
          res.destroy();
          return finish(() => resolve({ ...answer, excerpt: "" }));
        }
        if (req.raw) {
          const chunks: Buffer[] = [];
          let size = 0;
          const done = () => {
            const raw = Buffer.concat(chunks).subarray(0, limit);
            return { ...answer, excerpt: raw.toString("utf8"), raw };
          };
          res.on("data", (chunk: Buffer) => {
            chunks.push(chunk);
            size += chunk.length;
            if (size >= limit) {
              res.destroy();
              finish(() => resolve(done()));
            }
          });
          for (const event of ["end", "error", "close"]) res.on(event, () => finish(() => resolve(done())));
          return;
        }
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          text += chunk;
          if (text.length >= limit) {
            res.destroy();
            finish(() => resolve({ ...answer, excerpt: text.slice(0, limit) }));
          }
        });
        res.on("end", () => finish(() => resolve({ ...answer, excerpt: text.slice(0, limit) })));
        // Only the start of the answer matters; a body cut short still leaves the status.
        res.on("error", () => finish(() => resolve({ ...answer, excerpt: text.slice(0, limit) })));
        res.on("close", () => finish(() => resolve({ ...answer, excerpt: text.slice(0, limit) })));
      },
    );
    const timer = setTimeout(() => {
      finish(() => reject(new RequestTimeoutError(`No answer within ${req.timeoutMs} ms`)));
      request.destroy();
    }, req.timeoutMs);
    request.on("error", (err) => finish(() => reject(err)));
    request.end(req.body);
  });
}

/** Resolves, checks and sends in one go: the request reaches only an address that was checked. */
export async function safeRequest(raw: string | URL, policy: TargetPolicy, req: PinnedRequest): Promise<PinnedResponse> {
  return requestPinned(await resolveTarget(raw, policy), req);
}
