import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { getConfig } from "@/lib/config";
import { openApiDocument } from "@/lib/openapi/document";
import { contentItems, signatures } from "@/db/schema";
import { createApiToken } from "@/lib/auth/tokens";
import * as content from "./content/route";
import * as signaturesRoute from "./signatures/route";
import * as templates from "./templates/route";
import * as tokens from "./tokens/route";
import * as tokenOne from "./tokens/[id]/route";
import * as importer from "./import/csv/route";
import * as media from "./media/route";
import * as unknown from "./[[...path]]/route";
import * as nextauth from "../auth/[...nextauth]/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let cookie: string;
const origin = () => new URL(getConfig().nextauthUrl).origin;
const MiB = 1024 * 1024;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const jwt = await encode({ token: { uid: A.actors.admin.userId, sub: A.actors.admin.userId }, secret: getConfig().nextauthSecret });
  cookie = `next-auth.session-token=${jwt}`;
});

/** A request whose body streams `total` bytes of JSON-ish filler, generated as it is read. */
function streamed(url: string, total: number, headers: Record<string, string>) {
  let sent = 0;
  const chunk = new Uint8Array(256 * 1024).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= total) return c.close();
      sent += chunk.byteLength;
      c.enqueue(chunk);
    },
  });
  return {
    req: new NextRequest(url, { method: "POST", headers, body, duplex: "half" } as unknown as ConstructorParameters<typeof NextRequest>[1]),
    sent: () => sent,
  };
}

describe("text the database cannot store", () => {
  it("is a 400 naming the field, in JSON bodies, and nothing is written", async () => {
    const before = (await ref.current.db.select().from(contentItems).where(eq(contentItems.workspaceId, A.workspace.id))).length;
    // What JSON.parse makes of the escapes "\u0000" and "\ud800" (a NUL and a lone surrogate).
    for (const title of ["a\u0000b", "\ud800", "x\udc00", "bell\u0007"]) {
      const r = await call(content.POST, { method: "POST", token: A.tokens.editor, body: JSON.stringify({ title, content: "fine", content_type: "post" }) });
      expect(r.status, JSON.stringify(title)).toBe(400);
      expect(r.json!.error.code).toBe("bad_request:validation");
      expect(r.json!.error.details[0].field).toBe("title");
      expect(r.json!.error.message).toMatch(/^title: /);
    }
    const raw = await call(content.POST, { method: "POST", token: A.tokens.editor, body: '{"title":"ok","content":"\\u0000\\ud800","content_type":"post"}' });
    expect(raw.status).toBe(400);
    expect(raw.json!.error.details[0].field).toBe("content");
    const after = (await ref.current.db.select().from(contentItems).where(eq(contentItems.workspaceId, A.workspace.id))).length;
    expect(after).toBe(before);
    // A pair is fine (an emoji), and so are tabs and line breaks.
    const ok = await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title: "fine 😀", content: "a\tb\r\nc", content_type: "post" } });
    expect(ok.status).toBe(201);
  });

  it("is a 400 in a signature name and a template body", async () => {
    const sig = await call(signaturesRoute.POST, { method: "POST", token: A.tokens.editor, body: { name: "\u0000\ud800", body: "— the team" } });
    expect(sig.status).toBe(400);
    expect(sig.json!.error.details[0].field).toBe("name");
    const tpl = await call(templates.POST, { method: "POST", token: A.tokens.editor, body: { name: "T", body: "hello \u0000" } });
    expect(tpl.status).toBe(400);
    expect(tpl.json!.error.details[0].field).toBe("body");
    expect(await ref.current.db.select().from(signatures).where(eq(signatures.workspaceId, A.workspace.id))).toHaveLength(0);
  });

  it("is a 400 in query strings (values and names), on routes with and without a query schema", async () => {
    const q = await call(content.GET, { token: A.tokens.viewer, path: "/api/v1/content?q=%00" });
    expect(q.status).toBe(400);
    expect(q.json!.error.details[0].field).toBe("q");
    const name = await call(tokens.GET, { token: A.tokens.admin, path: "/api/v1/tokens?a%01b=1" });
    expect(name.status).toBe(400);
    expect(name.json!.error.code).toBe("bad_request:validation");
    // The upload's file name comes from the query too.
    const up = await call(media.POST, {
      method: "POST",
      token: A.tokens.editor,
      path: "/api/v1/media?filename=a%00.png",
      body: "x",
      headers: { "content-type": "image/png" },
    });
    expect(up.status).toBe(400);
    expect(up.json!.error.details[0].field).toBe("filename");
  });

  it("is a row error naming the column in a CSV import", async () => {
    const csv = "title,content\nGood,fine\nBad\u0000,fine\nAlso,bad\u0001\n";
    const res = await send(
      importer.POST,
      new NextRequest("http://localhost:3000/api/v1/import/csv?dry_run=true", {
        method: "POST",
        headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "text/csv" },
        body: csv,
      }),
      { params: Promise.resolve({}) },
    );
    expect(res.status).toBe(200);
    const out = (await res.json()) as { rows: { line: number; status: string; errors?: { field: string; message: string }[] }[] };
    expect(out.rows.map((r) => r.status)).toEqual(["ok", "error", "error"]);
    expect(out.rows[1]).toMatchObject({ line: 3, errors: [{ field: "title" }] });
    expect(out.rows[2]).toMatchObject({ line: 4, errors: [{ field: "content" }] });
  });
});

