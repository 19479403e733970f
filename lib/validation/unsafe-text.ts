/**
 * Text the database cannot store, or that nobody means to send. Postgres refuses U+0000 in text
 * and a lone UTF-16 surrogate cannot be encoded as UTF-8, so either would end as a server error
 * deep inside a write. The other C0 control characters (all but tab, line feed and carriage
 * return) are stored fine but are invisible, break the CSV and JSON that other tools read back,
 * and platforms refuse them; no form or import produces them, so they are refused too.
 */

export type UnsafeReason = "nul" | "lone_surrogate" | "control";

export interface UnsafeText {
  /** Dotted path of the offending value (`title`, `parts.2.text`); `""` for the value itself. */
  path: string;
  reason: UnsafeReason;
}

// One pass over the string: a NUL, another C0 control except \t \n \r, or a surrogate half that
// is not part of a pair.
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why `s` may not be stored, or null when it may. */
export function unsafeReason(s: string): UnsafeReason | null {
  const m = UNSAFE.exec(s);
  if (!m) return null;
  const c = m[0].charCodeAt(0);
  if (c === 0) return "nul";
  return c >= 0xd800 ? "lone_surrogate" : "control";
}

const DESCRIBE: Record<UnsafeReason, string> = {
  nul: "contains a NUL character (U+0000)",
  lone_surrogate: "contains an unpaired UTF-16 surrogate (not valid Unicode text)",
  control: "contains a control character (only tab, line feed and carriage return are allowed)",
};

export function describeUnsafe(reason: UnsafeReason): string {
  return DESCRIBE[reason];
}

/**
 * The first string in `value` (keys included, any depth) that may not be stored. FormData is
 * walked by field name, Files by their name. Depth is bounded by the JSON parser already; the
 * explicit stack keeps a pathological object from overflowing ours.
 */
export function findUnsafeText(value: unknown, path = ""): UnsafeText | null {
  const stack: [unknown, string][] = [[value, path]];
  while (stack.length) {
    const [v, p] = stack.pop()!;
    if (typeof v === "string") {
      const reason = unsafeReason(v);
      if (reason) return { path: p, reason };
    } else if (typeof v === "object" && v !== null) {
      if (typeof FormData !== "undefined" && v instanceof FormData) {
        for (const [k, item] of v.entries()) {
          const kp = join(p, k);
          const keyReason = unsafeReason(k);
          if (keyReason) return { path: kp, reason: keyReason };
          stack.push([typeof item === "string" ? item : item.name, kp]);
        }
      } else if (typeof File !== "undefined" && v instanceof File) {
        stack.push([v.name, p]); // an upload's file name is stored
      } else if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(p, String(i))]);
      } else if (isPlain(v)) {
        for (const [k, item] of Object.entries(v)) {
          const kp = join(p, k);
          const keyReason = unsafeReason(k);
          if (keyReason) return { path: kp, reason: keyReason };
          stack.push([item, kp]);
        }
      }
    }
  }
  return null;
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function join(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

/** The field path as it can be shown: any unsafe character in a key is replaced by U+FFFD. */
export function printablePath(path: string): string {
  return path.replace(new RegExp(UNSAFE.source, "g"), "\ufffd");
}
