import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Validator } from "@seriousme/openapi-schema-validator";
import { openApiDocument } from "./document";
import { OPERATIONS } from "../operations";

/** Route files under app/api and app/l (short links) and the methods each exports, read from the source. */
function routeFiles(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === "route.ts") {
        const src = fs.readFileSync(p, "utf8");
        const methods = [...src.matchAll(/export (?:const|async function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
        const url =
          "/" +
          path
            .relative("app", path.dirname(p))
            .split(path.sep)
            .join("/")
            .replace(/\[(\w+)\]/g, "{$1}");
        out.push({ path: url, methods });
      }
    }
  };
  walk(path.join("app", "api"));
  walk(path.join("app", "l"));
  // next-auth's own endpoints are not ours to document.
  return out.filter((r) => !r.path.startsWith("/api/auth/"));
}

describe("OpenAPI document", () => {
  const doc = openApiDocument("http://localhost:3000");

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents every route file's every method, and nothing that does not exist", () => {
    const files = routeFiles();
    const served = files.flatMap((f) => f.methods.map((m) => `${m} ${f.path}`)).sort();
    const documented = OPERATIONS.map((r) => `${r.method} ${r.path}`).sort();
    expect(served.length).toBeGreaterThan(40);
    expect(documented).toEqual(served);
  });

  it("describes requests, responses, errors and the bearer scheme", () => {
    const paths = doc.paths as Record<
      string,
      Record<
        string,
        {
          requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
          responses: Record<string, unknown>;
          parameters: { name: string; in: string }[];
        }
      >
    >;
    const create = paths["/api/v1/schedules"]!.post!;
    expect(Object.keys(create.requestBody!.content["application/json"]!.schema.properties!)).toEqual(
      expect.arrayContaining(["content_item_id", "platform_account_ids", "scheduled_time", "timezone", "recurrence"]),
    );
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(["201", "400", "401", "403", "404", "409"]));
    expect(create.parameters.map((p) => p.name)).toContain("Idempotency-Key");
    const list = paths["/api/v1/content"]!.get!;
    expect(list.parameters.filter((p) => p.in === "query").map((p) => p.name)).toEqual(expect.arrayContaining(["page", "limit", "status", "q", "tags"]));
    expect((doc.components as { securitySchemes: Record<string, unknown> }).securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
