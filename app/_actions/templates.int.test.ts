import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { actionRuntime } from "@/app/_server/action";
import { auditLog, templates } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { composerSnippets } from "@/lib/templates/composer";
import {
  createHashtagGroupAction,
  createSignatureAction,
  createTemplateAction,
  deleteTemplateAction,
  restoreTemplateVersionAction,
  updateTemplateAction,
} from "./templates";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
const original = { ...actionRuntime };
const revalidated: string[] = [];
const as = (actor: Actor) => (actionRuntime.member = async () => ({ db: ref.current.db, actor }));

beforeAll(async () => {
  W = await makeWorkspace(ref.current.db);
  actionRuntime.revalidate = (p) => void revalidated.push(p);
});
afterAll(() => Object.assign(actionRuntime, original));

describe("template actions", () => {
  it("run the same rules as the API: viewers refused, versions kept, stale edits refused", async () => {
    as(W.actors.viewer);
    const refused = await createTemplateAction({ name: "V", body: "x" }, W.workspace.id);
    expect(refused).toMatchObject({ ok: false, error: { code: "forbidden" } });

    as(W.actors.editor);
    const made = await createTemplateAction({ name: "Promo", body: "Buy {{thing}}", default_platforms: ["x"], default_tags: [] }, W.workspace.id);
    expect(made.ok).toBe(true);
    const id = made.ok ? made.data.id : "";
    expect(await updateTemplateAction({ id, patch: { body: "Get {{thing}} now", version: 1 } }, W.workspace.id)).toEqual({
      ok: true,
      data: { id, version: 2 },
    });
    expect(await updateTemplateAction({ id, patch: { body: "stale", version: 1 } }, W.workspace.id)).toMatchObject({
      ok: false,
      error: { code: "conflict:template_version" },
    });
    expect(await restoreTemplateVersionAction({ id, version: 1 }, W.workspace.id)).toEqual({ ok: true, data: { id, version: 3 } });
    const [row] = await ref.current.db.select().from(templates).where(eq(templates.id, id));
    expect(row).toMatchObject({ body: "Buy {{thing}}", currentVersion: 3, variables: ["thing"] });
    expect(await createTemplateAction({ name: "Bad", body: "{{x" }, W.workspace.id)).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
    expect(revalidated).toContain("/settings/templates");
    // A form left open on another workspace changes nothing.
    expect(await deleteTemplateAction({ id }, "00000000-0000-0000-0000-000000000000")).toMatchObject({ ok: false, error: { code: "conflict:workspace" } });
    expect((await ref.current.db.select().from(auditLog).where(eq(auditLog.entityId, id))).map((r) => r.action)).toEqual([
      "template.create",
      "template.update",
      "template.restore",
    ]);
  });

  it("feed the composer's Insert menu with templates, hashtag groups and signatures", async () => {
    as(W.actors.editor);
    await createHashtagGroupAction({ name: "Tags", hashtags: ["a", "#b"], platforms: ["mastodon"] }, W.workspace.id);
    await createSignatureAction({ name: "Sig", body: "— us", platform: null }, W.workspace.id);
    const snippets = await composerSnippets(ref.current.db, W.actors.viewer, "Europe/Paris");
    expect(snippets).toEqual([
      { label: "Promo", text: "Buy {{thing}}", kind: "template", platforms: ["x"], timeZone: "Europe/Paris", tags: [] },
      { label: "Tags", text: "#a #b", kind: "hashtags", platforms: ["mastodon"] },
      { label: "Sig", text: "— us", kind: "signature", platforms: [] },
    ]);
  });
});
