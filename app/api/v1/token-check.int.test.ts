import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { freshRateWindow, makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { getConfig } from "@/lib/config";
import { actorFromToken, createApiToken } from "@/lib/auth/tokens";
import { openSameDatabase, TEST_DRIVER } from "@/db/testing";
import { apiTokens, rateLimitWindows } from "@/db/schema";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer";
import * as workspace from "./workspace/route";

const ref = withTestDatabase();
const saved = { ...getConfig().rateLimit };
afterAll(() => Object.assign(getConfig().rateLimit, saved));

const windowsOf = async (bucket: string) =>
  (await ref.current.db.select({ count: rateLimitWindows.count }).from(rateLimitWindows).where(eq(rateLimitWindows.bucket, bucket))).map((r) => r.count);
const lastUsed = async (id: string) => (await ref.current.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, id)))[0]!.at;

describe("a token's check counts and notes its use in the same step", () => {
  it("counts a usable token's requests under the token, in one statement with the check", async () => {
    await freshRateWindow();
    const A = await makeWorkspace(ref.current.db);
    const made = await createApiToken(ref.current.db, A.actors.admin, { name: "counted" });
    const first = await actorFromToken(ref.current.db, made.token, "203.0.113.1", 60);
    expect(first.actor).toMatchObject({ tokenId: made.id, workspaceId: A.workspace.id, userId: A.actors.admin.userId, role: "editor" });
    expect(first.counted?.count).toBe(1);
    expect(first.counted?.resetSeconds).toBeGreaterThan(0);
    expect((await actorFromToken(ref.current.db, made.token, null, 60)).counted?.count).toBe(2);
    // Without a window nothing is counted.
    expect((await actorFromToken(ref.current.db, made.token, null)).counted).toBeNull();
    expect(await windowsOf(`token:${made.id}`)).toEqual([2]);
    if (TEST_DRIVER === "postgres") {
      // One round trip: the lookup, the count and the last-use note are a single statement.
      const statements: string[] = [];
      const own = await openSameDatabase(ref.current.db, { max: 1, onQuery: (q) => statements.push(q) });
      try {
        await own.db.update(apiTokens).set({ lastUsedAt: null }).where(eq(apiTokens.id, made.id));
        statements.length = 0;
        expect((await actorFromToken(own.db, made.token, null, 60)).counted?.count).toBe(3);
        expect(statements).toHaveLength(1);
      } finally {
        await own.close();
      }
      expect(await lastUsed(made.id)).not.toBeNull();
    }
  });

  it("notes the last use at most once a minute", async () => {
    const A = await makeWorkspace(ref.current.db);
    const made = await createApiToken(ref.current.db, A.actors.admin, { name: "noted" });
    expect(await lastUsed(made.id)).toBeNull();
    await actorFromToken(ref.current.db, made.token, null);
    const noted = await lastUsed(made.id);
    expect(noted).toBeInstanceOf(Date);
    await actorFromToken(ref.current.db, made.token, null);
    expect((await lastUsed(made.id))!.getTime()).toBe(noted!.getTime());
    const old = new Date(Date.now() - 2 * 60_000);
    await ref.current.db.update(apiTokens).set({ lastUsedAt: old }).where(eq(apiTokens.id, made.id));
    await actorFromToken(ref.current.db, made.token, null);
    expect((await lastUsed(made.id))!.getTime()).toBeGreaterThan(old.getTime() + 60_000);
  });

  it("refuses an expired token, counts it under the client's address and notes no use", async () => {
    await freshRateWindow();
    getConfig().rateLimit.perMinute = 100;
    getConfig().rateLimit.anonPerMinute = 7;
    const A = await makeWorkspace(ref.current.db);
    const made = await createApiToken(ref.current.db, A.actors.admin, { name: "expired", expiresInDays: 1 });
    expect((await call(workspace.GET, { token: made.token })).status).toBe(200);
    await ref.current.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000), lastUsedAt: null })
      .where(eq(apiTokens.id, made.id));
    const r = await call(workspace.GET, { token: made.token, headers: { [PEER_ADDRESS_HEADER]: "198.51.100.77" } });
    expect(r.status).toBe(401);
    expect(r.json!.error.message).toMatch(/revoked or expired/);
    expect(r.headers.get("ratelimit-limit")).toBe("7");
    expect(await windowsOf("addr:198.51.100.77")).toEqual([1]);
    expect(await windowsOf(`token:${made.id}`)).toEqual([1]);
    expect(await lastUsed(made.id)).toBeNull();
  });
});
