import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send as sendChecked } from "@/scripts/test/http";
import { platformAccounts } from "@/db/schema";
import { getConfig } from "@/lib/config";
import * as upload from "./media/route";
import * as one from "./media/[id]/route";
import * as file from "./media/[id]/file/route";
import * as content from "./content/route";
import * as contentOne from "./content/[id]/route";
import * as schedules from "./schedules/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

/** A real PNG header (IHDR 1080×1350) followed by filler bytes. */
function png(w = 1080, h = 1350, extra = 2000) {
  const b = Buffer.alloc(33 + extra);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(w, 16);
  b.writeUInt32BE(h, 20);
  return b;
}

/** A JPEG start (APP0, then SOF0 with 1080×1080) followed by filler bytes. */
function jpeg() {
  const head = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x04, 0x38, 0x04, 0x38, 0x03];
  return Buffer.concat([Buffer.from(head), Buffer.alloc(2000)]);
}

async function send(token: string, body: Uint8Array | string, query = "?filename=photo.png") {
  const req = new NextRequest(`http://localhost:3000/api/v1/media${query}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "image/png" },
    body: typeof body === "string" ? body : new Blob([new Uint8Array(body)]),
  });
  const res = await sendChecked(upload.POST, req, { params: Promise.resolve({}) });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
});

describe("media", () => {
  it("stores an upload under DATA_DIR, reads its type and size from the bytes, and serves it to members", async () => {
    const bytes = png();
    const r = await send(A.tokens.editor, bytes, "?filename=../../etc/photo.png&alt_text=A%20cat");
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ mime_type: "image/png", width: 1080, height: 1350, size_bytes: bytes.length, filename: "photo.png", alt_text: "A cat" });
    const stored = fs.readdirSync(path.join(getConfig().dataDir, "media", A.workspace.id));
    expect(stored).toContain(`${r.json.id}.png`);
    const res = await sendChecked(
      file.GET,
      new NextRequest(`http://localhost:3000/api/v1/media/${r.json.id}/file`, { headers: { authorization: `Bearer ${A.tokens.viewer}` } }),
      { params: Promise.resolve({ id: r.json.id }) },
    );
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await call(one.GET, { token: B.tokens.admin, params: { id: r.json.id } })).status).toBe(404);
  });

  it("refuses what is not an image or video, whatever it claims, and keeps no file", async () => {
    const before = fs.readdirSync(path.join(getConfig().dataDir, "media", A.workspace.id)).length;
    const r = await send(A.tokens.editor, "%PDF-1.7 pretending to be a PNG file, padded to be long enough");
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("bad_request:media_type");
    expect((await send(A.tokens.viewer, png())).status).toBe(403);
    expect(fs.readdirSync(path.join(getConfig().dataDir, "media", A.workspace.id)).length).toBe(before);
  });

  it("makes an Instagram post possible once an image is attached", async () => {
    const [ig] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "instagram", name: "IG" }).returning();
    const image = (await send(A.tokens.editor, jpeg(), "?filename=square.jpg&alt_text=Product")).json.id as string;
    const id = (await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title: "Photo", content: "New product #launch" } })).json!.id;
    const when = new Date(Date.now() + 5 * 86_400_000).toISOString();
    expect(
      (await call(schedules.POST, { method: "POST", token: A.tokens.editor, body: { content_item_id: id, platform_account_id: ig!.id, scheduled_time: when } }))
        .status,
    ).toBe(400);
    const patched = await call(contentOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { media_ids: [image] } });
    expect(patched.json!.media_ids).toEqual([image]);
    const ok = await call(schedules.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: ig!.id, scheduled_time: when },
    });
    expect(ok.status).toBe(201);
    expect(
      (await call(contentOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { media_ids: ["00000000-0000-4000-8000-000000000000"] } }))
        .status,
    ).toBe(400);
  });

  it("sets alt text and deletes the file with the record", async () => {
    const r = await send(A.tokens.editor, png(10, 10));
    expect((await call(one.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: r.json.id }, body: { alt_text: "Tiny" } })).json!.alt_text).toBe(
      "Tiny",
    );
    expect((await call(one.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: r.json.id } })).status).toBe(204);
    expect(fs.readdirSync(path.join(getConfig().dataDir, "media", A.workspace.id))).not.toContain(`${r.json.id}.png`);
  });

  it("serves a file by signed, expiring public link (for Instagram and Threads) and nothing else", async () => {
    const { publicMediaUrl, mediaSigningKey } = await import("@/lib/media/public-url");
    const pub = await import("../public/media/[id]/route");
    const bytes = png(640, 640);
    const r = await send(A.tokens.editor, bytes);
    const key = mediaSigningKey(getConfig().encryptionKey);
    const get = (url: string) => pub.GET(new NextRequest(url), { params: Promise.resolve({ id: r.json.id }) });
    const link = publicMediaUrl("http://localhost:3000", key, r.json.id);
    const ok = await get(link);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await get(link.replace(/sig=[^&]+/, "sig=forged"))).status).toBe(404);
    const expired = publicMediaUrl("http://localhost:3000", key, r.json.id, Date.now() - 2 * 86_400_000);
    expect((await get(expired)).status).toBe(404);
    expect((await get(link.replace(/exp=\d+/, (m) => `exp=${Number(m.slice(4)) + 60}`))).status).toBe(404);
  });
});
