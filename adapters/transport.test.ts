/**
 * The light fetch against real loopback sockets, side by side with the global fetch: the same
 * requests on the wire, the same answers, and every transport failure classified the same by
 * the adapters' `send` (refused, unresolvable, reset before and during the answer, no answer
 * within the timeout).
 */
import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "./http";
import { AdapterError } from "./errors";
import { closedPort } from "./fakes/context";
import { createLightFetch } from "./transport";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const seen: Seen[] = [];
let origin = "";
let other = "";
const sockets = new Set<net.Socket>();

function route(req: http.IncomingMessage, body: string, res: http.ServerResponse) {
  seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
  const path = req.url!.split("?")[0];
  if (path === "/json") return res.writeHead(201, { "content-type": "application/json", "x-multi": "a" }).end(JSON.stringify({ id: "p1", echo: body }));
  if (path === "/gzip") return res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(zlib.gzipSync('{"zipped":true}'));
  if (path === "/empty") return res.writeHead(204).end();
  if (path === "/limited") return res.writeHead(429, { "retry-after": "7", "content-type": "application/json" }).end('{"error":"slow down"}');
  if (path === "/r307") return res.writeHead(307, { location: "/json" }).end();
  if (path === "/r302") return res.writeHead(302, { location: "/json" }).end("moved");
  if (path === "/away") return res.writeHead(307, { location: `${other}/json` }).end();
  if (path === "/loop") return res.writeHead(302, { location: "/loop" }).end();
  if (path === "/reset-before") return req.socket.destroy();
  if (path === "/reset-during") {
    res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
    res.write('{"id":"half');
    return setTimeout(() => req.socket.destroy(), 20);
  }
  if (path === "/hang") return; // never answers
  res.writeHead(404).end("no such path");
}

function listen(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => (body += c));
    req.on("end", () => route(req, body, res));
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const servers: http.Server[] = [];
beforeAll(async () => {
  servers.push(await listen(), await listen());
  origin = `http://127.0.0.1:${(servers[0]!.address() as AddressInfo).port}`;
  // Another origin (host differs), for what a cross-origin redirect keeps.
  other = `http://localhost:${(servers[1]!.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const fallbacks: string[] = [];
const light = createLightFetch({
  fallback: (input, init) => {
    fallbacks.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  },
});
const both = [
  ["global fetch", fetch],
  ["light fetch", light],
] as const;

const ctxFor = (f: typeof fetch, base = origin, timeoutMs = 2000) => ({ baseUrl: base, fetch: f, timeoutMs });

async function adapterFailure(p: Promise<unknown>): Promise<AdapterError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AdapterError);
  return err as AdapterError;
}

/** Runs the same call through both fetches; returns the two results (or errors) in order. */
async function sideBySide<T>(call: (f: typeof fetch) => Promise<T>): Promise<[T, T]> {
  const out: T[] = [];
  for (const [, f] of both) out.push(await call(f));
  return out as [T, T];
}

const comparable = (s: Seen) => ({ method: s.method, url: s.url, body: s.body, headers: { ...s.headers, host: undefined, connection: undefined } });

describe("light fetch: what goes out and what comes back is what fetch does", () => {
  it("sends the same request line, headers and body as the global fetch", async () => {
    const sent = await sideBySide(async (f) => {
      seen.length = 0;
      await (await f(`${origin}/json?q=1#frag`, { method: "post", headers: { "X-Key": " k1 ", Accept: "application/json" }, body: "plain text" })).text();
      await (await f(`${origin}/json`, { method: "PUT", body: new Uint8Array([104, 105]) })).text();
      await (await f(`${origin}/json`)).text();
      return seen.map(comparable);
    });
    expect(sent[1]).toEqual(sent[0]);
    expect(sent[1][0]!.headers["content-type"]).toBe("text/plain;charset=UTF-8");
    expect((sent[1][0]!.headers as Record<string, unknown>)["x-key"]).toBe("k1");
  });

  it("answers with the same status, headers and body, decoded; 204 has no body", async () => {
    const [a, b] = await sideBySide(async (f) => {
      const r = await f(`${origin}/json`, { method: "POST", body: "x" });
      const z = await f(`${origin}/gzip`);
      const e = await f(`${origin}/empty`, { method: "DELETE" });
      return {
        status: r.status,
        type: r.headers.get("content-type"),
        multi: r.headers.get("x-multi"),
        body: await r.json(),
        zipped: await z.json(),
        empty: [e.status, e.body, await e.text()],
      };
    });
    expect(b).toEqual(a);
    expect(b.zipped).toEqual({ zipped: true });
  });

  it("follows redirects as fetch does: 307 keeps the POST, 302 turns it into a GET, another origin loses the credentials", async () => {
    const [a, b] = await sideBySide(async (f) => {
      seen.length = 0;
      const r1 = await f(`${origin}/r307`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer t" }, body: '{"a":1}' });
      const r2 = await f(`${origin}/r302`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"a":2}' });
      const r3 = await f(`${origin}/away`, { method: "POST", headers: { authorization: "Bearer t", "content-type": "application/json" }, body: "{}" });
      return { statuses: [r1.status, r2.status, r3.status], bodies: [await r1.json(), await r2.json(), await r3.json()], seen: seen.map(comparable) };
    });
    expect(b).toEqual(a);
    const hops = b.seen.filter((s) => s.url === "/json");
    expect(hops.map((s) => [s.method, s.body])).toEqual([
      ["POST", '{"a":1}'],
      ["GET", ""],
      ["POST", "{}"],
    ]);
    expect(hops[0]!.headers.authorization).toBe("Bearer t");
    expect(hops[1]!.headers["content-type"]).toBeUndefined();
    expect(hops[2]!.headers.authorization).toBeUndefined();
  });

  it("hands what it does not handle to the global fetch: FormData, Blob, Request objects, other options", async () => {
    fallbacks.length = 0;
    seen.length = 0;
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "a.png");
    expect((await light(`${origin}/json`, { method: "POST", body: form })).status).toBe(201);
    expect((await light(`${origin}/json`, { method: "POST", body: new Blob(["b"]) })).status).toBe(201);
    expect((await light(new Request(`${origin}/json`))).status).toBe(201);
    expect((await light(`${origin}/r302`, { redirect: "manual" })).status).toBe(302);
    expect(fallbacks).toHaveLength(4);
    expect(seen[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.body).toContain('filename="a.png"');
    fallbacks.length = 0;
    await (await light(`${origin}/json`, { method: "POST", body: "simple" })).text();
    expect(fallbacks).toEqual([]);
  });
});

