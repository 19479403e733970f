import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installAsSystemResolver, rebindingResolver } from "@/scripts/test/rebinding";
import { checkLink, checkLinks, clearLinkCache } from "./links";

let server: http.Server;
let base = "";
const port = () => (server.address() as AddressInfo).port;
const seen: string[] = [];
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const url = req.url ?? "/";
    if (url === "/ok") return res.writeHead(200).end("fine");
    if (url === "/missing") return res.writeHead(404).end("nope");
    if (url === "/moved") return res.writeHead(301, { location: "/ok" }).end();
    if (url === "/moved-away") return res.writeHead(302, { location: "/missing" }).end();
    if (url.startsWith("/to-host/")) return res.writeHead(302, { location: `http://${url.slice(9)}:${port()}/ok` }).end();
    if (url === "/loop") return res.writeHead(302, { location: "/loop" }).end();
    if (url === "/no-head") return res.writeHead(req.method === "HEAD" ? 405 : 200).end();
    if (url === "/slow") return; // never answers
    if (url.startsWith("/busy")) {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200).end();
      }, 40);
      return;
    }
    res.writeHead(500).end();
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});
beforeEach(() => {
  clearLinkCache();
  seen.length = 0;
});

const opts = { timeoutMs: 1000, allowPrivate: true };

describe("link check against a loopback server", () => {
  it("passes a 2xx link with a single HEAD", async () => {
    expect(await checkLink(`${base}/ok`, opts)).toEqual({ url: `${base}/ok`, ok: true, status: 200 });
    expect(seen).toEqual(["HEAD /ok"]);
  });

  it("fails a 404, after trying GET as well", async () => {
    const r = await checkLink(`${base}/missing`, opts);
    expect(r).toMatchObject({ ok: false, status: 404, problem: expect.stringMatching(/answered 404/) });
    expect(seen).toEqual(["HEAD /missing", "GET /missing"]);
  });

  it("follows 301 to a 200, and fails a redirect to a 404", async () => {
    expect(await checkLink(`${base}/moved`, opts)).toMatchObject({ ok: true, status: 200 });
    expect(seen).toEqual(["HEAD /moved", "HEAD /ok"]);
    expect(await checkLink(`${base}/moved-away`, opts)).toMatchObject({ ok: false, status: 404 });
  });

  it("gives up on endless redirects", async () => {
    expect(await checkLink(`${base}/loop`, { ...opts, maxRedirects: 3 })).toMatchObject({ ok: false, problem: "redirects more than 3 times" });
  });

  it("falls back to GET when HEAD is refused", async () => {
    expect(await checkLink(`${base}/no-head`, opts)).toMatchObject({ ok: true, status: 200 });
  });

  it("fails a link that does not answer within the timeout", async () => {
    const r = await checkLink(`${base}/slow`, { ...opts, timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, problem: "did not answer within 0.3 s" });
  });

  it("refuses a private address unless allowed, without sending anything", async () => {
    const r = await checkLink(`${base}/ok`, { ...opts, allowPrivate: false });
    expect(r).toMatchObject({ ok: false, problem: expect.stringMatching(/private network address/) });
    expect(seen).toEqual([]);
    expect(await checkLink("http://169.254.169.254/latest/meta-data", { ...opts, allowPrivate: false })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/private/),
    });
  });

  it("caches an answer per URL for a while", async () => {
    await checkLink(`${base}/ok`, opts);
    await checkLink(`${base}/ok`, opts);
    expect(seen).toEqual(["HEAD /ok"]);
    clearLinkCache();
    await checkLink(`${base}/ok`, opts);
    expect(seen).toHaveLength(2);
  });

  it("checks many links with at most `concurrency` at once, answers in order", async () => {
    maxInFlight = 0;
    const urls = Array.from({ length: 9 }, (_, i) => `${base}/busy/${i}`);
    const results = await checkLinks(urls, { ...opts, concurrency: 3 });
    expect(results.map((r) => r.url)).toEqual(urls);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(3);
  });

  it("reports a refused connection", async () => {
    const closed = http.createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((ok) => closed.close(ok));
    expect(await checkLink(`http://127.0.0.1:${port}/`, opts)).toMatchObject({ ok: false, problem: "refused the connection" });
  });
});

describe("DNS rebinding", () => {
  it("connects to the address it checked, never to a second answer of the name", async () => {
    // 203.0.113.10 is a documentation address: public to the check, and nobody answers there.
    const rebinding = rebindingResolver("203.0.113.10", "127.0.0.1");
    // The process's own resolver answers the same way, so any second resolution meets it too.
    const restore = installAsSystemResolver(rebinding.resolve);
    try {
      const r = await checkLink(`http://rebind.test:${port()}/ok`, { timeoutMs: 300, allowPrivate: false, resolver: rebinding.resolve });
      expect(r.ok).toBe(false);
      expect(seen).toEqual([]); // the loopback server was never reached
      expect(rebinding.asked).toEqual(["rebind.test"]); // HEAD and GET both went to the checked address
    } finally {
      restore();
    }
  });

  it("resolves every redirect hop through the same checked lookup", async () => {
    // The system cannot resolve hop.test: only the injected resolver knows it, so reaching /ok
    // proves the hop was resolved once, checked and connected to through that resolver.
    const asked: string[] = [];
    const resolver = async (host: string) => (asked.push(host), host === "hop.test" ? [{ address: "127.0.0.1", family: 4 as const }] : []);
    expect(await checkLink(`${base}/to-host/hop.test`, { ...opts, resolver })).toMatchObject({ ok: true, status: 200 });
    expect(seen).toEqual(["HEAD /to-host/hop.test", "HEAD /ok"]);
    expect(asked).toEqual(["hop.test"]);
    // Without the private allowance the hop is refused before any request is made to it.
    clearLinkCache();
    seen.length = 0;
    const refused = await checkLink(`http://hop.test:${port()}/ok`, { ...opts, allowPrivate: false, resolver });
    expect(refused).toMatchObject({ ok: false, problem: expect.stringMatching(/private network/) });
    expect(seen).toEqual([]);
  });

  it("names a host that does not exist, first or after a redirect", async () => {
    const resolver = async (host: string) => (host === "here.test" ? [{ address: "127.0.0.1", family: 4 as const }] : []);
    expect(await checkLink("http://nowhere.test/x", { ...opts, resolver })).toMatchObject({ ok: false, problem: "its host does not exist" });
    expect(await checkLink(`http://here.test:${port()}/to-host/nowhere.test`, { ...opts, resolver })).toMatchObject({
      ok: false,
      problem: `redirects to http://nowhere.test:${port()}/ok, whose host does not exist`,
    });
  });
});
