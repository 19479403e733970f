import http from "node:http";

export interface RawAnswer {
  status: number | null;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** The socket error (ECONNRESET, EPIPE…) when no whole answer arrived. */
  error: string | null;
}

/**
 * One request on its own connection, its body (`bytes` spaces) streamed in 64 KiB chunks as the
 * socket takes them, so a 200 MiB body costs the sender no memory. With `withLength` false the
 * body goes chunked. Never rejects: a reset or a refused connection is reported in `error`.
 */
export function sendRaw(
  base: string,
  method: string,
  path: string,
  bytes: number,
  headers: Record<string, string> = {},
  withLength = true,
): Promise<RawAnswer> {
  const u = new URL(base);
  return new Promise((resolve) => {
    const req = http.request({
      host: u.hostname,
      port: u.port,
      method,
      path,
      agent: false,
      headers: { ...headers, ...(bytes && withLength ? { "content-length": String(bytes) } : {}) },
    });
    const out: RawAnswer = { status: null, headers: {}, body: "", error: null };
    const failed = (e: Error) => resolve({ ...out, error: (e as NodeJS.ErrnoException).code ?? e.message });
    req.on("response", (res) => {
      out.status = res.statusCode ?? null;
      out.headers = res.headers;
      res.setEncoding("utf8");
      res.on("data", (d: string) => (out.body += d));
      res.on("end", () => resolve(out));
      res.on("error", failed);
    });
    req.on("error", failed);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}
