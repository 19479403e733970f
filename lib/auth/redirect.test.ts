import { describe, expect, it } from "vitest";
import { safeNextPath } from "./redirect";

describe("safeNextPath", () => {
  it.each([
    ["/settings/team", "/settings/team"],
    ["/content?status=draft#top", "/content?status=draft#top"],
    [undefined, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\tevil.example", "/"],
    ["/%09/evil.example", "/"],
    ["/%2F/evil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/..//evil.example", "/"],
  ])("%s → %s", (input, expected) => {
    const out = safeNextPath(input);
    expect(out).toBe(expected);
    expect(new URL(out, "http://app.test").origin).toBe("http://app.test");
  });
});
