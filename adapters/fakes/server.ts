/**
 * The base of every loopback platform fake: a tiny HTTP server with routes, a request log and
 * fault injection. Each platform's fake (adapters/fakes/<platform>.ts) adds the routes and the
 * contract checks its documentation describes; tests, benchmarks and the crash test start them
 * on 127.0.0.1 and point an account's `config.api_base_url` at `fake.url`.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON or urlencoded form; raw text otherwise; null when empty. */
  body: unknown;
  raw: Buffer;
  params: Record<string, string>;
}

export interface FakeReply {
  status: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
}

export type Fault =
  /** Answer with this status instead of handling (429 + Retry-After, 500, 401 …). */
  | { kind: "status"; status: number; json?: unknown; headers?: Record<string, string> }
  /** Wait, then handle normally (client timeouts). */
  | { kind: "slow"; ms: number }
  /** Destroy the connection without handling: nothing happened on the platform. */
  | { kind: "drop" }
  /** Handle (the post is created), then destroy the connection: the answer is lost. */
  | { kind: "lose_response" };

export type FaultMatch = (req: FakeRequest) => boolean;

type Handler = (req: FakeRequest) => FakeReply | Promise<FakeReply>;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

interface Pending {
  fault: Fault;
  times: number;
  match: FaultMatch;
}

/** Only writes by default: reads (findExisting, verify) keep working while posts fail. */
export const writes: FaultMatch = (req) => req.method !== "GET";

export const faults = {
  rateLimited: (retryAfterSeconds: number, json: unknown = { error: "rate limited" }): Fault => ({
    kind: "status",
    status: 429,
    json,
    headers: { "retry-after": String(retryAfterSeconds) },
  }),
  serverError: (status = 500, json: unknown = { error: "internal error" }): Fault => ({ kind: "status", status, json }),
  unauthorized: (json: unknown = { error: "invalid token" }): Fault => ({ kind: "status", status: 401, json }),
  slow: (ms: number): Fault => ({ kind: "slow", ms }),
  drop: (): Fault => ({ kind: "drop" }),
  loseResponse: (): Fault => ({ kind: "lose_response" }),
};

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  if (!raw.length) return null;
  const text = raw.toString("utf8");
  if (contentType?.includes("json")) {
    try {
      return JSON.parse(text);
    } catch {
      return { __invalid_json: text };
    }
  }
  if (contentType?.includes("x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  if (contentType?.startsWith("text/")) return text;
  return null;
}

function matchRoute(route: Route, method: string, segments: string[]): Record<string, string> | null {
  if (route.method !== method || route.parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.parts.length; i++) {
    const want = route.parts[i] as string;
    const got = segments[i] as string;
    if (want.startsWith(":")) params[want.slice(1)] = decodeURIComponent(got);
    else if (want !== got) return null;
  }
  return params;
}

export class FakePlatform {
  readonly name: string;
  /** Every request received, in order (including faulted ones). */
  readonly requests: FakeRequest[] = [];
  private readonly routes: Route[] = [];
  private readonly pending: Pending[] = [];
  private server: http.Server | null = null;
  private sockets = new Set<import("node:net").Socket>();
  url = "";

  constructor(name: string) {
    this.name = name;
  }

  route(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, parts: pattern.split("/").filter(Boolean), handler });
    return this;
  }

  /** The next `times` matching requests get `fault` (writes only unless `match` says otherwise). */
  inject(fault: Fault, opts: { times?: number; match?: FaultMatch } = {}): this {
    this.pending.push({ fault, times: opts.times ?? 1, match: opts.match ?? writes });
    return this;
  }

  clearFaults(): this {
    this.pending.length = 0;
    return this;
  }

  /** Requests to one route, e.g. count("POST", "/2/tweets"). */
  count(method: string, path: string): number {
    return this.requests.filter((r) => r.method === method && r.path === path).length;
  }

  private takeFault(req: FakeRequest): Fault | null {
    const i = this.pending.findIndex((p) => p.match(req));
    if (i < 0) return null;
    const p = this.pending[i] as Pending;
    if (--p.times <= 0) this.pending.splice(i, 1);
    return p.fault;
  }

  private async dispatch(req: FakeRequest): Promise<FakeReply> {
    const segments = req.path.split("/").filter(Boolean);
    for (const route of this.routes) {
      const params = matchRoute(route, req.method, segments);
      if (params) return route.handler({ ...req, params });
    }
    return { status: 404, json: { error: `${this.name} fake: no route for ${req.method} ${req.path}` } };
  }

  private async handle(inReq: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of inReq) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(inReq.url ?? "/", "http://fake");
    const req: FakeRequest = {
      method: inReq.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      headers: inReq.headers,
      body: parseBody(raw, inReq.headers["content-type"]),
      raw,
      params: {},
    };
    this.requests.push(req);
    const fault = this.takeFault(req);
    if (fault?.kind === "drop") {
      inReq.socket.destroy();
      return;
    }
    if (fault?.kind === "slow") await new Promise((r) => setTimeout(r, fault.ms));
    let reply: FakeReply;
    if (fault?.kind === "status") {
      reply = { status: fault.status, json: fault.json, headers: fault.headers };
    } else {
      try {
        reply = await this.dispatch(req);
      } catch (err) {
        reply = { status: 500, json: { error: `${this.name} fake crashed: ${(err as Error).message}` } };
      }
    }
    if (fault?.kind === "lose_response") {
      inReq.socket.destroy();
      return;
    }
    if (res.destroyed) return;
    const headers = { ...reply.headers };
    let body = reply.text ?? "";
    if (reply.json !== undefined) {
      body = JSON.stringify(reply.json);
      headers["content-type"] ??= "application/json; charset=utf-8";
    }
    res.writeHead(reply.status, headers);
    res.end(body);
  }

  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    this.server.keepAliveTimeout = 1000;
    this.server.on("connection", (s) => {
      this.sockets.add(s);
      s.on("close", () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
}

/** The bearer token of a request, or null. */
export function bearer(req: FakeRequest): string | null {
  const h = req.headers.authorization;
  const m = typeof h === "string" ? /^Bearer\s+(.+)$/i.exec(h) : null;
  return m ? (m[1] as string) : null;
}

/** Short, stable, unique ids for fake posts. */
export function idFactory(prefix = "") {
  let n = 0;
  return () => `${prefix}${Date.now().toString(36)}${(++n).toString(36).padStart(4, "0")}`;
}
