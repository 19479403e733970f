/**
 * Value arbitraries for the fuzz suite: a valid-ish value for a JSON schema, the odd and wrong
 * values put in its place, and the recipes (IdRef, Huge, Deep) that stay small until sent.
 */
import fc from "fast-check";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

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
export const oddString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfffy", "\ud83d") },
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);
export const huge = fc
  .record({ unit: fc.constantFrom("a", "é", "😀", "\u0000", "<>&\"'", "\ud800"), length: fc.constantFrom(4_097, 65_537, 300_000, 1_048_577) })
  .map((h) => new Huge(h.unit, h.length));
export const deep = fc
  .record({ depth: fc.constantFrom(64, 1_000), shape: fc.constantFrom("array" as const, "object" as const) })
  .map((d) => new Deep(d.depth, d.shape));
export const wrongValue = fc.constantFrom<unknown>(
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
