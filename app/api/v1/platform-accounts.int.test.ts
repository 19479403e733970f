import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { call } from "@/scripts/test/http";
import { auditLog, platformAccounts, schedules } from "@/db/schema";
import { rowsOf } from "@/db/client";
import { createContent } from "@/lib/content";
import { openJson } from "@/lib/crypto";
import { appKeyring } from "@/lib/crypto/keyring";
import { faults } from "@/adapters/fakes/server";
import { closedPort } from "@/adapters/fakes/context";
import * as list from "./platform-accounts/route";
import * as one from "./platform-accounts/[id]/route";
import * as verify from "./platform-accounts/[id]/verify/route";
import * as start from "./platform-accounts/oauth/start/route";

import { platformAccountsSetup } from "@/scripts/test/platform-accounts";

const { s: fx, ref, SECRET, hook, webhookBody, makeHook, accountCount, auditText, verifyAs } = platformAccountsSetup();

describe("platform accounts", () => {
  it("admins create, read, change and delete; editors and viewers may only read", async () => {
    const made = await call(list.POST, { method: "POST", token: fx.A.tokens.admin, body: webhookBody({ rate_limit: { capacity: 10, per_seconds: 60 } }) });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({
      platform: "webhook",
      name: "Site hook",
      status: "active",
      has_credentials: true,
      credential_keys: ["secret"],
      rate_limit: { capacity: 10, per_seconds: 60 },
      config: { api_base_url: hook.hookUrl() },
    });
    const id = made.json!.id as string;
    const before = await accountCount();
    for (const token of [fx.A.tokens.editor, fx.A.tokens.viewer]) {
      for (const run of [
        () => call(list.POST, { method: "POST", token, body: webhookBody() }),
        () => call(one.PATCH, { method: "PATCH", token, params: { id }, body: { name: "Mine" } }),
        () => call(one.DELETE, { method: "DELETE", token, params: { id } }),
        () => call(verify.POST, { method: "POST", token, params: { id } }),
        () => call(start.POST, { method: "POST", token, body: { platform: "x", name: "X", config: { client_id: "c" } } }),
      ])
        expect((await run()).status).toBe(403);
    }
    expect(await accountCount()).toBe(before);
    expect((await call(list.GET, { token: fx.A.tokens.viewer })).json!.items.map((a: { id: string }) => a.id)).toContain(id);
    expect((await call(one.GET, { token: fx.A.tokens.viewer, params: { id } })).json!.name).toBe("Site hook");
    expect((await call(one.GET, { token: fx.B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(one.PATCH, { method: "PATCH", token: fx.B.tokens.admin, params: { id }, body: { name: "B" } })).status).toBe(404);

    const patched = await call(one.PATCH, {
      method: "PATCH",
      token: fx.A.tokens.admin,
      params: { id },
      body: { name: "Renamed", config: { team: "news" }, rate_limit: null, status: "disabled" },
    });
    expect(patched.json).toMatchObject({ name: "Renamed", config: { api_base_url: hook.hookUrl(), team: "news" }, rate_limit: null, status: "disabled" });
    const merged = await call(one.PATCH, { method: "PATCH", token: fx.A.tokens.admin, params: { id }, body: { config: { team: null }, status: "active" } });
    expect(merged.json!.config).toEqual({ api_base_url: hook.hookUrl() });
    expect(merged.json!.status).toBe("active");
    expect((await call(one.DELETE, { method: "DELETE", token: fx.A.tokens.admin, params: { id } })).status).toBe(204);
    expect((await call(one.GET, { token: fx.A.tokens.admin, params: { id } })).status).toBe(404);
  });

  it("refuses bad input with a 400 naming the field, and changes nothing", async () => {
    const id = await makeHook();
    const before = await accountCount();
    const cases: [Record<string, unknown>, RegExp][] = [
      [webhookBody({ platform: "myspace" }), /platform: must be one of: .*mastodon.*webhook/],
      [{ platform: "mastodon", name: "Toots", credentials: { access_token: "t" } }, /config\.api_base_url: is required for Mastodon/],
      [webhookBody({ config: { api_base_url: "not a url" } }), /config\.api_base_url: must be a URL/],
      [webhookBody({ config: { api_base_url: "ftp://files.example.com" } }), /config\.api_base_url: must start with http/],
      [webhookBody({ rate_limit: { capacity: 0, per_seconds: 60 } }), /rate_limit\.capacity: must be at least 1/],
      [webhookBody({ rate_limit: "fast" }), /rate_limit/],
      [webhookBody({ credentials: { secret: 42 } }), /credentials\.secret/],
      [webhookBody({ config: { api_base_url: hook.hookUrl(), client_secret: "s" } }), /config\.client_secret: is a secret/],
      [webhookBody({ config: { api_base_url: hook.hookUrl(), blob: "x".repeat(17_000) } }), /config: must be at most 16 KB/],
    ];
    for (const [body, message] of cases) {
      const r = await call(list.POST, { method: "POST", token: fx.A.tokens.admin, body });
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(r.json!.error.message).toMatch(message);
    }
    for (const [body, message] of [
      [{ config: { api_base_url: null } }, /config\.api_base_url: is required for Webhook/],
      [{ rate_limit: { capacity: 5, per_seconds: -1 } }, /rate_limit\.per_seconds/],
      [{ status: "needs_reconnect" }, /status: must be active or disabled/],
    ] as const) {
      const r = await call(one.PATCH, { method: "PATCH", token: fx.A.tokens.admin, params: { id }, body });
      expect(r.status).toBe(400);
      expect(r.json!.error.message).toMatch(message);
    }
    expect(await accountCount()).toBe(before);
    expect((await call(one.GET, { token: fx.A.tokens.admin, params: { id } })).json).toMatchObject({
      config: { api_base_url: hook.hookUrl() },
      status: "active",
      rate_limit: null,
    });
  });

  it("verifies through the adapter: active, needs_reconnect, error with a readable reason", async () => {
    const id = await makeHook();
    const ok = await verifyAs(id);
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ status: "active", status_reason: null });
    expect(Date.parse(ok.json!.last_verified_at)).toBeGreaterThan(Date.now() - 60_000);

    hook.inject(faults.serverError(500));
    const failed = await verifyAs(id);
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({ status: "error", last_verified_at: ok.json!.last_verified_at });
    expect(failed.json!.status_reason).toMatch(/HTTP 500.*try checking again later/);

    await call(one.PATCH, {
      method: "PATCH",
      token: fx.A.tokens.admin,
      params: { id },
      body: { config: { api_base_url: `http://127.0.0.1:${await closedPort()}/hook` } },
    });
    const refused = await verifyAs(id);
    expect(refused.json).toMatchObject({ status: "error" });
    expect(refused.json!.status_reason).toMatch(/could not reach the platform \(ECONNREFUSED\)/);

    await call(one.PATCH, {
      method: "PATCH",
      token: fx.A.tokens.admin,
      params: { id },
      body: { config: { api_base_url: hook.hookUrl() }, credentials: { secret: "wrong" } },
    });
    const wrong = await verifyAs(id);
    expect(wrong.json).toMatchObject({ status: "needs_reconnect", credential_keys: ["secret"] });
    expect(wrong.json!.status_reason).toMatch(/refused the credentials/);
    // The admins hear of it once (notifications and webhooks read this event), not on every check.
    await verifyAs(id);
    const reconnects = rowsOf<{ n: number }>(
      await ref.current.db.execute(
        sql`select count(*)::int as n from publishing_events where type = 'account_needs_reconnect' and data->>'platform_account_id' = ${id}`,
      ),
    );
    expect(reconnects[0]!.n).toBe(1);

    const replaced = await call(one.PATCH, { method: "PATCH", token: fx.A.tokens.admin, params: { id }, body: { credentials: { secret: SECRET } } });
    expect(replaced.json!.credential_keys).toEqual(["secret"]);
    expect((await verifyAs(id)).json).toMatchObject({ status: "active", status_reason: null });
  });

  it("never returns or audits credentials, and stores them encrypted", async () => {
    const made = await call(list.POST, { method: "POST", token: fx.A.tokens.admin, body: webhookBody() });
    const id = made.json!.id as string;
    const texts = [
      made.text,
      (await call(list.GET, { token: fx.A.tokens.viewer })).text,
      (await call(one.GET, { token: fx.A.tokens.admin, params: { id } })).text,
      (
        await call(one.PATCH, {
          method: "PATCH",
          token: fx.A.tokens.admin,
          params: { id },
          body: { credentials: { secret: SECRET, token: "tok-PLAIN-VALUE" } },
        })
      ).text,
      (await verifyAs(id)).text,
    ];
    for (const t of [...texts, await auditText()]) {
      expect(t).not.toContain(SECRET);
      expect(t).not.toContain("tok-PLAIN-VALUE");
    }
    const [row] = await ref.current.db.select().from(platformAccounts).where(eq(platformAccounts.id, id));
    expect(row!.credentialsEncrypted).not.toContain(SECRET);
    expect(openJson(appKeyring(), row!.credentialsEncrypted!, id)).toEqual({ secret: SECRET, token: "tok-PLAIN-VALUE" });
    expect(await auditText()).toContain('"credentials_replaced":true');
  });

  it("refuses to delete while a post is publishing; otherwise deletes the schedules too and audits it", async () => {
    const id = await makeHook();
    const item = await createContent(ref.current.db, fx.A.actors.editor, { title: "Hello", content: "Hello", content_type: "post" });
    const when = new Date(Date.now() + 3_600_000);
    const [s] = await ref.current.db
      .insert(schedules)
      .values({
        workspaceId: fx.A.workspace.id,
        contentItemId: item.id,
        platformAccountId: id,
        platformId: "webhook",
        scheduledTime: when,
        originalTime: when,
        localTime: "2030-01-01T09:00",
        publishStatus: "publishing",
      })
      .returning();
    const refused = await call(one.DELETE, { method: "DELETE", token: fx.A.tokens.admin, params: { id } });
    expect(refused.status).toBe(409);
    expect(refused.json!.error.message).toMatch(/is publishing a post right now/);
    expect((await call(one.GET, { token: fx.A.tokens.admin, params: { id } })).status).toBe(200);
    await ref.current.db.update(schedules).set({ publishStatus: "pending" }).where(eq(schedules.id, s!.id));
    expect((await call(one.DELETE, { method: "DELETE", token: fx.A.tokens.admin, params: { id } })).status).toBe(204);
    expect(await ref.current.db.select().from(schedules).where(eq(schedules.id, s!.id))).toHaveLength(0);
    const [audit] = await ref.current.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, id))
      .orderBy(auditLog.id)
      .then((r) => r.slice(-1));
    expect(audit).toMatchObject({ action: "platform_account.delete", after: { schedules_deleted: 1, schedules_deleted_by_status: { pending: 1 } } });
  });
});
