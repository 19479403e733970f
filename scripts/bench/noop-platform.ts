/**
 * The no-op platform of the dispatch benchmarks, in its own process (forked by dispatch-setup.ts)
 * so that answering the posts takes no CPU from the dispatcher being measured: answers every POST
 * at once and reports, every 50 ms over IPC, when each idempotency key first arrived.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

let fresh: [string, number][] = [];
let calls = 0;
const seen = new Set<string>();
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    calls++;
    const key = String(req.headers["idempotency-key"] ?? "");
    if (!seen.has(key)) {
      seen.add(key);
      fresh.push([key, Date.now()]);
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ id: key }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.send!({ port: (server.address() as AddressInfo).port });
});
setInterval(() => {
  if (!fresh.length) return;
  process.send!({ arrivals: fresh, calls });
  fresh = [];
}, 50);
process.on("message", (m: { clear?: boolean }) => {
  if (m.clear) seen.clear();
});
process.on("disconnect", () => process.exit(0));
