import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, and } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog, workspaces } from "@/db/schema";
import { insertMedia } from "@/db/queries/media-write";
import { createContent } from "@/lib/content";
import { putContentVariant } from "@/lib/content/variants";
import { checkGates, gatesPass } from "@/lib/gates";
import { getContentRow } from "@/db/queries/content";
import { actionRuntime } from "@/app/_server/action";
import { checkDraftAction, saveQualityGatesAction } from "@/app/_actions/gates";
import * as gates from "./workspace/quality-gates/route";
import * as check from "./content/[id]/check/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let server: http.Server;
let base = "";

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
  server = http.createServer((req, res) => res.writeHead(req.url === "/ok" ? 200 : 404).end());
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const RULES = {
  platform_limits: { enabled: true, severity: "error" },
  required_fields: { enabled: true, severity: "error", by_type: { article: ["summary", "media"], thread: ["parts"] } },
  banned_words: {
    enabled: true,
    entries: [
      { text: "free money", severity: "error" },
      { text: "guarantee", severity: "warning" },
    ],
  },
  link_check: { enabled: true, severity: "warning", timeout_ms: 2000 },
  alt_text: { enabled: true, severity: "error" },
};

describe("GET/PUT /api/v1/workspace/quality-gates", () => {
  it("answers the defaults to every member: platform limits on, the rest off", async () => {
    for (const role of ["admin", "editor", "viewer"] as const) {
      const res = await call(gates.GET, { token: A.tokens[role] });
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({
        platform_limits: { enabled: true, severity: "error" },
        banned_words: { enabled: false, entries: [] },
        link_check: { enabled: false },
        alt_text: { enabled: false },
      });
    }
    expect((await call(gates.GET)).status).toBe(401);
  });

  it("refuses editors and viewers with 403 and changes nothing", async () => {
    for (const role of ["editor", "viewer"] as const) {
      const res = await call(gates.PUT, { method: "PUT", token: A.tokens[role], body: RULES });
      expect(res.status).toBe(403);
      expect(res.json!.error.code).toBe("forbidden");
    }
    expect((await call(gates.GET, { token: A.tokens.admin })).json!.banned_words.enabled).toBe(false);
  });

  it("lets an admin replace the rules, keeps the other settings, and writes an audit row", async () => {
    await ref.current.db
      .update(workspaces)
      .set({ settings: { something_else: { keep: true } } })
      .where(eq(workspaces.id, A.workspace.id));
    const res = await call(gates.PUT, { method: "PUT", token: A.tokens.admin, body: RULES });
    expect(res.status).toBe(200);
    expect(res.json!.banned_words.entries).toEqual(RULES.banned_words.entries);
    expect(res.json!.required_fields.by_type).toEqual({ post: [], article: ["summary", "media"], thread: ["parts"], carousel: [] });
    const viewer = await call(gates.GET, { token: A.tokens.viewer });
    expect(viewer.json).toEqual(res.json);
    const [ws] = await ref.current.db.select({ settings: workspaces.settings }).from(workspaces).where(eq(workspaces.id, A.workspace.id));
    expect(ws!.settings).toMatchObject({ something_else: { keep: true }, quality_gates: { link_check: { timeout_ms: 2000 } } });
    const audit = await ref.current.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, A.workspace.id), eq(auditLog.action, "quality_gates.update")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: A.actors.admin.userId,
      before: expect.objectContaining({ banned_words: { enabled: false, entries: [] } }),
      after: expect.objectContaining({ alt_text: { enabled: true, severity: "error" } }),
    });
    // Workspace B is untouched.
    expect((await call(gates.GET, { token: B.tokens.admin })).json!.banned_words.enabled).toBe(false);
  });

  it("answers 400 with the field for bad rules, and keeps the old ones", async () => {
    const bad = [
      { ...RULES, banned_words: { enabled: true, entries: [{ text: "" }] } },
      { ...RULES, required_fields: { enabled: true, by_type: { post: ["parts"] } } },
      { ...RULES, link_check: { enabled: true, timeout_ms: 60_000 } },
      { ...RULES, alt_text: { enabled: true, severity: "fatal" } },
      { ...RULES, extra: 1 },
    ];
    for (const body of bad) {
      const res = await call(gates.PUT, { method: "PUT", token: A.tokens.admin, body });
      expect(res.status).toBe(400);
      expect(res.json!.error.code).toBe("bad_request:validation");
    }
    expect((await call(gates.GET, { token: A.tokens.admin })).json!.link_check.timeout_ms).toBe(2000);
  });
});

