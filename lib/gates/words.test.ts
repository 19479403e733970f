import { describe, expect, it } from "vitest";
import { findBanned } from "./words";

describe("banned words", () => {
  it("matches whole words regardless of case, and reports the text as written", () => {
    const hits = findBanned("This is a FREE offer. Free for all!", ["free"]);
    expect(hits).toEqual([{ entry: "free", matched: "FREE", count: 2 }]);
  });

  it("does not match inside longer words", () => {
    expect(findBanned("We add a header and a freebie", ["ad", "free"])).toEqual([]);
    expect(findBanned("carefree", ["free"])).toEqual([]);
    expect(findBanned("free_trial and free2play", ["free"])).toEqual([]);
  });

  it("matches next to punctuation and at the edges of the text", () => {
    expect(findBanned("free", ["free"])).toHaveLength(1);
    expect(findBanned("(free)!", ["free"])).toHaveLength(1);
    expect(findBanned("“Free”, they said", ["free"])[0]!.matched).toBe("Free");
  });

  it("matches a phrase across any spacing, never a part of it", () => {
    expect(findBanned("Get rich\n  QUICK today", ["get rich quick"])).toEqual([{ entry: "get rich quick", matched: "Get rich\n  QUICK", count: 1 }]);
    expect(findBanned("get rich quickly", ["get rich quick"])).toEqual([]);
    expect(findBanned("get richer quick", ["get rich quick"])).toEqual([]);
  });

  it("treats entries literally (no pattern syntax) and handles symbols at an edge", () => {
    expect(findBanned("a+b or aab", ["a+b"])).toEqual([{ entry: "a+b", matched: "a+b", count: 1 }]);
    expect(findBanned("sponsored #ad here", ["#ad"])).toHaveLength(1);
    expect(findBanned("#adidas shoes", ["#ad"])).toEqual([]);
    expect(findBanned("anything", [".*"])).toEqual([]);
  });

  it("handles letters beyond ASCII as word characters", () => {
    expect(findBanned("Ärger im Büro", ["ärger"])).toEqual([{ entry: "ärger", matched: "Ärger", count: 1 }]);
    expect(findBanned("Verärgert", ["ärger"])).toEqual([]);
    expect(findBanned("café crème", ["cafe"])).toEqual([]);
  });

  it("ignores empty entries and empty text", () => {
    expect(findBanned("", ["x"])).toEqual([]);
    expect(findBanned("x", ["  "])).toEqual([]);
  });
});
