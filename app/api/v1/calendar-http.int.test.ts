import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, unpacked } from "@/scripts/test/http";
import { contentItems, platformAccounts, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { NextRequest } from "next/server";
import { FRONT_DOOR_HEADER } from "@/lib/http/encoding";
import * as cal from "./schedules/calendar/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
const PATH = "/api/v1/schedules/calendar?start_date=2031-05-01&end_date=2031-05-31&timezone=Europe/Berlin";

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  const [acc] = await db().insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "sandbox", name: "Main" }).returning();
  const [item] = await db().insert(contentItems).values({ workspaceId: A.workspace.id, title: "Post", content: "Body" }).returning();
  // Every other event a minute after the one before (a min-gap conflict).
  const rows = Array.from({ length: 200 }, (_, i) => {
    const at = new Date(Date.parse("2031-05-02T08:00:00Z") + Math.floor(i / 2) * 3 * 3600_000 + (i % 2) * 60_000);
    return {
      workspaceId: A.workspace.id,
      contentItemId: item!.id,
      platformAccountId: acc!.id,
      platformId: "sandbox",
      scheduledTime: at,
      originalTime: at,
      localTime: at.toISOString().slice(0, 16),
    };
  });
  await db().insert(schedules).values(rows);
});

describe("calendar over HTTP", () => {
  it("answers only the fields asked for, and refuses an unknown one", async () => {
    const all = await call(cal.GET, { token: A.tokens.viewer, path: PATH });
    const some = await call(cal.GET, { token: A.tokens.viewer, path: `${PATH}&fields=start,id,awaiting_approval` });
    expect(some.status).toBe(200);
    expect(some.json!.events).toEqual(
      all.json!.events.map((e: { id: string; start: string; awaiting_approval: boolean }) => ({
        id: e.id,
        start: e.start,
        awaiting_approval: e.awaiting_approval,
      })),
    );
    expect(some.json!.conflicts).toEqual(all.json!.conflicts);
    const bad = await call(cal.GET, { token: A.tokens.viewer, path: `${PATH}&fields=id,secret` });
    expect(bad.status).toBe(400);
    expect(bad.json!.error.message).toMatch(/fields/);
  });

  it("sends the kept answer packed in the coding the client prefers, the same JSON in each", async () => {
    const get = async (acceptEncoding: string | null, frontDoor = true) => {
      // As the server's front door passes it on (it turns the packed header into Content-Encoding).
      const headers: Record<string, string> = { authorization: `Bearer ${A.tokens.viewer}` };
      if (frontDoor) headers[FRONT_DOOR_HEADER] = "1";
      if (acceptEncoding !== null) headers["accept-encoding"] = acceptEncoding;
      const res = await cal.GET(new NextRequest(`http://localhost${PATH}`, { headers }), { params: Promise.resolve({}) });
      expect(res.status).toBe(200);
      expect(res.headers.get("vary")).toMatch(/accept-encoding/i);
      expect(res.headers.get("content-encoding")).toBeNull();
      const { coding, text, bytes } = await unpacked(res);
      return { coding, json: JSON.parse(text) as { events: unknown[] }, bytes };
    };
    const plain = await get(null);
    expect(plain.coding).toBeNull();
    expect(plain.json.events).toHaveLength(200);
    const cases: [string, string | null][] = [
      ["gzip, deflate, br, zstd", "br"],
      ["gzip", "gzip"],
      ["br;q=0, gzip;q=0.5", "gzip"],
      ["gzip;q=1, br;q=0.4", "gzip"],
      ["identity", null],
      ["zstd", null],
    ];
    // Served without the front door (`next dev`): nothing would set Content-Encoding, so nothing is packed.
    expect((await get("br", false)).coding).toBeNull();
    for (const [accept, want] of cases) {
      const got = await get(accept);
      expect(got.coding, accept).toBe(want);
      expect(got.json).toEqual(plain.json);
      if (want) expect(got.bytes).toBeLessThan(plain.bytes / 4);
    }
  });
});
