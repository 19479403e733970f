/**
 * fast-check arbitraries for the fuzz suite, derived from the served OpenAPI document. A generated
 * Plan is small, pure data (huge strings and deep nesting are recipes, ids are pool positions), so
 * a seed reproduces the same requests; the engine turns a Plan into bytes against its own world.
 */
import fc from "fast-check";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Auth = "admin" | "editor" | "viewer" | "none" | "malformed" | "revoked" | "foreign";
export type IdPick = { kind: "real" | "foreign" | "random"; n: number } | { kind: "odd"; raw: string };
export type ContentType = "json" | "form" | "text" | "none" | "multipart" | "xml" | "json-utf16" | "declared";
export type BodyMode = "none" | "valid" | "wrongType" | "huge" | "unicode" | "deep" | "broken" | "extraKey" | "empty" | "notObject" | "truncated" | "bytes";

/** A reference to a real id, resolved against the pools of the workspace at send time. */
export class IdRef {
  constructor(
    readonly field: string,
    readonly n: number,
  ) {}
}
/** A long string, built only when sent. */
export class Huge {
  constructor(
    readonly unit: string,
    readonly length: number,
  ) {}
  build() {
    return this.unit.repeat(Math.ceil(this.length / this.unit.length));
  }
}
/** Nesting of the given depth (arrays or objects), built only when sent. */
export class Deep {
  constructor(
    readonly depth: number,
    readonly shape: "array" | "object",
  ) {}
  build(): unknown {
    let v: unknown = 1;
    for (let i = 0; i < this.depth; i++) v = this.shape === "array" ? [v] : { a: v };
    return v;
  }
}

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

const ZONES = ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Mars/Olympus", "", "+05:00", "Etc/GMT+12"];

export const ODD_STRINGS = [
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfffy",
  "\ud83d",
  "\u202eevil\u202c",
  "\u200b\u200c\u200d",
  "\ufeffbom",
  "😀👩‍👩‍👧‍👦🏳️‍🌈",
  "e\u0301\u0301\u0301\u0301",
  "Z\u0335\u0321\u031b\u0354\u0316\u0339\u0356a\u0337\u031b\u0327l\u0334\u0327g\u0335o\u0336",
  "\u0085\u2028\u2029",
  "\r\n\t\u000b\u000c",
  "\uffff\ufffe",
  "\u{10ffff}",
  "𝕏𝔸𝕄",
  "مرحبا بالعالم",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "{{title}}{{constructor}}",
  "${process.env}",
  "../../etc/passwd",
  "\\",
  "%00%ZZ",
  " ",
  "",
];

// NUL and lone surrogates are what databases and encoders choke on: they come up often.
const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d") },
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);
const huge = fc
  .record({ unit: fc.constantFrom("a", "é", "😀", "\u0000", "<>&\"'", "\ud800"), length: fc.constantFrom(4_097, 65_537, 300_000, 1_048_577) })
  .map((h) => new Huge(h.unit, h.length));
const deep = fc
  .record({ depth: fc.constantFrom(64, 1_000), shape: fc.constantFrom("array" as const, "object" as const) })
  .map((d) => new Deep(d.depth, d.shape));
const wrongValue = fc.constantFrom<unknown>(
  12345,
  -1,
  0,
  1.5,
  1e308,
  -9007199254740993,
  true,
  false,
  null,
  "text",
  "",
  [],
  [1, "a", null],
  {},
  { a: { b: 1 } },
  "2030-13-45T99:99:99Z",
  "00000000-0000-0000-0000-000000000000",
);

