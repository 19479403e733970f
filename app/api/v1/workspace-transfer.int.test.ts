import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import tar from "tar-stream";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { SEED_CREDENTIALS, SEED_WEBHOOK_SECRET, seedEveryKind } from "@/scripts/test/workspace-seed";
import { send } from "@/scripts/test/http";
import { and, eq, isNull } from "drizzle-orm";
import { countAllTransferRows } from "@/db/queries/workspace-transfer";
import { auditLog, schedules } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { exportWorkspaceArchive } from "@/lib/workspaces/transfer";
import { bodyChunks } from "./_lib/body";
import * as exporter from "./workspace/export/route";
import * as importer from "./workspaces/import/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
const PASS = "a long enough passphrase";
type Entry = { name: string; data: Buffer };

const request = (url: string, init: { method?: string; token: string; body?: BodyInit; headers?: Record<string, string> }) =>
  new NextRequest(new URL(url, "http://localhost:3000"), {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${init.token}`, ...(init.headers ?? {}) },
    body: init.body,
  });

async function exportArchive(token: string, o: { query?: string; body?: unknown } = {}) {
  const req =
    o.body === undefined
      ? request(`/api/v1/workspace/export${o.query ?? ""}`, { token })
      : request("/api/v1/workspace/export", { method: "POST", token, body: JSON.stringify(o.body), headers: { "content-type": "application/json" } });
  const res = await send(o.body === undefined ? exporter.GET : exporter.POST, req);
  return { status: res.status, buf: Buffer.from(await res.arrayBuffer()), type: res.headers.get("content-type") };
}

async function importArchive(token: string, buf: Buffer, o: { passphrase?: string; rawPassphrase?: string; ndjson?: boolean; name?: string } = {}) {
  const headers: Record<string, string> = { "content-type": "application/gzip" };
  if (o.passphrase) headers["x-archive-passphrase"] = encodeURIComponent(o.passphrase);
  if (o.rawPassphrase) headers["x-archive-passphrase"] = o.rawPassphrase;
  if (o.ndjson) headers.accept = "application/x-ndjson";
  const q = o.name ? `?name=${encodeURIComponent(o.name)}` : "";
  const res = await send(importer.POST, request(`/api/v1/workspaces/import${q}`, { method: "POST", token, body: new Uint8Array(buf), headers }));
  const text = await res.text();
  return { status: res.status, text, json: /json/.test(res.headers.get("content-type") ?? "") && !o.ndjson ? JSON.parse(text) : null };
}

async function entriesOf(buf: Buffer): Promise<Entry[]> {
  const extract = tar.extract();
  const out: Entry[] = [];
  const done = (async () => {
    for await (const e of extract) {
      const chunks: Buffer[] = [];
      for await (const c of e as AsyncIterable<Buffer>) chunks.push(c);
      out.push({ name: e.header.name, data: Buffer.concat(chunks) });
    }
  })();
  extract.end(zlib.gunzipSync(buf));
  await done;
  return out;
}

async function packOf(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, size: e.data.length }, e.data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack as AsyncIterable<Buffer>) chunks.push(c);
  return zlib.gzipSync(Buffer.concat(chunks));
}

/** The archive with one file changed; `fix` updates the manifest to match (a forged but consistent archive). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a manifest bent on purpose
async function edited(buf: Buffer, change: (manifest: Record<string, any>, entries: Entry[]) => void, fix = true) {
  const entries = await entriesOf(buf);
  const manifest = JSON.parse(entries[0]!.data.toString("utf8"));
  change(manifest, entries);
  if (fix)
    for (const f of manifest.files) {
      const e = entries.find((x) => x.name === f.path)!;
      f.bytes = e.data.length;
      f.sha256 = crypto.createHash("sha256").update(e.data).digest("hex");
    }
  entries[0] = { name: "manifest.json", data: Buffer.from(JSON.stringify(manifest)) };
  return packOf(entries);
}

/** Rows in every table an import writes, the media folders and the scratch folder: an import that failed leaves all three as they were. */
async function footprint() {
  const dir = (p: string) => (fs.existsSync(p) ? fs.readdirSync(p).sort() : []);
  return {
    rows: await countAllTransferRows(ref.current.db),
    media: dir(path.join(getConfig().dataDir, "media")),
    tmp: dir(path.join(getConfig().dataDir, "tmp")),
  };
}

afterAll(() => {
  fs.rmSync(getConfig().dataDir, { recursive: true, force: true });
  Object.assign(getConfig(), { dataDir: sharedDataDir });
});

let plain: Buffer;
let sealed: Buffer;

// A data folder of this file's own: other files' imports (in parallel) must not show in its footprint.
const sharedDataDir = getConfig().dataDir;
beforeAll(async () => {
  Object.assign(getConfig(), { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "ws-transfer-api-")) });
  A = await makeWorkspaceWithTokens(ref.current.db);
  await seedEveryKind(ref.current.db, A.workspace.id, { admin: A.actors.admin.userId, editor: A.actors.editor.userId }, getConfig().dataDir);
  plain = (await exportArchive(A.tokens.admin)).buf;
  sealed = await sessionExport({ includeSecrets: true, includeCredentials: true, passphrase: PASS });
});

/** An export by the signed-in admin (no token): the only way credentials leave. */
async function sessionExport(o: { includeSecrets: boolean; includeCredentials: boolean; passphrase: string | null }) {
  const { stream } = await exportWorkspaceArchive(ref.current.db, A.actors.admin, o);
  return Buffer.from(await new Response(stream).arrayBuffer());
}

describe("workspace export and import over the API", () => {
  it("is for admins only: editors and viewers get 403 and nothing is written", async () => {
    const before = await footprint();
    for (const role of ["editor", "viewer"] as const) {
      expect((await exportArchive(A.tokens[role])).status).toBe(403);
      expect((await exportArchive(A.tokens[role], { body: { include_secrets: true } })).status).toBe(403);
      expect((await importArchive(A.tokens[role], plain)).status).toBe(403);
    }
    expect(await footprint()).toEqual(before);
  });

  it("leaves secrets out unless asked, and never sends credentials unsealed", async () => {
    const text = async (buf: Buffer) => (await entriesOf(buf)).map((e) => e.data.toString("latin1")).join("\n");
    const none = await text(plain);
    const withSecrets = await text((await exportArchive(A.tokens.admin, { query: "?include_secrets=true" })).buf);
    const all = await text(sealed);
    for (const t of [none, withSecrets, all]) {
      expect(t).not.toContain(SEED_CREDENTIALS.access_token);
      expect(t).not.toMatch(/credentials_encrypted|secret_encrypted/);
    }
    expect(none).not.toContain(SEED_WEBHOOK_SECRET);
    expect(withSecrets).toContain(SEED_WEBHOOK_SECRET);
    expect(all).not.toContain(SEED_WEBHOOK_SECRET);
    expect(all).toContain('"credentials_sealed"');
    const manifest = JSON.parse((await entriesOf(sealed))[0]!.data.toString("utf8"));
    expect(manifest.secrets).toMatchObject({ webhook_secrets: "sealed", credentials: true, sealing: { kdf: "scrypt", cipher: "aes-256-gcm" } });

    await expect(sessionExport({ includeSecrets: false, includeCredentials: true, passphrase: null })).rejects.toMatchObject({
      code: "bad_request:passphrase",
    });
  });

  it("refuses to send credentials to an API token, even an admin's, with a passphrase", async () => {
    const res = await exportArchive(A.tokens.admin, { body: { include_secrets: true, include_credentials: true, passphrase: PASS } });
    expect(res.status).toBe(403);
    const body = JSON.parse(res.buf.toString("utf8"));
    expect(body.error.code).toBe("forbidden:credentials_token");
    expect(body.error.message).toMatch(/signed-in admin's session/);
    // Secrets without credentials still leave sealed for a token.
    expect((await exportArchive(A.tokens.admin, { body: { include_secrets: true, passphrase: PASS } })).status).toBe(200);
  });

  it("imports with NDJSON progress into a new workspace the importer administers", async () => {
    const res = await importArchive(A.tokens.admin, sealed, { passphrase: PASS, ndjson: true, name: "Moved here" });
    expect(res.status).toBe(201);
    const lines = res.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const last = lines.at(-1);
    expect(last).toMatchObject({ type: "result", workspace: { name: "Moved here" }, accounts_to_reconnect: 0, webhooks_disabled: 0 });
    const progress = lines.filter((l) => l.type === "progress");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ rows: progress.at(-1)!.total });
    expect(last.counts.content_items).toBe(2);
    // The schedule still to go out arrives paused: the old server may publish it yet.
    expect(last.paused_schedules).toBe(2);
    const B = last.workspace.id as string;
    const statuses = (await ref.current.db.select().from(schedules).where(eq(schedules.workspaceId, B))).map((r) => r.publishStatus).sort();
    expect(statuses).toEqual(["paused", "paused", "published"]);

    const json = await importArchive(A.tokens.admin, plain);
    expect(json.status).toBe(201);
    expect(json.json).toMatchObject({ accounts_to_reconnect: 1, webhooks_disabled: 1 });
  });

  it("takes a passphrase in any script, percent-encoded in its header", async () => {
    const pass = "été à Kraków — パスフレーズ";
    const archive = await sessionExport({ includeSecrets: false, includeCredentials: true, passphrase: pass });
    const res = await importArchive(A.tokens.admin, archive, { passphrase: pass });
    expect(res.status, res.text).toBe(201);
    expect(res.json.accounts_to_reconnect).toBe(0);
  });

  const refusals: [string, () => Promise<Buffer>, string, { passphrase?: string; rawPassphrase?: string }?][] = [
    ["a file that is not an archive", async () => Buffer.from("title,content\nnot,an archive\n"), "bad_request:not_an_archive"],
    ["gzip that holds no tar", async () => zlib.gzipSync(Buffer.alloc(4096, "x")), "bad_request:not_an_archive"],
    ["a tar.gz of something else", async () => packOf([{ name: "notes.txt", data: Buffer.from("hello") }]), "bad_request:not_an_archive"],
    ["a truncated archive", async () => plain.subarray(0, Math.floor(plain.length / 2)), "bad_request:archive_truncated"],
    ["an archive cut before its last file", async () => edited(plain, (_m, e) => e.pop(), false), "bad_request:archive_truncated"],
    [
      "a file that does not match its checksum",
      async () =>
        edited(
          plain,
          (_m, e) => {
            const f = e.find((x) => x.name === "data/content_items.ndjson")!;
            f.data = Buffer.from(f.data.toString("utf8").replace("We launch today", "We launch TODAY"));
          },
          false,
        ),
      "bad_request:archive_damaged",
    ],
    ["an archive of a newer format", async () => edited(plain, (m) => (m.format_version = 99)), "bad_request:archive_newer"],
    ["an archive of a newer schema", async () => edited(plain, (m) => (m.schema_version = "9999_from_the_future")), "bad_request:archive_newer"],
    ["sealed secrets with a wrong passphrase", async () => sealed, "bad_request:passphrase", { passphrase: "not the passphrase at all" }],
    ["sealed secrets without a passphrase", async () => sealed, "bad_request:passphrase"],
    ["a passphrase header that is not percent-encoded UTF-8", async () => sealed, "bad_request:passphrase", { rawPassphrase: "%E0%A4%A" }],
    [
      "a value of the wrong type",
      async () =>
        edited(plain, (_m, e) => {
          const f = e.find((x) => x.name === "data/content_items.ndjson")!;
          f.data = Buffer.from(f.data.toString("utf8").replace('"title":"Draft"', '"title":{"not":"text"}'));
        }),
      "bad_request:archive_rows",
    ],
    [
      "rows that do not fit the database (after the media file was moved in)",
      async () =>
        edited(plain, (_m, e) => {
          const f = e.find((x) => x.name === "data/content_items.ndjson")!;
          f.data = Buffer.from(f.data.toString("utf8").replace('"status":"in_review"', '"status":"bogus"'));
        }),
      "bad_request:archive_rows",
    ],
    [
      "sealing parameters other than the ones this server writes (the archive would choose the memory scrypt takes)",
      async () => edited(sealed, (m) => (m.secrets.sealing.N = 1 << 16)),
      "bad_request:archive_sealing",
      { passphrase: PASS },
    ],
    [
      "a platform this server does not know",
      async () =>
        edited(plain, (_m, e) => {
          const f = e.find((x) => x.name === "data/content_variants.ndjson")!;
          f.data = Buffer.from(f.data.toString("utf8").replace('"platform":"mastodon"', '"platform":"myspace"'));
        }),
      "bad_request:archive_rows",
    ],
    [
      "zero blocks padded into the tar (tar-stream would skip them for as long as they come)",
      async () => {
        const entries = await entriesOf(plain);
        const tarred = zlib.gunzipSync(await packOf(entries.slice(0, 1)));
        const rest = zlib.gunzipSync(await packOf(entries.slice(1)));
        // manifest.json, 4 MiB of zero blocks, then the other files: gzip makes it a few KiB.
        return zlib.gzipSync(Buffer.concat([tarred.subarray(0, tarred.length - 1024), Buffer.alloc(4 * 1024 * 1024), rest]));
      },
      "bad_request:archive_damaged",
    ],
  ];
  it.each(refusals)("refuses %s with a 400 and writes nothing", async (_name, make, code, o) => {
    const archive = await make();
    const before = await footprint();
    const res = await importArchive(A.tokens.admin, archive, o);
    expect(res.status, res.text).toBe(400);
    expect(res.json.error.code).toBe(code);
    expect(await footprint()).toEqual(before);
  });

  it("refuses an archive with bytes flipped anywhere (gzip's own check, or the manifest's) and writes nothing", async () => {
    for (const at of [0.05, 0.25, 0.5, 0.75, 0.98]) {
      const b = Buffer.from(plain);
      const i = Math.floor(b.length * at);
      for (let k = i; k < Math.min(b.length, i + 8); k++) b.writeUInt8(b.readUInt8(k) ^ 0x5a, k);
      const before = await footprint();
      const res = await importArchive(A.tokens.admin, b);
      expect(res.status, `${at}: ${res.text}`).toBe(400);
      expect(res.json.error.code, `${at}`).toMatch(/^bad_request:archive_(damaged|truncated)$/);
      expect(await footprint()).toEqual(before);
    }
  });

  it("refuses an NDJSON line longer than 16 MiB before reading it whole", async () => {
    const long = await edited(plain, (_m, e) => {
      const f = e.find((x) => x.name === "data/content_items.ndjson")!;
      f.data = Buffer.concat([Buffer.from(`{"title":"${"x".repeat(17 * 1024 * 1024)}"}\n`), f.data]);
    });
    const before = await footprint();
    const res = await importArchive(A.tokens.admin, long);
    expect(res.status, res.text.slice(0, 300)).toBe(400);
    expect(res.json.error).toMatchObject({ code: "bad_request:archive_rows" });
    expect(res.json.error.message).toMatch(/content_items, line 1: line 1 is longer than 16 MiB/);
    expect(await footprint()).toEqual(before);
  });

  it("counts the bytes of a chunked upload (no Content-Length) and refuses them past the limit with 413", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 8; i++) c.enqueue(new Uint8Array(1024));
        c.close();
      },
    });
    const req = new Request("http://localhost:3000/api/v1/workspaces/import", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(req.headers.get("content-length")).toBeNull();
    let read = 0;
    const consume = async () => {
      for await (const c of await bodyChunks(req, 4096, "the archive")) read += c.byteLength;
    };
    const err = await consume().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: "payload_too_large" });
    expect(read).toBeLessThanOrEqual(4096);
  });

  it("refuses an import where new workspaces are by invitation only, as creating one is", async () => {
    const before = await footprint();
    const was = getConfig().signupEnabled;
    Object.assign(getConfig(), { signupEnabled: false });
    try {
      const res = await importArchive(A.tokens.admin, plain);
      expect(res.status, res.text).toBe(403);
      expect(res.json.error.code).toBe("forbidden:signup");
    } finally {
      Object.assign(getConfig(), { signupEnabled: was });
    }
    expect(await footprint()).toEqual(before);
  });

  it("takes one import at a time: a second one meanwhile gets 409", async () => {
    const [a, b] = await Promise.all([importArchive(A.tokens.admin, plain), importArchive(A.tokens.admin, plain)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.json.error.code).toBe("conflict:import_running");
    // The lock goes with the import: the next one runs.
    expect((await importArchive(A.tokens.admin, plain)).status).toBe(201);
  });

  it("puts every row in the new workspace, whatever workspace id the archive names", async () => {
    const forged = await edited(plain, (_m, e) => {
      const f = e.find((x) => x.name === "data/audit_log.ndjson")!;
      f.data = Buffer.from(f.data.toString("utf8").replace(/"workspace_id":"[0-9a-f-]{36}"/g, `"workspace_id":"${crypto.randomUUID()}"`));
    });
    const orphansBefore = await ref.current.db.$count(auditLog, isNull(auditLog.workspaceId));
    const res = await importArchive(A.tokens.admin, forged);
    expect(res.status, res.text).toBe(201);
    const B = res.json.workspace.id as string;
    expect(await ref.current.db.$count(auditLog, eq(auditLog.workspaceId, B))).toBe(res.json.counts.audit_log + 1);
    expect(await ref.current.db.$count(auditLog, isNull(auditLog.workspaceId))).toBe(orphansBefore);
    expect(await ref.current.db.$count(auditLog, and(eq(auditLog.workspaceId, B), eq(auditLog.action, "workspace.import")))).toBe(1);
  });

  it("reports a failure during the streamed import as its last line, with nothing written", async () => {
    const bad = await edited(plain, (_m, e) => {
      const f = e.find((x) => x.name === "data/schedules.ndjson")!;
      f.data = Buffer.from(f.data.toString("utf8").replace('"priority":"high"', '"priority":"urgent"'));
    });
    const before = await footprint();
    const res = await importArchive(A.tokens.admin, bad, { ndjson: true });
    expect(res.status).toBe(201);
    const last = JSON.parse(res.text.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ type: "error", error: { code: "bad_request:archive_rows" } });
    expect(await footprint()).toEqual(before);
  });
});
