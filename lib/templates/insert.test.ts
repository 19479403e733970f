import { describe, expect, it } from "vitest";
import type { ComposerSnippet } from "@/lib/composer/types";
import { snippetText, snippetsFor, variablesToAsk, withTags } from "./insert";

const tpl: ComposerSnippet = {
  label: "Launch",
  text: "{{title}} — {{product}} on {{date}} {{link}}",
  kind: "template",
  platforms: ["x"],
  timeZone: "Asia/Tokyo",
};
const all: ComposerSnippet[] = [
  tpl,
  { label: "Tags", text: "#a #b", kind: "hashtags", platforms: [] },
  { label: "LinkedIn sig", text: "— Team", kind: "signature", platforms: ["linkedin"] },
];

describe("snippetsFor", () => {
  it("offers what fits the platforms being edited, and everything before any is chosen", () => {
    expect(snippetsFor(all, ["x"]).map((s) => s.label)).toEqual(["Launch", "Tags"]);
    expect(snippetsFor(all, ["linkedin", "mastodon"]).map((s) => s.label)).toEqual(["Tags", "LinkedIn sig"]);
    expect(snippetsFor(all, [])).toHaveLength(3);
  });
});

describe("template insertion", () => {
  const now = new Date("2026-05-01T20:00:00Z");
  it("asks for custom variables, the link, and the title only when the post has none", () => {
    expect(variablesToAsk(tpl, "Big news", now)).toEqual(["product", "link"]);
    expect(variablesToAsk(tpl, "", now)).toEqual(["title", "product", "link"]);
    expect(variablesToAsk(all[1]!, "", now)).toEqual([]);
  });
  it("renders with the given values and the date in the template's zone", () => {
    expect(snippetText(tpl, "Big news", { product: "Widget", link: "https://ex.com" }, now)).toEqual({
      text: "Big news — Widget on 2 May 2026 https://ex.com",
      missing: [],
    });
    expect(snippetText(tpl, "Big news", {}, now).missing).toEqual(["product", "link"]);
    expect(snippetText(all[2]!, "x").text).toBe("— Team");
  });
});

describe("withTags", () => {
  it("adds a template's default tags once, keeping what the post has", () => {
    expect(withTags("news, Launch", ["launch", "spring"])).toBe("news, Launch, spring");
    expect(withTags("", ["a"])).toBe("a");
    expect(withTags(" x ,, y", [])).toBe("x, y");
  });
});
