import { beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { getConfig } from "@/lib/config";
import * as tokens from "./tokens/route";
import * as workspace from "./workspace/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspace>>;
let B: Awaited<ReturnType<typeof makeWorkspace>>;
let cookie: string;
const origin = () => new URL(getConfig().nextauthUrl).origin;

beforeAll(async () => {
  A = await makeWorkspace(ref.current.db, ["admin"]);
  B = await makeWorkspace(ref.current.db, ["admin"]);
  const jwt = await encode({ token: { uid: A.actors.admin.userId, sub: A.actors.admin.userId }, secret: getConfig().nextauthSecret });
  cookie = `next-auth.session-token=${jwt}`;
});

describe("the browser session on /api/v1", () => {
  it("reads with the session cookie, in the member's own workspace", async () => {
    const r = await call(workspace.GET, { headers: { cookie } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: A.workspace.id, role: "admin" });
  });

  it("ignores a workspace cookie naming a workspace the user is not in", async () => {
    const r = await call(workspace.GET, { headers: { cookie: `${cookie}; workspace=${B.workspace.id}` } });
    expect(r.status).toBe(200);
    expect(r.json!.id).toBe(A.workspace.id);
  });

  it("refuses a forged or foreign-signed session", async () => {
    const forged = await encode({ token: { uid: A.actors.admin.userId }, secret: "another-secret-another-secret-0123456" });
    expect((await call(workspace.GET, { headers: { cookie: `next-auth.session-token=${forged}` } })).status).toBe(401);
    expect((await call(workspace.GET, { headers: { cookie: "next-auth.session-token=garbage" } })).status).toBe(401);
  });

  it("accepts a change only from this app's origin, as JSON", async () => {
    const body = { name: "from the browser" };
    const none = await call(tokens.POST, { method: "POST", headers: { cookie }, body });
    expect(none.status).toBe(403);
    expect(none.json!.error.code).toBe("forbidden:origin");
    const foreign = await call(tokens.POST, { method: "POST", headers: { cookie, origin: "https://evil.example" }, body });
    expect(foreign.status).toBe(403);
    const form = await call(tokens.POST, { method: "POST", headers: { cookie, origin: origin(), "content-type": "text/plain" }, body: JSON.stringify(body) });
    expect(form.status).toBe(400);
    expect(form.json!.error.code).toBe("bad_request:content_type");
    const list = await call(tokens.GET, { headers: { cookie } });
    expect(list.json!.items).toHaveLength(0); // nothing was created by the refused requests
    const ok = await call(tokens.POST, { method: "POST", headers: { cookie, origin: origin() }, body });
    expect(ok.status).toBe(201);
  });

  it("a token needs no origin: it is not sent by browsers on their own", async () => {
    const { createApiToken } = await import("@/lib/auth/tokens");
    const t = (await createApiToken(ref.current.db, A.actors.admin, { name: "script", role: "admin" })).token;
    expect((await call(tokens.POST, { method: "POST", token: t, body: { name: "from a script" } })).status).toBe(201);
  });
});
