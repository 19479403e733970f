import { describe, expect, it } from "vitest";
import type { DraftMedia } from "@/adapters/types";
import { cleanParts, draftFor, joinParts, PART_SEPARATOR, splitThread, type DraftItem } from "./post-draft";

const media: DraftMedia[] = [{ mimeType: "image/png", sizeBytes: 10, altText: "a dot" }];
const post: DraftItem = { contentType: "post", title: "Launch", content: "base text", tags: ["news"] };
const thread: DraftItem = { contentType: "thread", title: "Launch", content: "one\n\n---\n\ntwo\n----\nthree", tags: [] };

describe("draftFor", () => {
  it("sends the item as it is without a variant: no parts for a single post", () => {
    expect(draftFor(post, undefined, media)).toEqual({ contentType: "post", title: "Launch", text: "base text", media, tags: ["news"] });
    expect(draftFor(post, undefined, media)).not.toHaveProperty("parts");
  });

  it("lays the variant's text over the body, and keeps the body where the variant has none", () => {
    expect(draftFor(post, { text: "mine", parts: null }, []).text).toBe("mine");
    expect(draftFor(post, { text: null, parts: null }, []).text).toBe("base text");
  });

  it("splits a stored thread into its parts, and keeps the stored body as the text", () => {
    const d = draftFor(thread, undefined, []);
    expect(d.parts).toEqual(["one", "two", "three"]);
    expect(d.text).toBe(thread.content);
  });

  it("takes a thread's parts as given when they are at hand, and never gives a single post parts of the item's", () => {
    expect(draftFor({ ...thread, parts: ["a", "b"] }, undefined, []).parts).toEqual(["a", "b"]);
    expect(draftFor({ ...post, parts: ["a", "b"] }, undefined, [])).not.toHaveProperty("parts");
  });

  it("takes the variant's own parts over the item's", () => {
    expect(draftFor(thread, { text: null, parts: ["x", "y"] }, []).parts).toEqual(["x", "y"]);
    expect(draftFor(post, { text: null, parts: ["x"] }, []).parts).toEqual(["x"]);
  });
});

describe("threads stored as one body", () => {
  it("joins the parts that count and splits them back alike", () => {
    const parts = [" first ", "", "second\nline", "third"];
    expect(cleanParts(parts)).toEqual(["first", "second\nline", "third"]);
    expect(joinParts(parts)).toBe(["first", "second\nline", "third"].join(PART_SEPARATOR));
    expect(splitThread(joinParts(parts))).toEqual(cleanParts(parts));
  });

  it("splits on a line of three or more dashes, with Windows line ends too", () => {
    expect(splitThread("a\r\n---\r\nb\n-----\nc")).toEqual(["a", "b", "c"]);
    expect(splitThread("a --- b")).toEqual(["a --- b"]);
    expect(splitThread("\n---\n")).toEqual([]);
  });
});
