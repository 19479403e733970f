import { describe, expect, it } from "vitest";
import { altTextFindings, requiredFieldFindings } from "./fields";
import { qualityGatesSchema, readGates, DEFAULT_GATES } from "./rules";
import { extractUrls } from "./urls";
import type { GateSubject } from "./types";

const subject = (over: Partial<GateSubject["item"]> = {}, rest: Partial<Omit<GateSubject, "item">> = {}): GateSubject => ({
  item: { title: "Hello", content: "Body", summary: null, contentType: "post", tags: [], mediaIds: [], ...over },
  variants: [],
  media: [],
  ...rest,
});
const rules = (by: Partial<Record<"post" | "article" | "thread" | "carousel", string[]>>, severity: "error" | "warning" = "error") =>
  qualityGatesSchema.parse({ required_fields: { enabled: true, severity, by_type: by } }).required_fields;

describe("required fields per content type", () => {
  it("asks an article for its summary and cover, and names what is missing", () => {
    const r = rules({ article: ["title", "summary", "media"] });
    const found = requiredFieldFindings(r, subject({ contentType: "article" }));
    expect(found.map((f) => f.field)).toEqual(["summary", "media"]);
    expect(found[0]).toMatchObject({ rule: "required_fields", severity: "error", message: expect.stringMatching(/Summary is required for an article/) });
    expect(requiredFieldFindings(r, subject({ contentType: "article", summary: "Short", mediaIds: ["m1"] }))).toEqual([]);
    // A summary of spaces is no summary.
    expect(requiredFieldFindings(r, subject({ contentType: "article", summary: "  ", mediaIds: ["m1"] })).map((f) => f.field)).toEqual(["summary"]);
  });

  it("applies only the rules of the item's own type", () => {
    const r = rules({ article: ["summary"] });
    expect(requiredFieldFindings(r, subject({ contentType: "post" }))).toEqual([]);
  });

  it("wants at least 2 parts in a thread, in every platform's version", () => {
    const r = rules({ thread: ["parts"] }, "warning");
    expect(requiredFieldFindings(r, subject({ contentType: "thread", content: "only one" }))).toEqual([
      expect.objectContaining({ field: "parts", severity: "warning" }),
    ]);
    expect(requiredFieldFindings(r, subject({ contentType: "thread", content: "one\n---\ntwo" }))).toEqual([]);
    const variants = [{ platform: "x", text: null, parts: ["lonely", " "], mediaIds: null }];
    expect(requiredFieldFindings(r, subject({ contentType: "thread", content: "one\n---\ntwo" }, { variants }))).toHaveLength(1);
  });

  it("finds tags, links and media in variants too", () => {
    const r = rules({ post: ["tags", "link", "media"] });
    expect(requiredFieldFindings(r, subject()).map((f) => f.field)).toEqual(["tags", "link", "media"]);
    const variants = [{ platform: "x", text: "see https://example.com/a", parts: null, mediaIds: ["m9"] }];
    expect(requiredFieldFindings(r, subject({ tags: ["news"] }, { variants }))).toEqual([]);
  });

  it("does nothing while the rule is off", () => {
    const r = { ...rules({ post: ["tags"] }), enabled: false };
    expect(requiredFieldFindings(r, subject())).toEqual([]);
  });

  it("refuses a field that does not exist for the type, and unknown keys", () => {
    expect(qualityGatesSchema.safeParse({ required_fields: { enabled: true, by_type: { post: ["parts"] } } }).success).toBe(false);
    expect(qualityGatesSchema.safeParse({ required_fields: { enabled: true, by_type: { post: ["colour"] } } }).success).toBe(false);
    expect(qualityGatesSchema.safeParse({ surprise: true }).success).toBe(false);
  });
});

describe("alt text", () => {
  const img = (id: string, alt: string | null, mimeType = "image/png") => ({
    id,
    filename: `${id}.png`,
    mimeType,
    sizeBytes: 1,
    width: 1,
    height: 1,
    durationMs: null,
    altText: alt,
  });
  it("flags each used image without alt text, not videos or unused media", () => {
    const s = subject({ mediaIds: ["a", "b", "v"] }, { media: [img("a", null), img("b", "A cat"), img("v", null, "video/mp4"), img("unused", null)] });
    const found = altTextFindings({ enabled: true, severity: "warning" }, s);
    expect(found).toEqual([expect.objectContaining({ rule: "alt_text", severity: "warning", field: "media:a", message: expect.stringContaining("a.png") })]);
    expect(altTextFindings({ enabled: false, severity: "error" }, s)).toEqual([]);
    expect(altTextFindings({ enabled: true, severity: "error" }, subject({ mediaIds: ["a"] }, { media: [img("a", "   ")] }))).toHaveLength(1);
  });
});

describe("rules", () => {
  it("defaults to platform limits on and the rest off; unreadable settings fall back to defaults", () => {
    expect(DEFAULT_GATES.platform_limits).toEqual({ enabled: true, severity: "error" });
    expect([
      DEFAULT_GATES.required_fields.enabled,
      DEFAULT_GATES.banned_words.enabled,
      DEFAULT_GATES.link_check.enabled,
      DEFAULT_GATES.alt_text.enabled,
    ]).toEqual([false, false, false, false]);
    expect(readGates({ banned_words: { enabled: "yes" } })).toEqual(DEFAULT_GATES);
    expect(readGates(null)).toEqual(DEFAULT_GATES);
  });
  it("refuses duplicate or empty banned entries", () => {
    expect(qualityGatesSchema.safeParse({ banned_words: { enabled: true, entries: [{ text: "Spam" }, { text: "spam" }] } }).success).toBe(false);
    expect(qualityGatesSchema.safeParse({ banned_words: { enabled: true, entries: [{ text: "  " }] } }).success).toBe(false);
  });
});

describe("links in text", () => {
  it("finds http(s) links without the punctuation around them", () => {
    expect(extractUrls("Read https://example.com/a. And (see http://x.org/b_(c)) or ftp://no, https://ex.com/q?a=1!")).toEqual([
      "https://example.com/a",
      "http://x.org/b_(c)",
      "https://ex.com/q?a=1",
    ]);
    expect(extractUrls("no links here, just https:// alone")).toEqual([]);
  });
});