describe("body limits", () => {
  it("refuses a JSON body over the limit by its Content-Length, reading it only to throw it away", async () => {
    const rss0 = process.memoryUsage().rss;
    const { req, sent } = streamed("http://localhost:3000/api/v1/content", 200 * MiB, {
      authorization: `Bearer ${A.tokens.editor}`,
      "content-type": "application/json",
      "content-length": String(200 * MiB),
    });
    const res = await send(content.POST, req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    // All of it was taken off the wire before the answer (so the client reads it), none of it kept.
    expect(sent()).toBeGreaterThanOrEqual(200 * MiB);
    expect(process.memoryUsage().rss - rss0).toBeLessThan(50 * MiB);
  });

  it("streams 200 MiB without a Content-Length: 413, memory unchanged", async () => {
    global.gc?.();
    const rss0 = process.memoryUsage().rss;
    const { req } = streamed("http://localhost:3000/api/v1/content", 200 * MiB, {
      authorization: `Bearer ${A.tokens.editor}`,
      "content-type": "application/json",
    });
    const res = await send(content.POST, req, { params: Promise.resolve({}) });
    const grown = process.memoryUsage().rss - rss0;
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error: { code: string; message: string; details: { limit_bytes: number } } };
    expect(body.error).toMatchObject({ code: "payload_too_large", details: { limit_bytes: getConfig().maxJsonBodyBytes } });
    expect(body.error.message).toContain("1 MiB");
    expect(grown).toBeLessThan(50 * MiB);
  });

  it("accepts a body just under the limit", async () => {
    const pad = "x".repeat(getConfig().maxJsonBodyBytes - 200);
    const r = await call(content.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: JSON.stringify({ title: "big", content: "c", content_type: "post", summary: pad }),
    });
    expect(r.status).not.toBe(413);
  });

  it("caps the sign-in endpoint at 16 KiB before next-auth reads anything", async () => {
    const rss0 = process.memoryUsage().rss;
    const { req } = streamed("http://localhost:3000/api/auth/callback/credentials", 300 * MiB, { "content-type": "application/x-www-form-urlencoded" });
    const res = await nextauth.POST(req, { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
    expect(process.memoryUsage().rss - rss0).toBeLessThan(50 * MiB);
    const nul = await nextauth.POST(
      new NextRequest("http://localhost:3000/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "email=a%00%40b.c&password=x",
      }),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(nul.status).toBe(400);
  });

  it("refuses a CSV over its own 20 MB limit with 413 by Content-Length", async () => {
    const { req } = streamed("http://localhost:3000/api/v1/import/csv", 30 * MiB, {
      authorization: `Bearer ${A.tokens.editor}`,
      "content-type": "text/csv",
      "content-length": String(30 * MiB),
    });
    const res = await send(importer.POST, req, { params: Promise.resolve({}) });
    expect(res.status).toBe(413);
  });
});

describe("cookie requests from the app's own pages", () => {
  it("may DELETE and POST without a body (no Content-Length, no type)", async () => {
    const t = await createApiToken(ref.current.db, A.actors.admin, { name: "to revoke", role: "viewer" });
    // What fetch(url, { method: "DELETE" }) sends from a page: the cookie and the Origin, no body.
    const del = await send(
      tokenOne.DELETE,
      new NextRequest(`http://localhost:3000/api/v1/tokens/${t.id}`, { method: "DELETE", headers: { cookie, origin: origin() } }),
      { params: Promise.resolve({ id: t.id }) },
    );
    expect(del.status).toBe(204);
    // An empty form post still names its form type: refused.
    const form = await send(
      tokenOne.DELETE,
      new NextRequest(`http://localhost:3000/api/v1/tokens/${t.id}`, {
        method: "DELETE",
        headers: { cookie, origin: origin(), "content-type": "application/x-www-form-urlencoded", "content-length": "0" },
      }),
      { params: Promise.resolve({ id: t.id }) },
    );
    expect(form.status).toBe(400);
  });
});

describe("idempotent replays", () => {
  it("return the stored answer byte for byte", async () => {
    // A signature's answer has its keys in an order jsonb would not keep (it sorts them).
    const body = { name: "Replayed", body: "— the team", platform: null };
    const first = await call(signaturesRoute.POST, { method: "POST", token: A.tokens.editor, body, headers: { "idempotency-key": "replay-bytes-1" } });
    const again = await call(signaturesRoute.POST, { method: "POST", token: A.tokens.editor, body, headers: { "idempotency-key": "replay-bytes-1" } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.text).toBe(first.text);
    expect(await ref.current.db.select().from(signatures).where(eq(signatures.workspaceId, A.workspace.id))).toHaveLength(1);
  });
});

/** Route files under app/api/v1, as [segments] with dynamic ones marked, to match OpenAPI paths. */
function routeFiles(): { file: string; segments: string[] }[] {
  const root = path.join(process.cwd(), "app/api/v1");
  const out: { file: string; segments: string[] }[] = [];
  const walk = (dir: string, segs: string[]) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory() && !e.name.startsWith("_") && !e.name.startsWith("[...") && !e.name.startsWith("[[..."))
        walk(path.join(dir, e.name), [...segs, e.name]);
      else if (e.name === "route.ts") out.push({ file: path.join(dir, e.name), segments: segs });
    }
  };
  walk(root, []);
  return out;
}

