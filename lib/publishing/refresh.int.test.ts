import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { createXFake } from "@/adapters/fakes/x";
import { faults } from "@/adapters/fakes/server";
import { notifications, platformAccounts } from "@/db/schema";
import { openJson } from "@/lib/crypto";
import { appKeyring } from "@/lib/crypto/keyring";
import type { Db } from "@/db/client";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const x = createXFake({ token: "access-0", clientId: "client-1", refreshToken: "refresh-1" });
beforeAll(() => x.start());
afterAll(() => x.close());

async function xAccount(expiresInSeconds: number, refreshToken: string) {
  const ws = await makeWorkspace(db(), ["admin", "editor"]);
  const id = await makeAccount(db(), ws.workspace.id, "x", {
    config: { api_base_url: x.url, client_id: "client-1", user_id: x.userId },
    credentials: { access_token: "access-0", refresh_token: refreshToken },
  });
  await db().execute(sql`UPDATE platform_accounts SET token_expires_at = now() + make_interval(secs => ${expiresInSeconds}) WHERE id = ${id}`);
  return { ws, id };
}

const account = async (id: string) => (await db().select().from(platformAccounts).where(eq(platformAccounts.id, id)))[0]!;

describe("OAuth tokens in the engine", () => {
  it("a token about to expire is refreshed before publishing; the new pair is stored encrypted", async () => {
    const { ws, id } = await xAccount(60, x.state.refreshToken);
    const due = await makeDue(db(), ws.workspace.id, id, "x", { text: "after a refresh" });
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("published");
    const a = await account(id);
    const creds = openJson<Record<string, string>>(appKeyring(), a.credentialsEncrypted!, id);
    expect(creds.access_token).toMatch(/^access-\d+$/);
    expect(creds.access_token).not.toBe("access-0");
    expect(creds.refresh_token).toBe(x.state.refreshToken);
    expect(a.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3600_000);
    expect(x.tweets.find((t) => t.text === "after a refresh")).toBeTruthy();
  });

  it("a refused refresh flags the account for reconnecting and tells its admins; nothing is posted", async () => {
    const { ws, id } = await xAccount(-60, "revoked-refresh-token");
    const due = await makeDue(db(), ws.workspace.id, id, "x", { text: "never sent" });
    await testDispatcher(db()).drain();
    const row = await scheduleRow(db(), due.scheduleId);
    expect([row.publishStatus, row.errorCode]).toEqual(["failed", "auth"]);
    const a = await account(id);
    expect(a.status).toBe("needs_reconnect");
    const notes = await db().select().from(notifications).where(eq(notifications.workspaceId, ws.workspace.id));
    expect(notes.map((n) => [n.userId, n.type])).toEqual([[ws.actors.admin.userId, "account_needs_reconnect"]]);
    expect(x.tweets.find((t) => t.text === "never sent")).toBeUndefined();
  });

  it("a network blip during the refresh does not flag the account; a still-valid token publishes", async () => {
    const { ws, id } = await xAccount(60, x.state.refreshToken);
    const due = await makeDue(db(), ws.workspace.id, id, "x", { text: "blip then post" });
    x.inject(faults.drop(), { match: (r) => r.path === "/2/oauth2/token" });
    await testDispatcher(db()).drain();
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("published");
    expect((await account(id)).status).toBe("active");
  });
});
