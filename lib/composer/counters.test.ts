import { describe, expect, it } from "vitest";
import { validateFor } from "@/adapters/registry";
import { cleanParts, joinParts, splitThread } from "@/lib/content/post-draft";
import { countersFor, formatCounter, issuesFor, maxLengthFor } from "./counters";
import { draftOf, parseTags, type ComposerFields } from "./draft";
import { hashtagsOf, insertSnippet, previewFor } from "./preview";

const base: ComposerFields = { title: "Launch", body: "", contentType: "post", parts: [], tags: [], media: [] };
const withBody = (body: string, extra: Partial<ComposerFields> = {}) => ({ ...base, body, ...extra });

describe("draftOf", () => {
  it("uses a platform's own text over the body, but not an empty one", () => {
    expect(draftOf(withBody("base"), "mine").text).toBe("mine");
    expect(draftOf(withBody("base"), "").text).toBe("base");
    expect(draftOf(withBody("base"), null).text).toBe("base");
  });

  it("stores a thread so the server splits it back into the same parts", () => {
    const parts = [" first ", "", "second\nline", "third"];
    const d = draftOf({ ...base, contentType: "thread", parts });
    expect(d.parts).toEqual(["first", "second\nline", "third"]);
    expect(splitThread(joinParts(parts))).toEqual(cleanParts(parts));
    expect(d.text).toBe(joinParts(parts));
  });

  it("counts a part typed with a line of dashes in it as the two posts the server will send", () => {
    const fields: ComposerFields = { ...base, contentType: "thread", parts: ["one\n---\ntwo", "three"] };
    const d = draftOf(fields);
    expect(d.parts).toEqual(["one", "two", "three"]);
    expect(d.parts).toEqual(splitThread(d.text));
    expect(countersFor("x", d).map((c) => c.field)).toEqual(["parts.0", "parts.1", "parts.2"]);
  });

  it("reads tags from commas, spaces and hashes without repeats", () => {
    expect(parseTags("launch, #News  spring,launch ,NEWS")).toEqual(["launch", "News", "spring"]);
    expect(parseTags("  ")).toEqual([]);
  });
});

describe("countersFor", () => {
  it("counts X's weighted length: a link is 23 and an emoji 2", () => {
    const [c] = countersFor("x", draftOf(withBody("see https://example.com/a/very/long/path/indeed 🎉")));
    expect(c).toMatchObject({ field: "text", count: 4 + 23 + 1 + 2, max: 280, over: false });
  });

  it("flags the same over-limit post the server's validator refuses", () => {
    const draft = draftOf(withBody("a".repeat(281)));
    const [c] = countersFor("x", draft);
    expect(c).toMatchObject({ count: 281, over: true });
    expect(validateFor("x", draft).map((i) => i.code)).toContain("text_too_long");
    expect(formatCounter(c!)).toBe("281 / 280");
  });

  it("counts Bluesky in graphemes and checks its byte cap", () => {
    const [c] = countersFor("bluesky", draftOf(withBody("👩‍👩‍👧".repeat(10))));
    expect(c).toMatchObject({ count: 10, max: 300 });
    expect(c!.bytes).toBeGreaterThan(10);
  });

  it("gives one counter per part of a native thread and one for a joined thread", () => {
    const thread = { ...base, contentType: "thread" as const, parts: ["one", "two", "three"] };
    expect(countersFor("x", draftOf(thread)).map((c) => c.field)).toEqual(["parts.0", "parts.1", "parts.2"]);
    const [joined] = countersFor("linkedin", draftOf(thread));
    expect(joined).toMatchObject({ field: "parts", count: "one\n\ntwo\n\nthree".length });
  });

  it("uses a Mastodon server's own limit, the smallest of the selected accounts binding", () => {
    expect(maxLengthFor("mastodon", { max_characters: 1000 })).toBe(1000);
    expect(maxLengthFor("mastodon", { max_characters: "lots" })).toBe(500);
    const draft = draftOf(withBody("b".repeat(600)));
    expect(countersFor("mastodon", draft, [{ max_characters: 1000 }])[0]).toMatchObject({ max: 1000, over: false });
    expect(countersFor("mastodon", draft, [{ max_characters: 1000 }, {}])[0]).toMatchObject({ max: 500, over: true });
    expect(issuesFor("mastodon", draft, [{ max_characters: 1000 }])).toEqual([]);
    expect(issuesFor("mastodon", draft, [{ max_characters: 1000 }, {}, {}]).filter((i) => i.code === "text_too_long")).toHaveLength(1);
  });

  it("shows no cap where the platform has none", () => {
    expect(formatCounter({ count: 1234, max: null })).toBe("1,234");
  });
});

describe("previewFor", () => {
  it("shows the title only where the platform uses it, and drops tags beyond the cap", () => {
    const draft = draftOf(withBody("hello", { title: "A title", tags: ["a", "b", "c", "d", "e"] }));
    expect(previewFor("x", draft).title).toBeNull();
    const devto = previewFor("devto", draft);
    expect(devto.title).toBe("A title");
    expect(devto.tags).toEqual(["a", "b", "c", "d"]);
    expect(devto.droppedTags).toEqual(["e"]);
    expect(previewFor("x", draft).posts).toEqual([{ label: "this post", text: "hello" }]);
  });
});

describe("insertSnippet", () => {
  it("pads with spaces where the snippet would glue to words, and puts the caret after it", () => {
    expect(insertSnippet("hello world", 5, 5, "#x")).toEqual({ value: "hello #x world", caret: 8 });
    expect(insertSnippet("hello ", 6, 6, "#x")).toEqual({ value: "hello #x", caret: 8 });
    expect(insertSnippet("", 0, 0, "#x")).toEqual({ value: "#x", caret: 2 });
  });

  it("replaces the selection and clamps out-of-range positions", () => {
    expect(insertSnippet("say WORD now", 4, 8, "#tag")).toEqual({ value: "say #tag now", caret: 8 });
    expect(insertSnippet("abc", 10, 20, "#t").value).toBe("abc #t");
  });

  it("turns tags into hashtags without spaces or repeats", () => {
    expect(hashtagsOf(["spring sale", "news", "news", " "])).toEqual(["#springsale", "#news"]);
  });
});
