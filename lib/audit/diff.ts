/** Before/after of an audit row as a list of the fields that changed, readable on screen and in CSV. */

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const IGNORED = new Set(["updatedAt", "updated_at"]);

/** A value as one line of text: strings as they are, dates as ISO, lists joined, objects as JSON. */
export function showValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string" || typeof x === "number")) return v.join(", ");
  return JSON.stringify(v);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The fields that differ between before and after (added, removed or changed), in the order they
 * first appear. A non-object side (a bare value) is shown as the field "value".
 */
export function diffFields(before: unknown, after: unknown): FieldChange[] {
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k));
  const out: FieldChange[] = [];
  for (const k of keys) {
    const x = showValue(b[k]);
    const y = showValue(a[k]);
    if (x !== y) out.push({ field: k, before: x, after: y });
  }
  return out;
}

/** One line per changed field, for the CSV export: `name: old → new`. */
export function changesText(before: unknown, after: unknown): string {
  return diffFields(before, after)
    .map((c) => `${c.field}: ${c.before ?? "∅"} → ${c.after ?? "∅"}`)
    .join("\n");
}
