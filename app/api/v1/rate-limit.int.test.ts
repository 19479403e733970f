import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshRateWindow, makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { getConfig } from "@/lib/config";
import { consumeRateLimit } from "@/lib/rate-limit";
import { pruneRateLimitWindows } from "@/db/queries/rate-limits";
import type { Database } from "@/db/client";
import { openSameDatabase, TEST_DRIVER } from "@/db/testing";
import { rateLimitWindows } from "@/db/schema";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer";
import * as tokens from "./tokens/route";
import * as workspace from "./workspace/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
const saved = { ...getConfig().rateLimit };

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
});
afterAll(() => Object.assign(getConfig().rateLimit, saved));

describe("rate limits on /api/v1", () => {
  it("count per token: headers on every answer, then 429 with Retry-After and the JSON error body", async () => {
    await freshRateWindow();
    getConfig().rateLimit.perMinute = 3;
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(workspace.GET, { token: A.tokens.viewer });
      expect(r.status).toBe(200);
      expect(r.headers.get("ratelimit-limit")).toBe("3");
      seen.push(r.headers.get("ratelimit-remaining")!);
      const reset = Number(r.headers.get("ratelimit-reset"));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(60);
    }
    expect(seen).toEqual(["2", "1", "0"]);
    const over = await call(workspace.GET, { token: A.tokens.viewer });
    expect(over.status).toBe(429);
    expect(over.json!.error.code).toBe("rate_limited");
    expect(over.json!.error.message).toMatch(/at most 3 a minute/);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(over.headers.get("ratelimit-remaining")).toBe("0");
    // Another token has its own allowance.
    expect((await call(workspace.GET, { token: A.tokens.editor })).status).toBe(200);
    // A refused change changes nothing: the 429 comes before the handler.
    getConfig().rateLimit.perMinute = 1;
    await call(tokens.GET, { token: A.tokens.admin });
    const create = await call(tokens.POST, { method: "POST", token: A.tokens.admin, body: { name: "not made" } });
    expect(create.status).toBe(429);
    getConfig().rateLimit.perMinute = 100;
    expect(((await call(tokens.GET, { token: A.tokens.admin })).json!.items as { name: string }[]).map((t) => t.name)).not.toContain("not made");
  });

  it("count calls without valid credentials per client address", async () => {
    await freshRateWindow();
    getConfig().rateLimit.anonPerMinute = 2;
    // The front door (scripts/serve.ts) names the socket's peer; a client's own X-Forwarded-For,
    // new on every request, must not buy a fresh allowance.
    let n = 0;
    const from = (addr: string) =>
      call(workspace.GET, { token: "sch_not_a_token", headers: { [PEER_ADDRESS_HEADER]: addr, "x-forwarded-for": `192.0.2.${n++}` } });
    expect((await from("203.0.113.7")).status).toBe(401);
    const second = await from("203.0.113.7");
    expect(second.status).toBe(401);
    expect(second.headers.get("ratelimit-remaining")).toBe("0");
    const third = await from("203.0.113.7");
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).not.toBeNull();
    expect((await from("198.51.100.9")).status).toBe(401);
    // No credentials at all counts the same way.
    expect((await call(workspace.GET, { headers: { [PEER_ADDRESS_HEADER]: "203.0.113.7" } })).status).toBe(429);
    // Behind a trusted proxy the address is the one it appended.
    const hops = getConfig().trustProxyHops;
    getConfig().trustProxyHops = 1;
    try {
      const viaProxy = (client: string) =>
        call(workspace.GET, { token: "sch_not_a_token", headers: { [PEER_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": `198.18.0.1, ${client}` } });
      expect((await viaProxy("203.0.113.7")).status).toBe(429);
      expect((await viaProxy("203.0.113.50")).status).toBe(401);
    } finally {
      getConfig().trustProxyHops = hops;
    }
  });

  it("0 turns limiting off: nothing is counted and no headers are sent", async () => {
    getConfig().rateLimit.perMinute = 0;
    const r = await call(workspace.GET, { token: A.tokens.admin });
    expect(r.status).toBe(200);
    expect(r.headers.get("ratelimit-limit")).toBeNull();
    getConfig().rateLimit.perMinute = saved.perMinute;
  });
});

describe("the shared counter", () => {
  it("gives concurrent requests distinct counts, across two database handles (two processes)", async () => {
    await freshRateWindow();
    let second: Database | null = null;
    if (TEST_DRIVER === "postgres") {
      second = await openSameDatabase(ref.current.db, { max: 4 });
    }
    try {
      const handles = [ref.current.db, second?.db ?? ref.current.db];
      const states = await Promise.all(Array.from({ length: 20 }, (_, i) => consumeRateLimit(handles[i % 2]!, "token:shared-test", 15)));
      const remaining = states.map((s) => s!.remaining).sort((a, b) => a - b);
      // 15 allowed (remaining 14..0), the other 5 refused with 0 remaining.
      expect(states.filter((s) => s!.allowed)).toHaveLength(15);
      expect(remaining).toEqual([0, 0, 0, 0, 0, 0, ...Array.from({ length: 14 }, (_, i) => i + 1)]);
    } finally {
      await second?.close();
    }
  });

  it("old windows are pruned", async () => {
    await ref.current.db.insert(rateLimitWindows).values({ bucket: "token:old", windowStart: new Date(Date.now() - 3 * 3600_000), count: 5 });
    expect(await pruneRateLimitWindows(ref.current.db)).toBeGreaterThanOrEqual(1);
    const left = await ref.current.db.select().from(rateLimitWindows);
    expect(left.some((r) => r.bucket === "token:old")).toBe(false);
  });
});
