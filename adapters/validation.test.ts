import { describe, expect, it } from "vitest";
import { validateFor } from "./registry";
import type { DraftMedia, PlatformId, PostDraft } from "./types";

// Lengths below are built from the platforms' own rules by hand, not from countText.
const JPEG: DraftMedia = { mimeType: "image/jpeg", sizeBytes: 200_000, width: 1080, height: 1080, altText: "A cat" };
const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}"; // 1 grapheme, 7 code points, 25 bytes
const GRIN = "\u{1F600}"; // 1 code point, 2 UTF-16 units, 4 bytes
const URL = `https://example.com/${"p".repeat(200)}`;

function draft(over: Partial<PostDraft> = {}): PostDraft {
  return { contentType: "post", title: "A title", text: "Hello", media: [], tags: [], ...over };
}
const codes = (id: PlatformId, d: PostDraft) => validateFor(id, d).map((i) => `${i.severity}:${i.field}:${i.code}`);
const errors = (id: PlatformId, d: PostDraft) => validateFor(id, d).filter((i) => i.severity === "error");

describe("text limits at the boundary, each with its platform's counting rule", () => {
  const cases: [PlatformId, string, string, Partial<PostDraft>?][] = [
    ["x", "a".repeat(280), "a".repeat(281)],
    ["x", "漢".repeat(140), "漢".repeat(140) + "a"], // CJK weighs 2: 140 × 2 = 280, + 1
    ["x", `${"a".repeat(256)} ${URL}`, `${"a".repeat(257)} ${URL}`], // the link counts 23
    ["x", FAMILY.repeat(140), FAMILY.repeat(140) + "a"],
    ["bluesky", GRIN.repeat(300), GRIN.repeat(301)],
    ["bluesky", "a".repeat(300), "a".repeat(301)],
    ["threads", GRIN.repeat(500), GRIN.repeat(501)], // code points, not UTF-16 units (1,000)
    ["mastodon", `${"a".repeat(476)} ${URL}`, `${"a".repeat(477)} ${URL}`], // 476 + 1 + 23 = 500
    ["mastodon", "a".repeat(500), "a".repeat(501)],
    ["linkedin", "a".repeat(3000), "a".repeat(3001)],
    ["facebook", "a".repeat(63_206), "a".repeat(63_207)],
    ["instagram", "a".repeat(2200), "a".repeat(2201), { media: [JPEG] }],
    ["sandbox", "a".repeat(10_000), "a".repeat(10_001)],
  ];
  it.each(cases)("%s: at the limit passes, one over fails", (id, ok, over, extra) => {
    expect(errors(id, draft({ text: ok, ...extra }))).toEqual([]);
    const issues = errors(id, draft({ text: over, ...extra }));
    expect(issues.map((i) => [i.field, i.code])).toEqual([["text", "text_too_long"]]);
  });

  it("names the platform, the limit and the count", () => {
    const [x] = errors("x", draft({ text: "a".repeat(281) }));
    expect(x?.message).toMatch(/^X allows 280 characters per post .*; this post has 281$/);
    const [bsky] = errors("bluesky", draft({ text: "a".repeat(301) }));
    expect(bsky?.message).toBe("Bluesky allows 300 characters per post; this post has 301");
    expect(bsky?.platform).toBe("bluesky");
  });

  it("Bluesky also enforces 3,000 UTF-8 bytes: 120 families fit, 121 do not (25 bytes each)", () => {
    expect(errors("bluesky", draft({ text: FAMILY.repeat(120) }))).toEqual([]);
    const issues = errors("bluesky", draft({ text: FAMILY.repeat(121) }));
    expect(issues.map((i) => i.code)).toEqual(["text_too_many_bytes"]);
    expect(issues[0]?.message).toBe("Bluesky allows 3,000 bytes (UTF-8) per post; this post has 3,025");
  });

  it("sandbox and webhook accept anything else", () => {
    const wild = draft({
      contentType: "carousel",
      title: "",
      text: "",
      media: [
        { mimeType: "application/zip", sizeBytes: 1e12 },
        { mimeType: "image/png", sizeBytes: 1 },
      ],
      tags: Array.from({ length: 50 }, (_, i) => `tag-${i}`),
      link: "not a url",
    });
    expect(validateFor("sandbox", wild)).toEqual([]);
    expect(validateFor("webhook", { ...wild, text: "a".repeat(1_000_000) })).toEqual([]);
  });
});