describe("methods and paths no route serves", () => {
  it("every OpenAPI path answers a method it does not list with 405, the JSON error body and Allow", async () => {
    const doc = openApiDocument("http://localhost:3000") as { paths: Record<string, Record<string, unknown>> };
    const files = routeFiles();
    const all = ["get", "post", "put", "patch", "delete"];
    let checked = 0;
    for (const [p, ops] of Object.entries(doc.paths)) {
      if (!p.startsWith("/api/v1/")) continue;
      const segs = p.replace(/^\/api\/v1\//, "").split("/");
      const file = files.find(
        (f) => f.segments.length === segs.length && f.segments.every((s, i) => (s.startsWith("[") ? segs[i]!.startsWith("{") : s === segs[i])),
      );
      expect(file, p).toBeDefined();
      const mod = (await import(file!.file)) as Record<string, (req: NextRequest, ctx: unknown) => Promise<Response>>;
      const listed = Object.keys(ops).filter((m) => all.includes(m));
      for (const m of all.filter((x) => !listed.includes(x))) {
        const handler = mod[m.toUpperCase()];
        expect(handler, `${m.toUpperCase()} ${p}`).toBeTypeOf("function");
        const res = await handler!(
          new NextRequest(`http://localhost:3000${p}`, { method: m.toUpperCase(), headers: { authorization: `Bearer ${A.tokens.admin}` } }),
          { params: Promise.resolve({}) },
        );
        expect(res.status, `${m.toUpperCase()} ${p}`).toBe(405);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
        const allow = res.headers.get("allow")!.split(", ");
        for (const l of listed) expect(allow).toContain(l.toUpperCase());
        expect(allow).not.toContain(m.toUpperCase());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("every route module under /api/v1 answers all methods itself (none left to Next's bare 405)", async () => {
    for (const { file } of routeFiles()) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        expect(mod[m], `${m} in ${path.relative(process.cwd(), file)}`).toBeTypeOf("function");
    }
  });

  it("an unknown path under /api/v1 is the JSON 404 for every method", async () => {
    for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"] as const) {
      const res = await unknown[m](new NextRequest("http://localhost:3000/api/v1/no/such/thing", { method: m }));
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/json/);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found:route");
    }
  });
});
