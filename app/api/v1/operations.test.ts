import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { OPERATIONS } from "@/lib/operations";

/** Every route file under app/api/v1 that serves operations through apiRoute, with its path. */
function routeFiles(): { file: string; path: string }[] {
  const out: { file: string; path: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const url = `/${path
          .relative("app", path.dirname(p))
          .split(path.sep)
          .join("/")
          .replace(/\[(\w+)\]/g, "{$1}")}`;
        out.push({ file: p, path: url });
      }
    }
  };
  walk(path.join("app", "api", "v1"));
  return out;
}

describe("each route file serves the operations declared for its path", () => {
  it("binds every exported method of a declared path to that very declaration", async () => {
    let bound = 0;
    for (const route of routeFiles()) {
      const mod = (await import(/* @vite-ignore */ path.resolve(route.file))) as Record<string, { operation?: (typeof OPERATIONS)[number] }>;
      for (const method of ["get", "post", "put", "patch", "delete"] as const) {
        const declared = OPERATIONS.find((o) => o.path === route.path && o.method === method);
        const handler = mod[method.toUpperCase()];
        if (!declared || declared.permission === null) continue;
        expect(handler?.operation, `${method} ${route.path} (${route.file})`).toBe(declared);
        bound++;
      }
    }
    // Every declared operation with a permission is served by apiRoute from its own file.
    expect(bound).toBe(OPERATIONS.filter((o) => o.permission !== null).length);
  }, 60_000);
});