describe("threads", () => {
  const parts = ["first", "a".repeat(281), "third", "a".repeat(301)];
  it("checks every part and reports parts.N", () => {
    expect(codes("x", draft({ contentType: "thread", parts }))).toEqual(["error:parts.1:text_too_long", "error:parts.3:text_too_long"]);
    expect(codes("bluesky", draft({ contentType: "thread", parts }))).toEqual(["error:parts.3:text_too_long"]);
    expect(errors("x", draft({ contentType: "thread", parts })).at(0)?.message).toContain("thread part 2 has 281");
  });

  it("warns when a platform has no threads, and checks the joined text", () => {
    const three = ["a".repeat(1000), "b".repeat(1000), "c".repeat(1000)]; // 3,000 + 2 joiners of 2 = 3,004
    expect(codes("linkedin", draft({ contentType: "thread", parts: three }))).toEqual(["error:parts:text_too_long", "warning:parts:thread_unsupported"]);
    const issues = validateFor("linkedin", draft({ contentType: "thread", parts: three }));
    expect(issues[0]?.message).toContain("has 3,004");
    expect(issues[1]?.message).toBe("LinkedIn does not support threads: the 3 parts will be joined into one post");
    expect(codes("facebook", draft({ contentType: "thread", parts: ["a", "b"] }))).toEqual(["warning:parts:thread_unsupported"]);
  });

  it("reports an empty part", () => {
    expect(codes("mastodon", draft({ contentType: "thread", parts: ["one", "  "] }))).toEqual(["error:parts.1:text_empty"]);
  });

  it("X refuses a thread that repeats itself", () => {
    expect(codes("x", draft({ contentType: "thread", parts: ["same", "other", "same"] }))).toEqual(["error:parts.2:duplicate_text"]);
  });
});

describe("titles and tags", () => {
  it("Dev.to and Medium need a title", () => {
    expect(codes("devto", draft({ title: "  " }))).toEqual(["error:title:title_required"]);
    expect(validateFor("medium", draft({ title: "" }))[0]?.message).toBe("Medium needs a title");
    expect(codes("wordpress", draft({ title: "" }))).toEqual([]);
  });

  it("Dev.to titles stop at 128 characters; Medium ignores titles over 100", () => {
    expect(codes("devto", draft({ title: "t".repeat(128) }))).toEqual([]);
    expect(codes("devto", draft({ title: "t".repeat(129) }))).toEqual(["error:title:title_too_long"]);
    expect(codes("medium", draft({ title: "t".repeat(100) }))).toEqual([]);
    expect(codes("medium", draft({ title: "t".repeat(101) }))).toEqual(["warning:title:title_too_long"]);
  });

  it("Dev.to: more than 4 tags is an error", () => {
    expect(codes("devto", draft({ tags: ["a", "b", "c", "d"] }))).toEqual([]);
    const issues = validateFor("devto", draft({ tags: ["a", "b", "c", "d", "e"] }));
    expect(issues.map((i) => `${i.severity}:${i.code}`)).toEqual(["error:tags_too_many"]);
    expect(issues[0]?.message).toBe("Dev.to allows at most 4 tags; this post has 5");
    expect(codes("devto", draft({ tags: ["ok", "no-dash"] }))).toEqual(["error:tags.1:tag_invalid"]);
  });

  it("Medium: more than 3 tags is a warning (only 3 are used)", () => {
    expect(codes("medium", draft({ tags: ["a", "b", "c"] }))).toEqual([]);
    const issues = validateFor("medium", draft({ tags: ["a", "b", "c", "d"] }));
    expect(issues.map((i) => `${i.severity}:${i.code}`)).toEqual(["warning:tags_too_many"]);
    expect(issues[0]?.message).toContain("only the first 3 tags");
    expect(codes("medium", draft({ tags: ["x".repeat(26)] }))).toEqual(["warning:tags.0:tag_too_long"]);
  });

  it("Instagram: more than 30 hashtags is an error", () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#tag${i}`).join(" ");
    expect(codes("instagram", draft({ text: tags(30), media: [JPEG] }))).toEqual([]);
    const issues = validateFor("instagram", draft({ text: tags(31), media: [JPEG] }));
    expect(issues.map((i) => `${i.severity}:${i.field}:${i.code}`)).toEqual(["error:text:hashtags_too_many"]);
    expect(issues[0]?.message).toBe("Instagram allows 30 hashtags per post; this post has 31");
    expect(codes("instagram", draft({ text: "C# and issue#4 are not hashtags", media: [JPEG] }))).toEqual([]);
  });
});

describe("links", () => {
  it("rejects a non-http link and warns where the link is not sent separately", () => {
    expect(codes("facebook", draft({ link: "ftp://example.com" }))).toEqual(["error:link:link_invalid"]);
    expect(codes("facebook", draft({ link: "https://example.com" }))).toEqual([]);
    expect(codes("x", draft({ link: "https://example.com" }))).toEqual(["warning:link:link_not_in_text"]);
    expect(codes("x", draft({ text: "see https://example.com", link: "https://example.com" }))).toEqual([]);
  });
});
