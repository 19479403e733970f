/**
 * fast-check arbitraries for the fuzz suite, derived from the served OpenAPI document. A generated
 * Plan is small, pure data (huge strings and deep nesting are recipes, ids are pool positions), so
 * a seed reproduces the same requests; the engine turns a Plan into bytes against its own world.
 * The values themselves (schema-driven, odd, wrong, huge, deep) are in ./values.ts.
 */
import fc from "fast-check";
import { deep, huge, IdRef, oddString, schemaArb, wrongValue, type Json } from "./values";

export { Deep, Huge, IdRef, ODD_STRINGS, schemaArb, type Json } from "./values";

export type Auth = "admin" | "editor" | "viewer" | "none" | "malformed" | "revoked" | "foreign";
export type IdPick = { kind: "real" | "foreign" | "random"; n: number } | { kind: "odd"; raw: string };
export type ContentType = "json" | "form" | "text" | "none" | "multipart" | "xml" | "json-utf16" | "declared";
export type BodyMode = "none" | "valid" | "wrongType" | "huge" | "unicode" | "deep" | "broken" | "extraKey" | "empty" | "notObject" | "truncated" | "bytes";

export interface Plan {
  auth: Auth;
  malformedAuth: string;
  ids: IdPick[];
  /** Query pairs, already percent-encoded (odd encodings on purpose). */
  query: [string, string][];
  body: { mode: BodyMode; value?: unknown; raw?: string; cut?: number };
  contentType: ContentType;
  idempotencyKey: string | null;
}

/** Replaces one top-level field of a valid-ish object (or the whole value when it has none). */
function withField(valid: fc.Arbitrary<unknown>, fields: string[], replacement: fc.Arbitrary<unknown>) {
  return fc.tuple(valid, fc.nat(), replacement).map(([v, i, r]) => {
    if (!fields.length || typeof v !== "object" || v === null || Array.isArray(v)) return fields.length ? { [fields[i % fields.length]!]: r } : r;
    return { ...(v as object), [fields[i % fields.length]!]: r };
  });
}

const BROKEN = [
  "{",
  "}",
  '{"a":',
  "[1,2",
  "{'a':1}",
  '{"a":1,}',
  "nul",
  "NaN",
  "undefined",
  '{"a":1}garbage',
  '"unterminated',
  "1e99999",
  "\u0000",
  '{"a":"\\x41"}',
  "[".repeat(100_000),
  '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}',
  "\ufeff{}",
  "   \n\t  ",
];

export function bodyArb(schema: Json | undefined, hasBody: boolean, raw: boolean): fc.Arbitrary<Plan["body"]> {
  if (raw) {
    return fc.oneof(
      fc.record({ mode: fc.constant<BodyMode>("bytes"), raw: fc.constantFrom("png", "csv", "csv-odd", "random", "empty") }),
      fc.record({ mode: fc.constant<BodyMode>("huge"), value: huge }),
      fc.record({ mode: fc.constant<BodyMode>("broken"), raw: fc.constantFrom(...BROKEN) }),
    );
  }
  if (!hasBody) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant({ mode: "none" as BodyMode }) },
      { weight: 1, arbitrary: fc.record({ mode: fc.constant<BodyMode>("broken"), raw: fc.constantFrom(...BROKEN) }) },
      { weight: 1, arbitrary: fc.record({ mode: fc.constant<BodyMode>("huge"), value: huge }) },
    );
  }
  const valid = schemaArb(schema);
  const fields = Object.keys((schema?.properties ?? {}) as object);
  const mode = <M extends BodyMode>(m: M, value: fc.Arbitrary<unknown>) => fc.record({ mode: fc.constant<BodyMode>(m), value });
  return fc.oneof(
    { weight: 5, arbitrary: mode("valid", valid) },
    { weight: 3, arbitrary: mode("wrongType", withField(valid, fields, wrongValue)) },
    { weight: 2, arbitrary: mode("huge", withField(valid, fields, huge)) },
    { weight: 3, arbitrary: mode("unicode", withField(valid, fields, oddString)) },
    { weight: 1, arbitrary: mode("deep", fc.oneof(withField(valid, fields, deep), deep)) },
    { weight: 2, arbitrary: fc.record({ mode: fc.constant<BodyMode>("broken"), raw: fc.constantFrom(...BROKEN) }) },
    { weight: 1, arbitrary: fc.record({ mode: fc.constant<BodyMode>("truncated"), value: valid, cut: fc.nat() }) },
    { weight: 1, arbitrary: mode("extraKey", withField(valid, ["zz_unknown", "__proto__", "constructor", "id", "workspace_id"], wrongValue)) },
    { weight: 1, arbitrary: mode("empty", fc.constant({})) },
    { weight: 1, arbitrary: mode("notObject", fc.constantFrom<unknown>(null, [], [{}], 123, "text", true)) },
  );
}