describe("light fetch: transport failures classified as with the global fetch", () => {
  const classified = (f: typeof fetch, path: string, opts: { base?: string; timeoutMs?: number; method?: "GET" | "POST" } = {}) =>
    adapterFailure(send(ctxFor(f, opts.base, opts.timeoutMs), { method: opts.method ?? "POST", path, json: { text: "hi" } })).then((e) => ({
      kind: e.kind,
      message: e.message,
    }));

  it("a refused connection: not sent, retryable, for writes too", async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const [a, b] = await sideBySide((f) => classified(f, "/hook", { base }));
    expect(b).toEqual(a);
    expect(b).toEqual({ kind: "retryable", message: "could not reach the platform (ECONNREFUSED)" });
  });

  it("a name that does not resolve: not sent, retryable", async () => {
    const base = "http://no-such-host.invalid";
    const [a, b] = await sideBySide((f) => classified(f, "/hook", { base }));
    expect(b).toEqual(a);
    expect(b.kind).toBe("retryable");
    expect(b.message).toMatch(/^could not reach the platform \((ENOTFOUND|EAI_AGAIN)\)$/);
  });

  it("a connection reset after the request went out: a write's outcome is unknown, a read is retryable", async () => {
    for (const path of ["/reset-before", "/reset-during"]) {
      const [a, b] = await sideBySide((f) => classified(f, path));
      expect(b, path).toEqual(a);
      expect(b.kind, path).toBe("unknown_outcome");
      const [ra, rb] = await sideBySide((f) => classified(f, path, { method: "GET" }));
      expect(rb, path).toEqual(ra);
      expect(rb.kind, path).toBe("retryable");
    }
  });

  it("no answer within the timeout: a write's outcome is unknown, a read is retryable", async () => {
    const [a, b] = await sideBySide((f) => classified(f, "/hang", { timeoutMs: 150 }));
    expect(b).toEqual(a);
    expect(b).toEqual({ kind: "unknown_outcome", message: "no answer within 150 ms after the request was sent; the post may exist" });
    const [ra, rb] = await sideBySide((f) => classified(f, "/hang", { timeoutMs: 150, method: "GET" }));
    expect(rb).toEqual(ra);
    expect(rb.kind).toBe("retryable");
  });

  it("too many redirects fail as fetch fails; an answer with a status maps by its status", async () => {
    const [a, b] = await sideBySide((f) => classified(f, "/loop"));
    expect(b).toEqual(a);
    expect(b.kind).toBe("unknown_outcome");
    const [la, lb] = await sideBySide((f) => classified(f, "/limited"));
    expect(lb).toEqual(la);
    expect(lb.kind).toBe("rate_limited");
  });

  it("an already aborted signal rejects with its reason before anything is sent", async () => {
    seen.length = 0;
    const signal = AbortSignal.abort(new DOMException("stop", "TimeoutError"));
    const err = await light(`${origin}/json`, { method: "POST", body: "x", signal }).catch((e: unknown) => e);
    expect(err).toBe(signal.reason);
    expect(seen).toEqual([]);
  });
});

describe("light fetch: a timeout rejects with the signal's own reason, as fetch does", () => {
  it("while waiting for the answer", async () => {
    const signal = AbortSignal.timeout(100);
    const err = await light(`${origin}/hang`, { method: "POST", body: "x", signal }).catch((e: unknown) => e);
    expect(err).toBe(signal.reason);
    expect((err as Error).name).toBe("TimeoutError");
  });
});
