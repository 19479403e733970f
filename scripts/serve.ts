/**
 * The production server `npm start` runs: Next.js's own request handler behind a small front door
 * for what Next.js cannot answer itself. A path with broken percent-encoding (`/x/%C0%AE`) makes
 * Next.js fail before any route code runs and answer a bare 500; a request line and headers past
 * Node's limit get a bare 431 and a closed socket. Both get a JSON error here instead, after the
 * body (if any) has been read off the wire, so the client is never reset mid-send.
 */
import http from "node:http";
import type { Duplex } from "node:stream";
import zlib from "node:zlib";
import compression from "compression";
import next from "next";
import { BROTLI_QUALITY, FRONT_DOOR_HEADER, GZIP_LEVEL, PACKED_HEADER } from "../lib/http/encoding";
import { PEER_ADDRESS_HEADER } from "../lib/http/peer";

/** Request line and headers together (Node's default is 16 KiB): long URLs reach the app. */
const MAX_HEADER_BYTES = 256 * 1024;
/** How long a refused body is still read before the answer goes anyway. */
const DRAIN_MS = 30_000;
const FIXED_HEADERS = { "content-type": "application/json", "x-content-type-options": "nosniff", "cache-control": "no-store" };

/**
 * Answers are compressed here at the fast settings of lib/http/encoding instead of by Next.js
 * (gzip level 6). Same rules as Next.js's own: 1 KiB and up, compressible types. An answer the app
 * sends already packed (a Content-Encoding set) passes as it is.
 */
// Typed for Express; it reads only Node's own request and response.
const compress = compression({
  level: GZIP_LEVEL,
  threshold: 1024,
  brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
}) as unknown as (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

/**
 * Turns the app's PACKED_HEADER into Content-Encoding as it is set (Next.js sets a route's headers
 * one by one, before the first write), so the compressor sees the answer as already encoded.
 */
function passPacked(res: http.ServerResponse) {
  const set = res.setHeader.bind(res);
  const append = res.appendHeader.bind(res);
  res.setHeader = (name, value) => (name.toLowerCase() === PACKED_HEADER ? set("content-encoding", value) : set(name, value));
  res.appendHeader = (name, value) => (name.toLowerCase() === PACKED_HEADER ? set("content-encoding", value) : append(name, value));
}

function errorJson(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** True when the path (not the query) is valid percent-encoded UTF-8, as Next.js needs it. */
export function pathDecodes(url: string | undefined): boolean {
  const pathOnly = (url ?? "/").split("?")[0]!;
  try {
    decodeURIComponent(pathOnly);
    return true;
  } catch {
    return false;
  }
}

/** Reads the request's body off the wire and drops it, then calls `next` (at the latest after DRAIN_MS). */
function afterBody(req: http.IncomingMessage, next: () => void) {
  let done = false;
  const go = () => {
    if (done) return;
    done = true;
    next();
  };
  req.on("end", go);
  req.on("error", go);
  setTimeout(go, DRAIN_MS).unref();
  req.resume();
}

function refuse(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: string) {
  afterBody(req, () => {
    res.writeHead(status, { ...FIXED_HEADERS, "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
}

/** Node's parser refused the request before any handler saw it: answer in JSON, then close. */
function onClientError(err: NodeJS.ErrnoException, socket: Duplex) {
  if (!socket.writable || (err.code !== "HPE_HEADER_OVERFLOW" && err.code !== "HPE_INVALID_URL" && err.code !== "HPE_INVALID_METHOD")) {
    socket.destroy();
    return;
  }
  const [status, reason, body] =
    err.code === "HPE_HEADER_OVERFLOW"
      ? [
          431,
          "Request Header Fields Too Large",
          errorJson("request_header_fields_too_large", `the request line and headers are larger than ${MAX_HEADER_BYTES / 1024} KiB`),
        ]
      : [400, "Bad Request", errorJson("bad_request:http", "the request is not valid HTTP")];
  const head = Object.entries({ ...FIXED_HEADERS, "content-length": String(Buffer.byteLength(body)), connection: "close" })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${status} ${reason}\r\n${head}\r\n${body}`);
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  // Listens on every interface, as `next start` does; Next.js itself is told the local name.
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (req, res) => {
    if (!pathDecodes(req.url)) return refuse(req, res, 400, errorJson("bad_request:path", "the path is not valid percent-encoded UTF-8"));
    // The socket's peer, for limits per address (lib/rate-limit.ts); a client cannot set it.
    req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
    // Answers the app sends packed name their coding in PACKED_HEADER (lib/http/encoding.ts).
    req.headers[FRONT_DOOR_HEADER] = "1";
    passPacked(res);
    // Next.js hands no body to a GET or HEAD route, so nothing would read one off the wire and a big
    // answer could reach the client as a reset: read it here (and drop it), then answer.
    if ((req.method === "GET" || req.method === "HEAD") && (req.headers["transfer-encoding"] || Number(req.headers["content-length"] ?? 0) > 0)) {
      return afterBody(req, () => compress(req, res, () => void handle(req, res)));
    }
    compress(req, res, () => void handle(req, res));
  });
  server.on("clientError", onClientError);
  // An idle kept-alive connection is closed after 65 s, not Node's 5 s: with 5 s a client that
  // reuses the connection just as the server closes it gets a reset (seen in the e2e suite as an
  // ECONNRESET on a plain GET). Proxies and browsers keep idle connections for less than this.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, () => process.stdout.write(`Serving on http://localhost:${port}\n`));
  // The job runner's own handler (jobs/boot.ts) releases its leases, closes the database and exits;
  // here the server only stops taking connections, with a last resort if nothing else exits.
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.once(sig, () => {
      server.close();
      setTimeout(() => process.exit(0), 10_000).unref();
    });
}

if (process.argv[1]?.endsWith("serve.ts")) void main();
