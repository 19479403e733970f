import { describe, expect, it } from "vitest";
import { nextText, rotationOf } from "./rotation";

describe("variant rotation", () => {
  it("starts with the item's own text and drops blanks and repeats", () => {
    expect(rotationOf("Base", ["A", " ", "Base", "A", "B", 3])).toEqual(["Base", "A", "B"]);
  });
  it("takes the text after the last one posted, wrapping around, never the same one", () => {
    const r = ["Base", "A", "B"];
    expect(nextText(r, null)).toBe("Base");
    expect(nextText(r, "Base")).toBe("A");
    expect(nextText(r, "B")).toBe("Base");
    // A text posted by hand that is not in the rotation: start from the first.
    expect(nextText(r, "Other")).toBe("Base");
  });
  it("has nothing when the only text is the one posted last", () => {
    expect(nextText(["Base"], "Base")).toBeNull();
    expect(nextText([], null)).toBeNull();
  });
});
