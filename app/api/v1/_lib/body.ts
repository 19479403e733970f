import { AppError } from "@/lib/errors";

/** How long a refused body is still read (and thrown away) so the client gets to read the answer. */
const DRAIN_MS = 30_000;

export function tooLarge(limit: number, what = "the request body"): AppError {
  const size = limit >= 1024 * 1024 ? `${+(limit / 1024 / 1024).toFixed(2)} MiB` : `${+(limit / 1024).toFixed(2)} KiB`;
  return new AppError("payload_too_large", `${what} is larger than ${size}`, { limit_bytes: limit });
}

/** True when the request says it carries a body: a non-zero Content-Length or any Transfer-Encoding. */
export function hasBody(req: Request): boolean {
  const len = req.headers.get("content-length");
  if (req.headers.get("transfer-encoding") !== null) return true;
  return len !== null && len.trim() !== "0";
}

/**
 * Reads the rest of a body nobody wants, throwing it away; resolves once it is all read. Answer
 * only after that: a server that answers and closes the connection (as Node does when the client
 * sent `Connection: close`) while the client is still sending makes the kernel reset it, and the
 * client never reads the answer. Memory stays flat; past DRAIN_MS the rest is abandoned.
 */
export function drain(source: ReadableStream<Uint8Array> | ReadableStreamDefaultReader<Uint8Array> | null, ms = DRAIN_MS): Promise<void> {
  if (!source) return Promise.resolve();
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = "getReader" in source ? source.getReader() : source;
  } catch {
    return Promise.resolve(); // already being read by someone else
  }
  // A client that stalls mid-body must not hold the answer: each read races the time left.
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<"expired">((resolve) => (timer = setTimeout(() => resolve("expired"), ms)));
  return (async () => {
    try {
      for (;;) {
        const r = await Promise.race([reader.read(), expired]);
        if (r === "expired") return void reader.cancel().catch(() => {});
        if (r.done) return;
      }
    } catch {
      // the client went away: nothing left to drain
    } finally {
      clearTimeout(timer);
    }
  })();
}

/**
 * The whole body as bytes, refusing it with 413 past `limit`: first by its declared
 * Content-Length (nothing is read), then by counting while it streams in (nothing past the
 * limit is kept). A refused body is drained in the background, never buffered.
 */
export async function readLimited(req: Request, limit: number, what?: string): Promise<Uint8Array> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await drain(req.body);
    throw tooLarge(limit, what);
  }
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    seen += value.byteLength;
    if (seen > limit) {
      chunks.length = 0;
      await drain(reader);
      throw tooLarge(limit, what);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * The body's chunks for a handler that streams it (uploads), refused with 413 past `limit`: up
 * front by a declared Content-Length, and by counting what is read (a chunked upload declares
 * none). If the consumer stops early (a size or type error), the rest is drained instead of
 * cancelled, which would reset the connection before the answer is read.
 */
export async function bodyChunks(req: Request, limit: number, what?: string): Promise<AsyncIterable<Uint8Array>> {
  const declared = req.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared.trim()) && Number(declared) > limit) {
    await drain(req.body);
    throw tooLarge(limit, what);
  }
  const body = req.body;
  return {
    [Symbol.asyncIterator]() {
      const reader = body?.getReader() ?? null;
      let finished = !reader;
      let seen = 0;
      return {
        async next() {
          if (!reader || finished) return { done: true, value: undefined };
          const r = await reader.read();
          if (r.done) finished = true;
          if (r.done) return { done: true, value: undefined };
          seen += r.value.byteLength;
          if (seen > limit) {
            finished = true;
            await drain(reader);
            throw tooLarge(limit, what);
          }
          return { done: false, value: r.value };
        },
        async return() {
          if (reader && !finished) await drain(reader);
          finished = true;
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/** The body as UTF-8 text (bad UTF-8 is a 400, not silently replaced), within `limit` bytes. */
export async function readLimitedText(req: Request, limit: number, what?: string): Promise<string> {
  const bytes = await readLimited(req, limit, what);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("bad_request:json", "the request body is not UTF-8 text");
  }
}
