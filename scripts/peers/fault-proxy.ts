/**
 * A loopback HTTP proxy of our own between an adapter and a real server, which fails on request.
 * A real server does not fail when a test needs it to; this one does, in the four ways the
 * publishing engine must survive:
 *
 * - `503`: answers 503 Service Unavailable itself; nothing reaches the server.
 * - `slow`: forwards the request and holds the server's answer for `delayMs` (default 30 s), so
 *   the adapter's timeout fires after the server has acted: an unknown outcome.
 * - `reset`: closes the connection before anything is forwarded; nothing reaches the server.
 * - `lost`: forwards the request, reads the server's whole answer, then closes the connection
 *   without sending a byte of it: the server acted and the adapter cannot know.
 *
 * A rule applies to the next `times` requests it matches (default 1); requests that match no
 * rule pass through unchanged. Every request is recorded in `seen` with what was done to it.
 */
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export type ProxyFault = "503" | "slow" | "reset" | "lost";

export interface ProxiedRequest {
  method: string;
  /** Path and query, as the client sent them. */
  path: string;
}

export interface FaultRule {
  fault: ProxyFault;
  /** Which requests it applies to; every request when absent. */
  match?: (req: ProxiedRequest) => boolean;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** `slow` only: how long the answer is held (default 30 s). */
  delayMs?: number;
}

export interface SeenRequest extends ProxiedRequest {
  /** The fault applied, if any. */
  fault: ProxyFault | null;
  /** The server's status, when the request was forwarded and answered. */
  upstreamStatus: number | null;
}

export interface FaultProxy {
  /** The proxy's origin (`http://127.0.0.1:PORT`), to use in place of the server's. */
  url: string;
  inject(rule: FaultRule): void;
  clear(): void;
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: (FaultRule & { left: number })[] = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const take = (req: ProxiedRequest): FaultRule | null => {
    const i = rules.findIndex((r) => r.left > 0 && (!r.match || r.match(req)));
    if (i < 0) return null;
    const rule = rules[i]!;
    if (--rule.left <= 0) rules.splice(i, 1);
    return rule;
  };

  const server = http.createServer((req, res) => {
    const info: ProxiedRequest = { method: req.method ?? "GET", path: req.url ?? "/" };
    const rule = take(info);
    const record: SeenRequest = { ...info, fault: rule?.fault ?? null, upstreamStatus: null };
    seen.push(record);

    if (rule?.fault === "reset") {
      req.socket.destroy();
      return;
    }
    if (rule?.fault === "503") {
      req.resume();
      res.writeHead(503, { "content-type": "text/plain", "retry-after": "1", connection: "close" });
      res.end("Service Unavailable (injected by the test proxy)");
      return;
    }

    const headers = { ...req.headers, host: upstream.host };
    const forward = http.request(
      { protocol: upstream.protocol, hostname: upstream.hostname, port: upstream.port, method: info.method, path: info.path, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (c: Buffer) => chunks.push(c));
        answer.on("end", () => {
          record.upstreamStatus = answer.statusCode ?? null;
          if (rule?.fault === "lost") {
            req.socket.destroy();
            return;
          }
          const send = () => {
            if (res.destroyed) return;
            const out = { ...answer.headers };
            delete out["transfer-encoding"];
            out["content-length"] = String(Buffer.concat(chunks).length);
            res.writeHead(answer.statusCode ?? 502, out);
            res.end(Buffer.concat(chunks));
          };
          if (rule?.fault === "slow") {
            const t = setTimeout(() => {
              timers.delete(t);
              send();
            }, rule.delayMs ?? 30_000);
            timers.add(t);
          } else send();
        });
        answer.on("error", () => req.socket.destroy());
      },
    );
    forward.on("error", () => {
      if (!res.headersSent) {
        res.writeHead(502, { "content-type": "text/plain" });
        res.end("Bad Gateway: the server behind the test proxy did not answer");
      } else req.socket.destroy();
    });
    req.pipe(forward);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    inject: (rule) => void rules.push({ ...rule, left: rule.times ?? 1 }),
    clear: () => void rules.splice(0),
    seen,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
