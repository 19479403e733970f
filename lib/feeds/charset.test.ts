import { describe, expect, it } from "vitest";
import { decodeFeed, feedCharset } from "./charset";

const latin1 = (s: string) => Buffer.from(s, "latin1");

describe("a feed's encoding", () => {
  it("follows the Content-Type's charset, then the XML declaration, else UTF-8", () => {
    const xml = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>Café à Zürich</title></rss>';
    expect(feedCharset(latin1(xml), "application/rss+xml")).toBe("iso-8859-1");
    expect(decodeFeed(latin1(xml), "application/rss+xml")).toContain("Café à Zürich");
    expect(decodeFeed(latin1(xml.replace(' encoding="ISO-8859-1"', "")), "text/xml; charset=windows-1252")).toContain("Café à Zürich");
    // The header wins over the document.
    expect(feedCharset(Buffer.from(xml, "utf8"), "application/xml; charset=UTF-8")).toBe("utf-8");
    expect(decodeFeed(Buffer.from("\uFEFF<rss>Grüße</rss>", "utf8"), null)).toBe("<rss>Grüße</rss>");
  });

  it("treats an unknown label as no label", () => {
    const xml = '<?xml version="1.0" encoding="x-made-up"?><rss>Grüße</rss>';
    expect(feedCharset(Buffer.from(xml, "utf8"), "text/xml; charset=nonsense")).toBe("utf-8");
    expect(decodeFeed(Buffer.from(xml, "utf8"), "text/xml; charset=nonsense")).toContain("Grüße");
  });
});
