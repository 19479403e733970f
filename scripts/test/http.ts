import zlib from "node:zlib";
import { NextRequest } from "next/server";
import { PACKED_HEADER } from "@/lib/http/encoding";
import type { Operation } from "@/lib/operations";
import { contractProblems } from "./api-contract";

type Handler = ((req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>) & { operation?: Pick<Operation, "method" | "path"> };

/**
 * Calls a route handler the way Next.js does, and reads the JSON answer. An answer of a declared
 * operation that differs from its documented status or schema fails the test at once.
 */
export async function call(
  handler: Handler,
  opts: { method?: string; path?: string; token?: string | null; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers["content-type"] ??= "application/json";
  const req = new NextRequest(new URL(opts.path ?? "/api/v1/test", "http://localhost:3000"), {
    method: opts.method ?? "GET",
    headers,
    body: opts.body === undefined ? undefined : typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body),
  });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  const isJson = /json/.test(res.headers.get("content-type") ?? "application/json");
  assertAsDocumented(handler, res.status, res.headers.get("content-type") ?? "", text);
  return { status: res.status, text, headers: res.headers, json: text && isJson ? (JSON.parse(text) as Record<string, any>) : null }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

function assertAsDocumented(handler: Handler, status: number, contentType: string, text: string) {
  if (!handler.operation) return;
  const problems = contractProblems(handler.operation, status, contentType, text);
  if (problems.length)
    throw new Error(
      `${handler.operation.method.toUpperCase()} ${handler.operation.path} answered ${status} unlike its OpenAPI entry:\n  ${problems.join("\n  ")}\n${text.slice(0, 600)}`,
    );
}

/**
 * Sends a request the test built itself (uploads, CSV, streams) to a route handler, and checks the
 * answer against the operation's OpenAPI entry like `call` does. A streamed answer (server-sent
 * events) is checked by its status and type only, and handed back unread.
 */
export async function send(handler: Handler, req: NextRequest, ctx: { params: Promise<Record<string, string>> } = { params: Promise.resolve({}) }) {
  const res = await handler(req, ctx);
  const type = res.headers.get("content-type") ?? "";
  assertAsDocumented(handler, res.status, type, /event-stream/.test(type) ? "" : await res.clone().text());
  return res;
}

/** A route's answer body, unpacked from the coding the app named in PACKED_HEADER (what the front door sends as Content-Encoding). */
export async function unpacked(res: Response): Promise<{ coding: string | null; text: string; bytes: number }> {
  const raw = Buffer.from(await res.arrayBuffer());
  const coding = res.headers.get(PACKED_HEADER);
  const body = coding === "br" ? zlib.brotliDecompressSync(raw) : coding === "gzip" ? zlib.gunzipSync(raw) : raw;
  return { coding, text: body.toString(), bytes: raw.length };
}
