import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { actionRuntime, publicAction } from "@/app/_server/action";
import { contentItems } from "@/db/schema";
import { z } from "zod";
import { createContentAction, importCsvAction, updateContentAction } from "./content";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
const original = { ...actionRuntime };

beforeAll(async () => {
  W = await makeWorkspace(ref.current.db);
  actionRuntime.member = async () => ({ db: ref.current.db, actor: W.actors.editor });
  actionRuntime.revalidate = () => undefined;
});
afterAll(() => Object.assign(actionRuntime, original));

describe("server actions refuse text the database cannot store", () => {
  it("names the field, in objects at any depth, and writes nothing", async () => {
    const r = await createContentAction({ title: "\u0000\ud800", content: "fine" });
    expect(r).toMatchObject({ ok: false, error: { code: "bad_request:validation", fields: { title: expect.stringMatching(/NUL/) } } });
    const made = await createContentAction({ title: "ok", content: "fine" });
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const deep = await updateContentAction({ id: made.data.id, patch: { content: "lone \udc00 half" } });
    expect(deep).toMatchObject({ ok: false, error: { code: "bad_request:validation", message: expect.stringMatching(/^patch\.content: .*surrogate/) } });
    const rows = await ref.current.db.select().from(contentItems).where(eq(contentItems.workspaceId, W.workspace.id));
    expect(rows.map((x) => x.content)).toEqual(["fine"]);
  });

  it("checks FormData fields and uploaded file names", async () => {
    const csv = new File(["title,content\na,b\n"], "posts\u0000.csv", { type: "text/csv" });
    const r = await importCsvAction({ file: csv, dry_run: true });
    expect(r).toMatchObject({ ok: false, error: { code: "bad_request:validation", fields: { file: expect.any(String) } } });
    const echo = publicAction(z.instanceof(FormData), async ({ input }) => input.get("name"));
    const form = new FormData();
    form.set("name", "bell\u0007");
    expect(await echo(form)).toMatchObject({
      ok: false,
      error: { code: "bad_request:validation", fields: { name: expect.stringMatching(/control character/) } },
    });
  });
});
