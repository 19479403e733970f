import { describe, expect, it } from "vitest";
import { countBytes, countText, findUrls } from "./count";

// Expectations are worked out by hand from the platforms' rules, never read back from countText.
const FAMILY = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}"; // 👨‍👩‍👧‍👦: 4 emoji + 3 ZWJ
const FAMILY_BYTES = 4 * 4 + 3 * 3; // astral code points are 4 bytes in UTF-8, U+200D is 3
const GRIN = "\u{1F600}"; // 😀: one code point, two UTF-16 units
const LONG_URL = `https://example.com/${"a".repeat(300)}`;

describe("countText weighted (X, twitter-text v3)", () => {
  it("counts ASCII as 1 so 280 fits and 281 does not", () => {
    expect(countText("a".repeat(280), "weighted")).toBe(280);
    expect(countText("a".repeat(281), "weighted")).toBe(281);
  });

  it("counts CJK as 2, so 140 characters already reach 280", () => {
    expect(countText("漢".repeat(140), "weighted")).toBe(280);
    expect(countText("漢".repeat(141), "weighted")).toBe(282);
    expect(countText("かな".repeat(70) + "a", "weighted")).toBe(281);
  });

  it("switches weight exactly at the light-range edges", () => {
    expect(countText("\u10FF", "weighted")).toBe(1); // 4351, last light code point
    expect(countText("\u1100", "weighted")).toBe(2); // 4352, Hangul Choseong
    expect(countText("\u2014", "weighted")).toBe(1); // em dash, 8212 in 8208–8223
    expect(countText("\u2026", "weighted")).toBe(2); // ellipsis, 8230 is outside every range
    expect(countText("\u2032", "weighted")).toBe(1); // prime, 8242
  });

  it("counts any URL as 23 whatever its length", () => {
    expect(LONG_URL.length).toBeGreaterThan(300);
    expect(countText(LONG_URL, "weighted")).toBe(23);
    expect(countText(`Read ${LONG_URL} now`, "weighted")).toBe(5 + 23 + 4);
    expect(countText(`${"a".repeat(256)} ${LONG_URL}`, "weighted")).toBe(280);
    expect(countText(`${"a".repeat(257)} ${LONG_URL}`, "weighted")).toBe(281);
    expect(countText("http://x.org", "weighted")).toBe(23); // short URLs are padded up to 23 too
  });

  it("counts bare domains with a known TLD as URLs, but not file names or emails", () => {
    expect(countText("see example.com/x", "weighted")).toBe(4 + 23);
    expect(countText("blog.example.org", "weighted")).toBe(23);
    expect(countText("Node.js", "weighted")).toBe(7);
    // A lone label on a country TLD only links with a path (twitter-text), except .co and .tv.
    expect(countText("README.md", "weighted")).toBe(9);
    expect(countText("t.co", "weighted")).toBe(23);
    expect(countText("see bit.ly/abc", "weighted")).toBe(4 + 23);
    expect(countText("src/main.py", "weighted")).toBe(11);
    expect(countText("me@example.com", "weighted")).toBe(14);
    expect(countText("xhttps://a.io", "weighted")).toBe(13); // glued to a word: not a link on X
  });

  it("ends a URL before CJK text and trailing punctuation", () => {
    expect(countText("見てhttps://example.comです", "weighted")).toBe(2 * 2 + 23 + 2 * 2);
    expect(countText("(https://en.wikipedia.org/wiki/Foo_(bar)).", "weighted")).toBe(1 + 23 + 2);
  });

  it("counts each emoji sequence as 2: ZWJ families, skin tones, flags, keycaps", () => {
    expect(countText(FAMILY, "weighted")).toBe(2);
    expect(countText("\u{1F44D}\u{1F3FD}", "weighted")).toBe(2); // 👍🏽
    expect(countText("\u{1F1EF}\u{1F1F5}", "weighted")).toBe(2); // 🇯🇵
    expect(countText("#\uFE0F\u20E3", "weighted")).toBe(2); // #️⃣ (1 + 2 + 2 without emoji parsing)
    expect(countText(FAMILY.repeat(140), "weighted")).toBe(280);
    expect(countText(`hi ${FAMILY}!`, "weighted")).toBe(3 + 2 + 1);
  });

  it("normalises to NFC first, as X does", () => {
    expect(countText("e\u0301", "weighted")).toBe(1); // becomes é (U+00E9, light)
  });
});

describe("countText graphemes (Bluesky)", () => {
  it("counts what a reader sees as one character", () => {
    expect(countText(FAMILY, "graphemes")).toBe(1);
    expect(countText("\u{1F1EF}\u{1F1F5}", "graphemes")).toBe(1);
    expect(countText("e\u0301", "graphemes")).toBe(1);
    expect(countText("abc", "graphemes")).toBe(3);
  });

  it("counts 300 emoji as 300 although they are 600 or more UTF-16 units", () => {
    expect(GRIN.repeat(300).length).toBe(600);
    expect(countText(GRIN.repeat(300), "graphemes")).toBe(300);
    expect(FAMILY.repeat(300).length).toBe(300 * 11);
    expect(countText(FAMILY.repeat(300), "graphemes")).toBe(300);
  });
});

describe("countText chars (Threads, LinkedIn, Mastodon…)", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(countText(GRIN, "chars")).toBe(1);
    expect(countText(FAMILY, "chars")).toBe(7);
    expect(countText("e\u0301", "chars")).toBe(2); // no normalisation for the chars rule
  });

  it("counts URLs as written unless urlLength is given", () => {
    expect(countText(LONG_URL, "chars")).toBe(LONG_URL.length);
    expect(countText(`go ${LONG_URL}`, "chars", { urlLength: 23 })).toBe(3 + 23);
  });

  it("leaves bare domains alone by default, since Mastodon only links http(s) URLs", () => {
    const bare = `example.com/${"x".repeat(50)}`;
    expect(countText(bare, "chars", { urlLength: 23 })).toBe(62);
    expect(countText(bare, "chars", { urlLength: 23, bareDomains: true })).toBe(23);
  });
});

describe("countBytes", () => {
  it("measures UTF-8", () => {
    expect(countBytes("a")).toBe(1);
    expect(countBytes("é")).toBe(2);
    expect(countBytes("€")).toBe(3);
    expect(countBytes(GRIN)).toBe(4);
    expect(countBytes(FAMILY)).toBe(FAMILY_BYTES);
  });

  it("puts 120 families exactly at Bluesky's 3,000-byte cap while far under 300 graphemes", () => {
    expect(countBytes(FAMILY.repeat(120))).toBe(3000);
    expect(countBytes(FAMILY.repeat(121))).toBe(3025);
    expect(countText(FAMILY.repeat(121), "graphemes")).toBe(121);
  });
});

describe("findUrls", () => {
  it("reports each URL with UTF-16 offsets into the text", () => {
    const text = `a ${GRIN} https://example.com/p?q=1, and www.example.net.`;
    const found = findUrls(text);
    expect(found.map((u) => u.url)).toEqual(["https://example.com/p?q=1", "www.example.net"]);
    for (const u of found) expect(text.slice(u.start, u.end)).toBe(u.url);
    expect(found[0]?.start).toBe(2 + 2 + 1);
  });

  it("skips bare domains when asked to", () => {
    expect(findUrls("example.com and https://a.io/x", { bareDomains: false }).map((u) => u.url)).toEqual(["https://a.io/x"]);
  });

  it("finds nothing in plain prose, versions or emails", () => {
    expect(findUrls("Version 1.2.3 is out, e.g. today. Mail me@example.com")).toEqual([]);
  });
});
