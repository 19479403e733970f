import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { makeAccount, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { createMastodonFake } from "@/adapters/fakes/mastodon";
import { createBlueskyFake } from "@/adapters/fakes/bluesky";
import { createXFake } from "@/adapters/fakes/x";
import { createLinkedInFake } from "@/adapters/fakes/linkedin";
import { createWordpressFake, type WpUser } from "@/adapters/fakes/wordpress";
import * as contentList from "./content/route";
import * as schedulesRoute from "./schedules/route";
import * as upload from "./media/route";
import * as mediaOne from "./media/[id]/route";

// The alt text stored with a file (PATCH /media/{id}, or the composer's field) is what the engine
// sends: each platform's fake records what it received.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

const wpUser: WpUser = { id: 7, username: "scheduler", name: "Scheduler Bot", appPassword: "abcd EFGH 1234 ijkl MNOP 5678", role: "author" };
const masto = createMastodonFake({ token: "m-token" });
const sky = createBlueskyFake({ handle: "alt.test", password: "sky-pass" });
const x = createXFake({ token: "x-token", username: "sched" });
const li = createLinkedInFake({ token: "li-token", authorUrn: "urn:li:person:alt1" });
const wp = createWordpressFake({ users: [wpUser] });
const fakes = [masto, sky, x, li, wp];

beforeAll(async () => {
  await Promise.all(fakes.map((f) => f.start()));
  A = await makeWorkspaceWithTokens(db());
});
afterAll(() => Promise.all(fakes.map((f) => f.close())));

function png(width: number, height: number) {
  const b = Buffer.alloc(33 + 200);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
}

async function uploadImage(name: string, alt?: string) {
  const q = alt === undefined ? "" : `&alt_text=${encodeURIComponent(alt)}`;
  const req = new NextRequest(`http://localhost:3000/api/v1/media?filename=${name}${q}`, {
    method: "POST",
    headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "image/png" },
    body: new Blob([new Uint8Array(png(800, 600))]),
  });
  const res = await send(upload.POST, req, { params: Promise.resolve({}) });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; alt_text: string | null };
}

describe("alt text from the stored file to every platform", () => {
  it("is kept trimmed; blank alt text is no alt text, on upload and on PATCH", async () => {
    expect((await uploadImage("a.png", "  A kite  ")).alt_text).toBe("A kite");
    const blank = await uploadImage("b.png", "   ");
    expect(blank.alt_text).toBeNull();
    expect(
      (await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: blank.id }, body: { alt_text: "A kite" } })).json!.alt_text,
    ).toBe("A kite");
    expect(
      (await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: blank.id }, body: { alt_text: " " } })).json!.alt_text,
    ).toBeNull();
  });

  it("the engine sends each file's stored alt text: Mastodon description, Bluesky alt, X metadata, LinkedIn altText, WordPress alt_text", async () => {
    const first = await uploadImage("bike.png");
    const second = await uploadImage("door.png");
    expect(first.alt_text).toBeNull();
    const alt = "A red bicycle leaning on a blue door";
    const set = await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: first.id }, body: { alt_text: `  ${alt} ` } });
    expect(set.status, JSON.stringify(set.json)).toBe(200);
    expect(set.json!.alt_text).toBe(alt);
    expect((await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: second.id }, body: { alt_text: "A blue door" } })).status).toBe(
      200,
    );

    const ws = A.workspace.id;
    const accounts = [
      await makeAccount(db(), ws, "mastodon", { config: { api_base_url: masto.url, media_poll_interval_ms: 1 }, credentials: { access_token: "m-token" } }),
      await makeAccount(db(), ws, "bluesky", { config: { api_base_url: sky.url }, credentials: { handle: "alt.test", app_password: "sky-pass" } }),
      await makeAccount(db(), ws, "x", { config: { api_base_url: x.url, username: "sched" }, credentials: { access_token: "x-token" } }),
      await makeAccount(db(), ws, "linkedin", {
        config: { api_base_url: li.url, author_urn: "urn:li:person:alt1" },
        credentials: { access_token: "li-token" },
      }),
      await makeAccount(db(), ws, "wordpress", {
        config: { api_base_url: wp.url },
        credentials: { username: wpUser.username, app_password: wpUser.appPassword },
      }),
    ];
    const made = await call(contentList.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { title: "Bike week", content: "Our bikes are ready", media_ids: [first.id, second.id] },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const s = await call(schedulesRoute.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: made.json!.id, platform_account_ids: accounts, scheduled_time: new Date(Date.now() + 3600_000).toISOString(), timezone: "UTC" },
    });
    expect(s.status, JSON.stringify(s.json)).toBe(201);
    const ids = (s.json!.schedules as { id: string }[]).map((r) => r.id);
    const past = new Date(Date.now() - 5000);
    for (const id of ids) await db().update(schedules).set({ scheduledTime: past, originalTime: past }).where(eq(schedules.id, id));
    await testDispatcher(db()).drain();
    for (const id of ids) expect((await scheduleRow(db(), id)).publishStatus, `${id}: ${(await scheduleRow(db(), id)).errorMessage}`).toBe("published");

    const both = [alt, "A blue door"];
    expect(masto.statuses.at(-1)!.mediaIds.map((id) => masto.media.get(id)!.description)).toEqual(both);
    const embed = sky.posts.at(-1)!.record.embed as { images: { alt: string }[] };
    expect(embed.images.map((i) => i.alt)).toEqual(both);
    expect(x.tweets.at(-1)!.mediaIds.map((id) => x.media.get(id)?.altText)).toEqual(both);
    const images = (li.posts.at(-1)!.body.content as { multiImage: { images: { altText?: string }[] } }).multiImage.images;
    expect(images.map((i) => i.altText)).toEqual(both);
    expect(wp.media.map((m) => m.alt_text)).toEqual(both);
    expect(wp.posts.at(-1)!.content).toContain(`alt="${alt}"`);
  });
});