describe("POST /api/v1/content/{id}/check", () => {
  let itemId = "";
  beforeAll(async () => {
    const db = ref.current.db;
    const img = await insertMedia(db, {
      workspaceId: A.workspace.id,
      uploadedBy: A.actors.admin.userId,
      filename: "chart.png",
      mimeType: "image/png",
      sizeBytes: 10,
      width: 10,
      height: 10,
      storagePath: "x/chart.png",
      sha256: "0",
    });
    const item = await createContent(db, A.actors.editor, {
      title: "Launch",
      content: `Free   Money for all! We GUARANTEE it. Read ${base}/ok and ${base}/gone.`,
      content_type: "article",
      media_ids: [img.id],
    });
    itemId = item.id;
    await putContentVariant(db, A.actors.editor, itemId, "mastodon", { text: "Short version, no guarantee" });
  });

  it("lists every rule's findings, with the matched text, for every member role", async () => {
    for (const role of ["admin", "editor", "viewer"] as const) {
      const res = await call(check.POST, { method: "POST", token: A.tokens[role], params: { id: itemId }, body: {} });
      expect(res.status).toBe(200);
      const f = res.json!.findings as { rule: string; severity: string; message: string; field?: string; platform?: string }[];
      expect(res.json!.platforms).toEqual(["mastodon"]);
      expect(f.filter((x) => x.rule === "required_fields").map((x) => x.field)).toEqual(["summary"]);
      expect(f).toContainEqual(
        expect.objectContaining({ rule: "banned_words", severity: "error", field: "content", message: expect.stringContaining("“Free   Money”") }),
      );
      expect(f).toContainEqual(
        expect.objectContaining({
          rule: "banned_words",
          severity: "warning",
          platform: "mastodon",
          message: expect.stringContaining("“guarantee” in the mastodon text"),
        }),
      );
      expect(f.filter((x) => x.rule === "link_check")).toEqual([
        expect.objectContaining({ severity: "warning", message: `Link ${base}/gone answered 404 Not Found.` }),
      ]);
      expect(f).toContainEqual(expect.objectContaining({ rule: "alt_text", severity: "error", message: expect.stringContaining("chart.png") }));
      expect(res.json).toMatchObject({ passes: false, passes_with_acknowledgement: false });
    }
  });

  it("checks the platforms asked for, and refuses unknown ones", async () => {
    const res = await call(check.POST, { method: "POST", token: A.tokens.editor, params: { id: itemId }, body: { platforms: ["x"] } });
    expect(res.json!.platforms).toEqual(["x"]);
    expect(res.json!.findings.some((f: { platform?: string }) => f.platform === "mastodon")).toBe(false);
    const bad = await call(check.POST, { method: "POST", token: A.tokens.editor, params: { id: itemId }, body: { platforms: ["myspace"] } });
    expect(bad.status).toBe(400);
  });

  it("answers 404 for another workspace's content and 401 without a token", async () => {
    expect((await call(check.POST, { method: "POST", token: B.tokens.admin, params: { id: itemId }, body: {} })).status).toBe(404);
    expect((await call(check.POST, { method: "POST", params: { id: itemId }, body: {} })).status).toBe(401);
  });

  it("passes once the content is fixed, with only warnings left to acknowledge", async () => {
    const db = ref.current.db;
    const img = await insertMedia(db, {
      workspaceId: A.workspace.id,
      uploadedBy: null,
      filename: "ok.png",
      mimeType: "image/png",
      sizeBytes: 10,
      width: 10,
      height: 10,
      storagePath: "x/ok.png",
      sha256: "1",
      altText: "A chart",
    });
    const item = await createContent(db, A.actors.editor, {
      title: "Fixed",
      content: `All good. We guarantee ${base}/ok`,
      summary: "Short",
      content_type: "article",
      media_ids: [img.id],
    });
    const row = (await getContentRow(db, A.workspace.id, item.id))!;
    const findings = await checkGates(db, A.workspace.id, row, { stage: "publish", platforms: ["mastodon"] });
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([["banned_words", "warning"]]);
    expect(gatesPass(findings, false)).toBe(false);
    expect(gatesPass(findings, true)).toBe(true);
  });
});

describe("server actions", () => {
  const original = { ...actionRuntime };
  afterAll(() => Object.assign(actionRuntime, original));

  it("lets only admins save rules; the composer's check runs for any member on unsaved text", async () => {
    actionRuntime.revalidate = () => undefined;
    actionRuntime.member = async () => ({ db: ref.current.db, actor: A.actors.editor });
    const refused = await saveQualityGatesAction({ ...RULES, banned_words: { enabled: false, entries: [] } });
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });
    const draft = await checkDraftAction({ title: "T", content: "This is free money", content_type: "post", platforms: ["x"] });
    expect(draft.ok && draft.data.findings.map((f) => f.rule)).toEqual(["banned_words"]);

    actionRuntime.member = async () => ({ db: ref.current.db, actor: A.actors.admin });
    const saved = await saveQualityGatesAction({ ...RULES, banned_words: { enabled: false, entries: [] } });
    expect(saved.ok).toBe(true);
    const after = await checkDraftAction({ title: "T", content: "This is free money", content_type: "post", platforms: ["x"] });
    expect(after.ok && after.data.findings).toEqual([]);
  });
});
