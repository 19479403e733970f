import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import type { Db } from "@/db/client";
import { getContentRow } from "@/db/queries/content";
import * as upload from "@/app/api/v1/media/route";
import * as content from "@/app/api/v1/content/route";
import * as pub from "@/app/api/public/media/[id]/route";
import { guestPreviews } from "./public";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
});

/** A real PNG header (IHDR 640×640) followed by filler bytes. */
function png() {
  const b = Buffer.alloc(33 + 500);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(640, 16);
  b.writeUInt32BE(640, 20);
  return b;
}

describe("review link previews for a guest", () => {
  it("load a post's images through signed links that work without a session", async () => {
    const bytes = png();
    const req = new NextRequest("http://localhost:3000/api/v1/media?filename=photo.png", {
      method: "POST",
      headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "image/png" },
      body: new Blob([new Uint8Array(bytes)]),
    });
    const mediaId = ((await (await send(upload.POST, req, { params: Promise.resolve({}) })).json()) as { id: string }).id;
    const made = await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title: "With a photo", content: "Look", media_ids: [mediaId] } });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const row = (await getContentRow(ref.current.db as Db, A.workspace.id, made.json!.id))!;

    const { media } = await guestPreviews(ref.current.db as Db, row);
    expect(media.map((m) => m.id)).toEqual([mediaId]);
    const url = media[0]!.url!;
    expect(url).toMatch(new RegExp(`^/api/public/media/${mediaId}\\?exp=\\d+&sig=`));
    // No cookie, no token: the signature alone lets the guest's browser load the file.
    const res = await pub.GET(new NextRequest(`http://localhost:3000${url}`), { params: Promise.resolve({ id: mediaId }) });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
