import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog, webhooks } from "@/db/schema";
import { openJson } from "@/lib/crypto";
import { appKeyring } from "@/lib/crypto/keyring";
import * as list from "./webhooks/route";
import * as byId from "./webhooks/[id]/route";
import * as deliveries from "./webhooks/[id]/deliveries/route";
import * as resend from "./webhooks/[id]/deliveries/[deliveryId]/resend/route";
import * as test from "./webhooks/[id]/test/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
// A public address (TEST-NET-3) that needs no DNS; nothing is delivered in these tests but pings.
const URL_OK = "https://203.0.113.10/hooks/scheduler";

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
});

describe("webhooks API", () => {
  it("lets an admin create (secret shown once, stored sealed), read, change, and delete; each writes an audit row", async () => {
    const made = await call(list.POST, {
      method: "POST",
      token: A.tokens.admin,
      body: { url: URL_OK, events: ["schedule_created", "publishing_failed", "schedule_created"] },
    });
    expect(made.status).toBe(201);
    expect(made.json).toEqual({
      id: expect.any(String),
      url: URL_OK,
      events: ["schedule_created", "publishing_failed"],
      active: true,
      created_at: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{40,}$/),
    });
    const id = made.json!.id as string;
    const secret = made.json!.secret as string;
    const [row] = await ref.current.db.select().from(webhooks).where(eq(webhooks.id, id));
    expect(row!.secretEncrypted).not.toContain(secret);
    expect(openJson(appKeyring(), row!.secretEncrypted, id)).toBe(secret);

    const all = await call(list.GET, { token: A.tokens.admin });
    expect(all.status).toBe(200);
    expect(all.json!.items).toEqual([expect.objectContaining({ id, url: URL_OK, failed_last_day: 0, last_status: null })]);
    expect(all.text).not.toContain(secret);
    expect(all.text).not.toContain("secret");
    const one = await call(byId.GET, { token: A.tokens.admin, params: { id } });
    expect(one.json).toMatchObject({ id, events: ["schedule_created", "publishing_failed"] });
    expect(one.text).not.toContain(secret);

    const patched = await call(byId.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id },
      body: { active: false, events: ["content_approved"], secret: "my-own-secret-0123456789" },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ id, active: false, events: ["content_approved"] });
    expect(patched.text).not.toContain("my-own-secret");
    const [after] = await ref.current.db.select().from(webhooks).where(eq(webhooks.id, id));
    expect(openJson(appKeyring(), after!.secretEncrypted, id)).toBe("my-own-secret-0123456789");

    expect((await call(byId.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id } })).status).toBe(204);
    expect((await call(byId.GET, { token: A.tokens.admin, params: { id } })).status).toBe(404);
    const audit = await ref.current.db.select().from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(["webhook.create", "webhook.delete", "webhook.update"]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    expect(JSON.stringify(audit)).not.toContain("my-own-secret");
  });

  it("role matrix: editors and viewers get 403 on every webhook call and change nothing; no token is 401", async () => {
    const id = (await call(list.POST, { method: "POST", token: A.tokens.admin, body: { url: URL_OK, events: ["schedule_changed"] } })).json!.id as string;
    const anyId = "00000000-0000-4000-8000-000000000001";
    for (const role of ["editor", "viewer"] as const) {
      const token = A.tokens[role];
      const answers = [
        await call(list.GET, { token }),
        await call(list.POST, { method: "POST", token, body: { url: URL_OK, events: ["schedule_created"] } }),
        await call(byId.GET, { token, params: { id } }),
        await call(byId.PATCH, { method: "PATCH", token, params: { id }, body: { active: false } }),
        await call(byId.DELETE, { method: "DELETE", token, params: { id } }),
        await call(deliveries.GET, { token, params: { id } }),
        await call(resend.POST, { method: "POST", token, params: { id, deliveryId: anyId } }),
        await call(test.POST, { method: "POST", token, params: { id } }),
      ];
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(403));
      expect(answers.every((a) => a.json!.error.code === "forbidden")).toBe(true);
    }
    expect((await call(list.GET)).status).toBe(401);
    expect((await call(test.POST, { method: "POST", params: { id } })).status).toBe(401);
    const still = await call(byId.GET, { token: A.tokens.admin, params: { id } });
    expect(still.json).toMatchObject({ active: true, events: ["schedule_changed"] });
    expect((await call(list.GET, { token: A.tokens.admin })).json!.items).toHaveLength(1);
  });

  it("keeps workspaces apart: another workspace's admin sees 404 and an empty list", async () => {
    const id = (await call(list.GET, { token: A.tokens.admin })).json!.items[0].id as string;
    expect((await call(list.GET, { token: B.tokens.admin })).json!.items).toEqual([]);
    expect((await call(byId.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(byId.PATCH, { method: "PATCH", token: B.tokens.admin, params: { id }, body: { active: false } })).status).toBe(404);
    expect((await call(byId.DELETE, { method: "DELETE", token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(deliveries.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(test.POST, { method: "POST", token: B.tokens.admin, params: { id } })).status).toBe(404);
  });

  it("rejects bad input with a clear 400 and creates nothing", async () => {
    const before = (await call(list.GET, { token: A.tokens.admin })).json!.items.length;
    const cases: [unknown, string][] = [
      [{ events: ["schedule_created"] }, "url"],
      [{ url: URL_OK, events: [] }, "events"],
      [{ url: URL_OK, events: ["nope"] }, "events.0"],
      [{ url: URL_OK, events: ["schedule_created"], secret: "short" }, "secret"],
      [{ url: URL_OK, events: ["schedule_created"], extra: 1 }, "extra"],
    ];
    for (const [body, field] of cases) {
      const r = await call(list.POST, { method: "POST", token: A.tokens.admin, body });
      expect(r.status).toBe(400);
      expect(r.json!.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const notUrl = await call(list.POST, { method: "POST", token: A.tokens.admin, body: { url: "not a url", events: ["schedule_created"] } });
    expect(notUrl.json!.error).toMatchObject({ code: "bad_request:url", message: "url is not a valid URL" });
    // The test process does not set WEBHOOKS_ALLOW_PRIVATE: loopback and metadata addresses are refused.
    for (const url of ["http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data"]) {
      const r = await call(list.POST, { method: "POST", token: A.tokens.admin, body: { url, events: ["schedule_created"] } });
      expect(r.status).toBe(400);
      expect(r.json!.error.code).toBe("bad_request:private_address");
    }
    const id = (await call(list.GET, { token: A.tokens.admin })).json!.items[0].id as string;
    const privPatch = await call(byId.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { url: "http://10.0.0.5/x" } });
    expect(privPatch.json!.error.code).toBe("bad_request:private_address");
    expect((await call(byId.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: {} })).status).toBe(400);
    expect((await call(list.GET, { token: A.tokens.admin })).json!.items).toHaveLength(before);
    expect((await call(byId.GET, { token: A.tokens.admin, params: { id } })).json!.url).toBe(URL_OK);
    expect((await call(deliveries.GET, { token: A.tokens.admin, params: { id }, path: "/api/v1/x?status=weird" })).status).toBe(400);
  });

  it("logs a test event as a delivery an admin can list and re-send (404 for an unknown delivery)", async () => {
    const id = (await call(list.GET, { token: A.tokens.admin })).json!.items[0].id as string;
    // 203.0.113.10 is not reachable from here: the ping fails and is logged for a retry.
    const ping = await call(test.POST, { method: "POST", token: A.tokens.admin, params: { id } });
    expect(ping.status).toBe(200);
    expect(ping.json).toMatchObject({
      event: "ping",
      attempt: 1,
      status: "retrying",
      http_status: null,
      response_excerpt: expect.any(String),
      payload: { type: "ping", data: { webhook_id: id } },
    });
    // The list says how the webhook is doing: its last delivery is being retried.
    expect((await call(list.GET, { token: A.tokens.admin })).json!.items[0]).toMatchObject({ id, last_status: "retrying", failed_last_day: 0 });
    const log = await call(deliveries.GET, { token: A.tokens.admin, params: { id } });
    expect(log.json!.items.map((d: { id: string }) => d.id)).toEqual([ping.json!.id]);
    const again = await call(resend.POST, { method: "POST", token: A.tokens.admin, params: { id, deliveryId: ping.json!.id } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ id: ping.json!.id, attempt: 1 });
    expect(
      (await call(resend.POST, { method: "POST", token: A.tokens.admin, params: { id, deliveryId: "00000000-0000-4000-8000-000000000002" } })).status,
    ).toBe(404);
  }, 60_000);
});
