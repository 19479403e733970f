/**
 * Raw HTTP for the fuzz suite. node:http rather than fetch: the path goes out byte for byte (fetch
 * would resolve `..` and re-encode `%00`), any header or body can be sent, and a reset connection
 * surfaces as an error we can count instead of a retry we never see.
 */
import http from "node:http";

export interface Sent {
  method: string;
  /** Path and query exactly as written on the request line. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
  /** Set when no HTTP answer came: reset, hang-up, refused, timeout. */
  error?: string;
}

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 8 });

/**
 * Sends one request; never throws. Event streams are closed once their headers arrived. Fuzz
 * requests each get a connection of their own (`fresh`), so a reset is the doing of that request,
 * never of the one before it on a reused socket.
 */
export function send(base: string, req: Sent, opts: { timeoutMs?: number; fresh?: boolean } = {}): Promise<Answer> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const agent = opts.fresh ? false : keepAlive;
  const url = new URL(base);
  const started = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (a: Omit<Answer, "ms">) => {
      if (done) return;
      done = true;
      resolve({ ...a, ms: performance.now() - started });
    };
    let r: http.ClientRequest;
    try {
      // Always framed: Node sends a GET or DELETE body unframed unless told its length.
      const headers = req.body ? { ...req.headers, "content-length": String(req.body.length) } : req.headers;
      r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent });
    } catch (err) {
      // The client itself refused (e.g. a character Node will not put on the request line).
      finish({ status: 0, headers: {}, text: "", error: `client refused: ${(err as Error).message}` });
      return;
    }
    r.setTimeout(timeoutMs, () => {
      finish({ status: 0, headers: {}, text: "", error: `no answer within ${timeoutMs / 1000} s` });
      r.destroy();
    });
    r.on("error", (err: NodeJS.ErrnoException) => finish({ status: 0, headers: {}, text: "", error: err.code ?? err.message }));
    r.on("response", (res) => {
      if (/text\/event-stream/.test(res.headers["content-type"] ?? "")) {
        finish({ status: res.statusCode ?? 0, headers: res.headers, text: "" });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", (err: NodeJS.ErrnoException) =>
        finish({ status: 0, headers: {}, text: "", error: `${err.code ?? err.message} while reading the answer` }),
      );
      res.on("end", () => finish({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    r.end(req.body);
  });
}

/** JSON request with a token (or a session cookie), for setup and fingerprints. */
export async function api(base: string, method: string, path: string, auth: { token?: string; cookie?: string }, body?: unknown) {
  const headers: Record<string, string> = { accept: "application/json" };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) {
    headers.cookie = auth.cookie;
    headers.origin = base;
  }
  let payload: Buffer | undefined;
  if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = Buffer.from(JSON.stringify(body));
  }
  for (let attempt = 0; ; attempt++) {
    const a = await send(base, { method, path, headers, body: payload });
    if (a.status === 429 && attempt < 20) {
      await backOff(a);
      continue;
    }
    // A kept-alive socket the server had just closed: the harness's own reads try again.
    if (a.error && attempt < 3) continue;
    if (a.status < 200 || a.status >= 300) throw new Error(`${method} ${path} answered ${a.status || a.error}: ${a.text.slice(0, 300)}`);
    return a.text ? JSON.parse(a.text) : null;
  }
}

/** Waits as long as a 429 asks, within reason: a rate limit is a legitimate refusal, not a finding. */
export function backOff(a: Answer) {
  const s = Number(a.headers["retry-after"] ?? 1);
  return new Promise((r) => setTimeout(r, Math.min(Number.isFinite(s) ? s : 1, 5) * 1000));
}
