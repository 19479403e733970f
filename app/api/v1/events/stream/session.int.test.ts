import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { send } from "@/scripts/test/http";
import { eq, and } from "drizzle-orm";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { getConfig } from "@/lib/config";
import { memberships, users, workspaces } from "@/db/schema";
import { streamTiming } from "@/lib/events/stream";
import * as stream from "./route";

const ref = withTestDatabase();
const db = () => ref.current.db;
const CHECK_MS = 150;
const saved = streamTiming.sessionCheckMs;
beforeAll(() => {
  streamTiming.sessionCheckMs = CHECK_MS;
});
afterAll(() => {
  streamTiming.sessionCheckMs = saved;
});

const cookieFor = async (uid: string, sv = 0) =>
  `next-auth.session-token=${await encode({ token: { uid, sub: uid, sv }, secret: getConfig().nextauthSecret })}`;

/** Opens the stream with a browser cookie; `ended(ms)` says whether the body ends within ms. */
async function open(cookie: string) {
  const ac = new AbortController();
  const res = await send(stream.GET, new NextRequest(new URL("/api/v1/events/stream", "http://localhost:3000"), { headers: { cookie }, signal: ac.signal }), {
    params: Promise.resolve({}),
  });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let text = "";
  let done = false;
  const pump = (async () => {
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      text += dec.decode(r.value);
    }
    done = true;
  })();
  async function ended(ms: number) {
    await Promise.race([pump, new Promise((r) => setTimeout(r, ms))]);
    return done;
  }
  return { ended, text: () => text, close: () => ac.abort() };
}

describe("an open event stream on a browser session", () => {
  it("stays open while the session holds, and ends within the check period once the session version moves", async () => {
    const ws = await makeWorkspace(db(), ["editor"]);
    const s = await open(await cookieFor(ws.actors.editor.userId));
    // Several check periods pass with the session intact: still open.
    expect(await s.ended(CHECK_MS * 4)).toBe(false);
    expect(s.text()).toContain(": connected");
    await db().update(users).set({ sessionVersion: 1 }).where(eq(users.id, ws.actors.editor.userId));
    const t0 = Date.now();
    expect(await s.ended(CHECK_MS * 2 + 500)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(CHECK_MS * 2 + 500);
    expect(s.text()).toContain(": session ended");
    s.close();
  });

  it("ends when the person is removed from the workspace", async () => {
    const ws = await makeWorkspace(db(), ["admin", "viewer"]);
    const s = await open(await cookieFor(ws.actors.viewer.userId));
    expect(await s.ended(CHECK_MS * 3)).toBe(false);
    await db()
      .delete(memberships)
      .where(and(eq(memberships.workspaceId, ws.workspace.id), eq(memberships.userId, ws.actors.viewer.userId)));
    expect(await s.ended(CHECK_MS * 2 + 500)).toBe(true);
    s.close();
  });

  it("ends when the workspace starts requiring two-factor sign-in and the person has none", async () => {
    const ws = await makeWorkspace(db(), ["editor"]);
    const s = await open(await cookieFor(ws.actors.editor.userId));
    expect(await s.ended(CHECK_MS * 3)).toBe(false);
    await db().update(workspaces).set({ requireTwoFactor: true }).where(eq(workspaces.id, ws.workspace.id));
    expect(await s.ended(CHECK_MS * 2 + 500)).toBe(true);
    s.close();
  });

  it("closing the client ends it without a check firing afterwards", async () => {
    const ws = await makeWorkspace(db(), ["editor"]);
    const s = await open(await cookieFor(ws.actors.editor.userId));
    s.close();
    expect(await s.ended(CHECK_MS * 2)).toBe(true);
    expect(s.text()).not.toContain(": session ended");
  });
});