const isoFuture = fc
  .record({
    y: fc.integer({ min: 2031, max: 2040 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.constantFrom(0, 15, 30, 45),
  })
  .map((t) => `${t.y}-${String(t.mo).padStart(2, "0")}-${String(t.d).padStart(2, "0")}T${String(t.h).padStart(2, "0")}:${String(t.mi).padStart(2, "0")}:00Z`);

function stringArb(s: Json, field: string): fc.Arbitrary<unknown> {
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 24, 24));
  if (s.format === "uuid" || /(^|_)id$/.test(field)) return fc.nat().map((n) => new IdRef(field, n));
  if (s.format === "date-time" || /(_time|_at|_for|until)$/.test(field)) return isoFuture;
  if (s.format === "date" || /date/.test(field)) return isoFuture.map((t) => t.slice(0, 10));
  if (s.format === "email" || field === "email")
    return fc.string({ unit: fc.constantFrom(..."abcxyz019"), minLength: 1, maxLength: 10 }).map((u) => `${u}@example.test`);
  if (s.format === "uri" || field === "url")
    return fc.constantFrom("http://127.0.0.1:9/fuzz", "https://example.test/hook", "ftp://x", "javascript:alert(1)", "http://[::1]:9/");
  if (field === "timezone") return fc.constantFrom(...ZONES);
  if (field === "rrule")
    return fc.constantFrom("FREQ=DAILY;COUNT=2", "FREQ=WEEKLY;BYDAY=MO,WE", "FREQ=SECONDLY", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "garbage");
  if (field === "cron") return fc.constantFrom("0 9 * * 1", "* * * * *", "61 25 * * *", "@hourly");
  if (typeof s.pattern === "string") {
    // Text the schema describes by a pattern (times of day, colours…): generated to match it.
    try {
      return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length >= min && v.length <= (s.maxLength ?? 1_000));
    } catch {
      /* a pattern JavaScript cannot read: plain text below */
    }
  }
  // Sometimes exactly at the documented bound, in characters that take several bytes or code units.
  const bound =
    s.maxLength !== undefined && s.maxLength <= 100_000
      ? [fc.constantFrom("é", "😀", "a").map((c) => c.repeat(Math.max(1, Math.floor(s.maxLength / c.length))))]
      : [];
  return fc.oneof({ weight: 6, arbitrary: fc.string({ minLength: min, maxLength: max }) }, ...bound.map((arbitrary) => ({ weight: 1, arbitrary })));
}

/** A valid-ish value for a JSON schema (zod's output of the route's own schema). */
export function schemaArb(s: Json | undefined, field = "", depth = 0): fc.Arbitrary<unknown> {
  if (!s || depth > 5) return fc.constant(null);
  if ("const" in s) return fc.constant(s.const);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as unknown[]));
  if (Array.isArray(s.anyOf)) return fc.oneof(...(s.anyOf as Json[]).map((x) => schemaArb(x, field, depth + 1)));
  const type = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (type.length > 1) return fc.oneof(...type.map((t: string) => schemaArb({ ...s, type: t }, field, depth)));
  switch (type[0]) {
    case "string":
      return stringArb(s, field);
    case "integer":
    case "number": {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -100);
      const hi = Math.min(s.maximum ?? 1_000, Number.MAX_SAFE_INTEGER);
      const inner = fc.integer({ min: Math.max(Math.ceil(lo), -1e9), max: Math.max(Math.min(hi, 1e9), Math.ceil(lo)) });
      // The documented bounds themselves: the far end of a range is where arithmetic overflows.
      return fc.oneof({ weight: 5, arbitrary: inner }, { weight: 1, arbitrary: fc.constantFrom(Math.ceil(lo), hi) });
    }
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const min = s.minItems ?? 0;
      return fc.array(schemaArb(s.items, field.replace(/s$/, ""), depth + 1), { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 3, 3)) });
    }
    case "object": {
      const props = (s.properties ?? {}) as Record<string, Json>;
      if (Object.keys(props).length === 0) {
        const value =
          typeof s.additionalProperties === "object" && Object.keys(s.additionalProperties).length
            ? schemaArb(s.additionalProperties, field, depth + 1)
            : fc.jsonValue({ maxDepth: 1 });
        return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), value, { maxKeys: 3 });
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = schemaArb(v, k, depth + 1);
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k: string) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
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