const ODD_IDS = [
  "abc",
  "1",
  "-1",
  "0",
  "null",
  "undefined",
  "true",
  "%00",
  "..",
  "%2e%2e",
  "%2F",
  "%2f..%2f..%2fetc",
  "%ZZ",
  "%",
  "%F0%9F%98%80",
  "%E2%80%AE",
  "%C0%AE",
  "%FF",
  "%ED%A0%80",
  "9".repeat(40),
  "a".repeat(5_000),
  "00000000-0000-0000-0000-000000000000",
  "{id}",
  "*",
  "%27%20OR%201=1",
  "%0d%0aX-Injected:%201",
];

export function idArb(param: string): fc.Arbitrary<IdPick> {
  const odd = param === "n" ? ["0", "-1", "1.5", "abc", "999999999999", "99999999999999999999999", "1e3", "%00"] : ODD_IDS;
  return fc.oneof(
    { weight: 11, arbitrary: fc.record({ kind: fc.constant("real" as const), n: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("foreign" as const), n: fc.nat() }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant("random" as const), n: fc.nat() }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant("odd" as const), raw: fc.constantFrom(...odd) }) },
  );
}

const enc = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[^A-Za-z0-9]/g, "%ED%A0%80"); // a lone surrogate: percent-encode its (invalid) UTF-8
  }
};
const ODD_QUERY = [
  "-1",
  "0",
  "99999999999999999999",
  "1e309",
  "NaN",
  "Infinity",
  "1.5",
  "",
  "true",
  "[]",
  "null",
  "%00",
  "%ZZ",
  "%",
  "a".repeat(10_000),
  "2030-02-30",
  "0000-00-00T00:00:00Z",
  "-271821-04-20",
];

export function queryArb(params: { name: string; schema: Json }[]): fc.Arbitrary<[string, string][]> {
  const one = (p: { name: string; schema: Json }) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: schemaArb(p.schema, p.name).map(
          (v) =>
            [[p.name, enc(v instanceof IdRef ? "00000000-0000-4000-8000-000000000000" : typeof v === "string" ? v : JSON.stringify(v))]] as [string, string][],
        ),
      },
      { weight: 3, arbitrary: fc.constantFrom(...ODD_QUERY).map((v) => [[p.name, v]] as [string, string][]) },
      { weight: 1, arbitrary: oddString.map((v) => [[p.name, enc(v)]] as [string, string][]) },
      {
        weight: 1,
        arbitrary: fc.constant([
          [p.name, "1"],
          [p.name, "2"],
        ] as [string, string][]),
      },
      {
        weight: 1,
        arbitrary: fc.constant([
          [`${p.name}[]`, "1"],
          [`${p.name}[a]`, "x"],
        ] as [string, string][]),
      },
    );
  const extra = fc.constantFrom<[string, string][]>(
    [],
    [],
    [],
    [["zz_unknown", "1"]],
    [
      ["limit", "-1"],
      ["page", "abc"],
    ],
    [["__proto__", "x"]],
  );
  return fc.tuple(fc.tuple(...params.map((p) => fc.option(one(p), { freq: 2 }))), extra).map(([xs, e]) => [...xs.flatMap((x) => x ?? []), ...e]);
}

const MALFORMED = [
  "Bearer",
  "Bearer ",
  "Basic dXNlcjpwYXNz",
  "Bearer sch_",
  "Bearer sch_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  "Bearer not-a-token",
  "bearer  sch_x y",
  "Token sch_abc",
  `Bearer ${"a".repeat(10_000)}`,
  "Bearer sch_\u00e9\u00ff",
  "Bearer sch_%00",
  "Bearer null",
  "Bearer undefined",
  "Bearer sch_' OR 1=1 --",
];

export function planArb(op: {
  params: string[];
  query: { name: string; schema: Json }[];
  body?: Json;
  hasBody: boolean;
  rawBody: boolean;
  idempotent: boolean;
}): fc.Arbitrary<Plan> {
  return fc.record({
    auth: fc.constantFrom<Auth>("admin", "admin", "admin", "editor", "editor", "viewer", "viewer", "none", "malformed", "revoked", "foreign"),
    malformedAuth: fc.constantFrom(...MALFORMED),
    ids: fc.tuple(...op.params.map(idArb)),
    query: queryArb(op.query),
    body: bodyArb(op.body, op.hasBody, op.rawBody),
    contentType: fc.oneof(
      { weight: 8, arbitrary: fc.constant<ContentType>("declared") },
      { weight: 2, arbitrary: fc.constantFrom<ContentType>("form", "text", "none", "multipart", "xml", "json-utf16", "json") },
    ),
    idempotencyKey: op.idempotent ? fc.option(fc.constantFrom("fuzz-fixed-key", "k-1", "x".repeat(300), "\u00e9t\u00e9", ""), { freq: 2 }) : fc.constant(null),
  });
}
