import { describe, expect, it } from "vitest";
import { changesText, diffFields, showValue } from "./diff";

describe("diffFields", () => {
  it("lists changed, added and removed fields, and skips what stayed the same", () => {
    const d = diffFields(
      { name: "A", body: "x", tags: ["a"], gone: 1, updatedAt: "t1" },
      { name: "B", body: "x", tags: ["a", "b"], added: true, updatedAt: "t2" },
    );
    expect(d).toEqual([
      { field: "name", before: "A", after: "B" },
      { field: "tags", before: "a", after: "a, b" },
      { field: "gone", before: "1", after: null },
      { field: "added", before: null, after: "true" },
    ]);
  });

  it("handles a creation, a deletion and bare values", () => {
    expect(diffFields(null, { name: "New" })).toEqual([{ field: "name", before: null, after: "New" }]);
    expect(diffFields({ name: "Old" }, null)).toEqual([{ field: "name", before: "Old", after: null }]);
    expect(diffFields("draft", "approved")).toEqual([{ field: "value", before: "draft", after: "approved" }]);
    expect(diffFields(null, null)).toEqual([]);
  });

  it("shows nested objects as JSON and writes one line per change", () => {
    expect(showValue({ a: 1 })).toBe('{"a":1}');
    expect(changesText({ role: "editor", x: null }, { role: "admin", x: "y" })).toBe("role: editor → admin\nx: ∅ → y");
  });
});
