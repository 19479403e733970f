import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFaultProxy, type FaultProxy } from "./fault-proxy";

// A server that counts what reaches it and echoes the request back.
let hits: { method: string; path: string; body: string; host: string }[] = [];
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString();
    hits.push({ method: req.method!, path: req.url!, body, host: req.headers.host ?? "" });
    res.writeHead(201, { "content-type": "application/json", "x-server": "real" });
    res.end(JSON.stringify({ n: hits.length, path: req.url, body }));
  });
});
let proxy: FaultProxy;
let origin: string;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy = await startFaultProxy(origin);
});
afterAll(async () => {
  await proxy.close();
  await new Promise((r) => server.close(r));
});
afterEach(() => {
  hits = [];
  proxy.clear();
  proxy.seen.length = 0;
});

const post = (path: string, body = "{}", signal?: AbortSignal) =>
  fetch(`${proxy.url}${path}`, { method: "POST", body, headers: { "content-type": "application/json" }, signal });

describe("fault proxy", () => {
  it("passes requests through unchanged, with the server's host, status, headers and body", async () => {
    const res = await post("/a/b?x=1", '{"hello":"wörld"}');
    expect(res.status).toBe(201);
    expect(res.headers.get("x-server")).toBe("real");
    expect(await res.json()).toEqual({ n: 1, path: "/a/b?x=1", body: '{"hello":"wörld"}' });
    expect(hits).toEqual([{ method: "POST", path: "/a/b?x=1", body: '{"hello":"wörld"}', host: new URL(origin).host }]);
    expect(proxy.seen).toEqual([{ method: "POST", path: "/a/b?x=1", fault: null, upstreamStatus: 201 }]);
  });

  it("answers 503 itself, once, without reaching the server", async () => {
    proxy.inject({ fault: "503" });
    expect((await post("/x")).status).toBe(503);
    expect(hits).toHaveLength(0);
    expect((await post("/x")).status).toBe(201);
    expect(hits).toHaveLength(1);
  });

  it("resets before forwarding: the client sees a network error and the server nothing", async () => {
    proxy.inject({ fault: "reset" });
    await expect(post("/x")).rejects.toThrow();
    expect(hits).toHaveLength(0);
    expect(proxy.seen[0]).toMatchObject({ fault: "reset", upstreamStatus: null });
  });

  it("loses the answer after the server acted", async () => {
    proxy.inject({ fault: "lost" });
    await expect(post("/create", '{"post":1}')).rejects.toThrow();
    expect(hits.map((h) => h.body)).toEqual(['{"post":1}']);
    expect(proxy.seen[0]).toMatchObject({ fault: "lost", upstreamStatus: 201 });
  });

  it("holds a slow answer past the client's timeout while the server has acted", async () => {
    proxy.inject({ fault: "slow", delayMs: 2_000 });
    await expect(post("/create", "{}", AbortSignal.timeout(200))).rejects.toThrow();
    expect(hits).toHaveLength(1);
    // Held answers still arrive for a patient client.
    proxy.inject({ fault: "slow", delayMs: 50 });
    expect((await post("/create")).status).toBe(201);
  });

  it("applies a rule only to matching requests, as many times as asked", async () => {
    proxy.inject({ fault: "503", match: (r) => r.method === "POST" && r.path.startsWith("/create"), times: 2 });
    expect((await fetch(`${proxy.url}/read`)).status).toBe(201);
    expect((await post("/create")).status).toBe(503);
    expect((await post("/create")).status).toBe(503);
    expect((await post("/create")).status).toBe(201);
    expect(proxy.seen.map((s) => s.fault)).toEqual([null, "503", "503", null]);
  });
});
