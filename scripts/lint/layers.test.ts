import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ESLint } from "eslint";

/**
 * The rule book of eslint.config.mjs at work: a wrong-way import, an import cycle, a component
 * importing what cannot run in a browser and app/ reading db/ past lib/ each fail the lint. The files are written into the tree for the run (the resolver follows real files)
 * and removed after.
 */
const root = path.resolve(__dirname, "../..");
const dir = path.join(root, "lib", `.lint-fixture-${process.pid}`);
const eslint = new ESLint({ cwd: root });
const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
const rulesHit = async (file: string) => (await eslint.lintFiles([path.join(dir, file)]))[0]!.messages.map((m) => m.ruleId);

beforeAll(() => {
  fs.mkdirSync(dir, { recursive: true });
  write("a.ts", `import { b } from "./b";\nexport const a = () => b() + 1;\n`);
  write("b.ts", `import { a } from "./a";\nexport const b = (): number => (Math.random() > 2 ? a() : 0);\n`);
  write("upward.ts", `import { appWork } from "@/jobs/runner/ticks";\nexport const work = appWork;\n`);
  write(
    "fine.ts",
    `import { getDescriptor } from "@/adapters/registry";\nimport { rowsOf } from "@/db/client";\nexport const both = [getDescriptor, rowsOf];\n`,
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("layers and cycles", () => {
  it("an import cycle fails the lint", async () => {
    expect(await rulesHit("a.ts")).toContain("import/no-cycle");
  }, 60_000);

  it("lib/ importing a runner (jobs/) fails the lint, with the reason", async () => {
    const [result] = await eslint.lintFiles([path.join(dir, "upward.ts")]);
    const hit = result!.messages.find((m) => m.ruleId === "import/no-restricted-paths");
    expect(hit?.message).toMatch(/lib\/ is the domain/);
  }, 60_000);

  it("lib/ using db/ and adapters/ passes", async () => {
    expect(await rulesHit("fine.ts")).toEqual([]);
  }, 60_000);

  it("db/ importing lib/ and adapters/ importing lib/ fail the lint", async () => {
    for (const where of ["db/queries", "adapters"]) {
      const file = path.join(root, where, `.lint-fixture-${process.pid}.ts`);
      fs.writeFileSync(file, `import { log } from "@/lib/log";\nexport const l = log;\n`);
      try {
        const [result] = await eslint.lintFiles([file]);
        expect(
          result!.messages.map((m) => m.ruleId),
          where,
        ).toContain("import/no-restricted-paths");
      } finally {
        fs.rmSync(file, { force: true });
      }
    }
  }, 60_000);
});

/**
 * Lints a file written into a scratch folder under `layer` (removed after the block), and returns
 * what no-restricted-imports said about it.
 */
function fixtureLinter(layer: string) {
  const where = path.join(root, layer, `.lint-fixture-${process.pid}`);
  beforeAll(() => fs.mkdirSync(where, { recursive: true }));
  afterAll(() => fs.rmSync(where, { recursive: true, force: true }));
  return async (name: string, text: string) => {
    fs.writeFileSync(path.join(where, name), text);
    const [result] = await eslint.lintFiles([path.join(where, name)]);
    return result!.messages.filter((m) => m.ruleId === "no-restricted-imports");
  };
}

describe("browser safety of components/", () => {
  const lint = fixtureLinter("components");

  it("a component importing the database, a driver or a Node built-in fails the lint, with the reason", async () => {
    const hits = await lint(
      "Unsafe.tsx",
      [
        `import { getDb } from "@/lib/database";`,
        `import { rowsOf } from "@/db/client";`,
        `import postgres from "postgres";`,
        `import { PGlite } from "@electric-sql/pglite";`,
        `import fs from "node:fs";`,
        `import path from "path";`,
        `export const all = [getDb, rowsOf, postgres, PGlite, fs, path];`,
        ``,
      ].join("\n"),
    );
    expect(hits.map((m) => m.line)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(hits[0]!.message).toMatch(/may run in the browser/);
  }, 60_000);

  it("a type alone may come in with import type", async () => {
    expect(await lint("TypeOnly.tsx", `import type { Db } from "@/lib/database";\nexport const take = (db: Db) => db;\n`)).toEqual([]);
  }, 60_000);
});

describe("app/ reads through lib/", () => {
  const lint = fixtureLinter("app");

  it("a page importing a db/ query fails the lint, with the reason", async () => {
    const hits = await lint(
      "page.tsx",
      [`import { getUser } from "@/db/queries/users";`, `import { rowsOf } from "../../db/client";`, `export const all = [getUser, rowsOf];`, ``].join("\n"),
    );
    expect(hits.map((m) => m.line)).toEqual([1, 2]);
    expect(hits[0]!.message).toMatch(/app\/ goes through lib\//);
  }, 60_000);

  it("a db/ type alone may come in with import type, and lib/ is the way in", async () => {
    const text = [
      `import type { Db } from "@/db/client";`,
      `import { listTeam } from "@/lib/workspaces";`,
      `export const read = (db: Db) => listTeam;`,
      `void read;`,
      ``,
    ].join("\n");
    expect(await lint("types.ts", text)).toEqual([]);
  }, 60_000);

  it("tests in app/ may still reach db/", async () => {
    expect(await lint("reach.test.ts", `import { getUser } from "@/db/queries/users";\nexport const u = getUser;\n`)).toEqual([]);
  }, 60_000);
});
