import { describe, expect, it } from "vitest";
import { safeString, tagSchema } from "./common";
import { findUnsafeText, printablePath, unsafeReason } from "./unsafe-text";

describe("text the database cannot store", () => {
  it("finds NUL, unpaired surrogates and C0 controls, but not tab, line breaks or pairs", () => {
    expect(unsafeReason("a\u0000")).toBe("nul");
    expect(unsafeReason(JSON.parse('"\\ud800"'))).toBe("lone_surrogate");
    expect(unsafeReason("\udc00x")).toBe("lone_surrogate");
    expect(unsafeReason("x\ud83d")).toBe("lone_surrogate");
    expect(unsafeReason("\u001b[31m")).toBe("control");
    expect(unsafeReason("tab\tline\nreturn\r\n 😀 \u007f é")).toBeNull();
    // URL-decoding: %ED%A0%80 (an encoded surrogate) becomes U+FFFD, which is fine; %00 is a NUL.
    expect(unsafeReason(decodeURIComponent("%00"))).toBe("nul");
    expect(unsafeReason(new URLSearchParams("q=%ED%A0%80").get("q")!)).toBeNull();
  });

  it("walks objects, arrays and keys and names the path", () => {
    expect(findUnsafeText({ title: "ok", parts: [{ text: "a" }, { text: "b\u0000" }] })).toEqual({ path: "parts.1.text", reason: "nul" });
    expect(findUnsafeText({ ["k\u0001"]: "v" })).toEqual({ path: "k\u0001", reason: "control" });
    expect(printablePath("k\u0001")).toBe("k\ufffd");
    expect(findUnsafeText({ a: [1, true, null, { b: "fine" }] })).toBeNull();
    expect(findUnsafeText("\ud800")).toEqual({ path: "", reason: "lone_surrogate" });
  });

  it("is refused by the shared zod helpers too", () => {
    expect(safeString().safeParse("a\u0000").success).toBe(false);
    expect(tagSchema.safeParse("tag\ud800").success).toBe(false);
    expect(tagSchema.safeParse("fine").success).toBe(true);
  });
});
