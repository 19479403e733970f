import { describe, expect, it } from "vitest";
import { validateFor } from "@/adapters/registry";
import { countText } from "@/adapters/count";
import type { PostDraft } from "@/adapters/types";
import { CODE_LENGTH, countingDraft, replaceLinks, shortUrl, trackableLinks, withUtm } from "./rewrite";
import { fillTemplate, linkTrackingInput, postLinkTracking, readLinkTracking, unknownPlaceholders, utmParams, LINK_TRACKING_DEFAULTS } from "./settings";

const BASE = "https://sched.example.com";

describe("finding and replacing links", () => {
  const text =
    "See https://shop.example/a?x=1&y=2#top, then (https://blog.example/p). Again https://shop.example/a?x=1&y=2#top! " +
    "Old: https://sched.example.com/l/AbCdEfGhIj ftp://files.example/x mailto:a@b.example and bare shop.example/b.";

  it("tracks http(s) links written with their scheme, once each; leaves short links, other schemes and bare domains", () => {
    expect(trackableLinks(text, BASE)).toEqual(["https://shop.example/a?x=1&y=2#top", "https://blog.example/p"]);
  });

  it("replaces every occurrence, keeps the punctuation around, and leaves what it was not given", () => {
    const map = new Map([
      ["https://shop.example/a?x=1&y=2#top", `${BASE}/l/1111111111`],
      ["https://blog.example/p", `${BASE}/l/2222222222`],
    ]);
    const out = replaceLinks(text, BASE, (u) => map.get(u));
    expect(out).toBe(
      `See ${BASE}/l/1111111111, then (${BASE}/l/2222222222). Again ${BASE}/l/1111111111! ` +
        "Old: https://sched.example.com/l/AbCdEfGhIj ftp://files.example/x mailto:a@b.example and bare shop.example/b.",
    );
  });

  it("counts a post with its short links: the real length where the platform counts it, 23 on X", () => {
    const long = `https://shop.example/${"p".repeat(200)}`;
    const draft: PostDraft = { contentType: "post", title: "t", text: `${"a".repeat(250)} ${long}`, media: [], tags: [] };
    const counted = countingDraft(draft, BASE);
    const short = shortUrl(BASE, "x".repeat(CODE_LENGTH));
    expect(counted.text).toBe(`${"a".repeat(250)} ${short}`);
    // Bluesky counts graphemes of the real text: too long as written, fine with the short link.
    expect(validateFor("bluesky", draft).some((i) => i.code === "text_too_long")).toBe(true);
    expect(validateFor("bluesky", counted).filter((i) => i.severity === "error")).toEqual([]);
    expect(countText(counted.text, "graphemes")).toBe(251 + short.length);
    // X counts any URL as 23, short or long.
    expect(countText(counted.text, "weighted")).toBe(countText(draft.text, "weighted"));
  });

  it("counts thread parts with short links too", () => {
    const draft: PostDraft = { contentType: "thread", title: "t", text: "", parts: ["one https://a.example/x", "two"], media: [], tags: [] };
    expect(countingDraft(draft, BASE).parts).toEqual([`one ${shortUrl(BASE, "xxxxxxxxxx")}`, "two"]);
  });
});

describe("UTM parameters", () => {
  const params = [
    ["utm_source", "x"],
    ["utm_medium", "social"],
  ] as const;

  it("adds them after the link's own query and keeps the fragment", () => {
    expect(withUtm("https://shop.example/a?x=1#top", params)).toBe("https://shop.example/a?x=1&utm_source=x&utm_medium=social#top");
  });

  it("keeps a utm_ parameter the author wrote unless told to override", () => {
    expect(withUtm("https://shop.example/?utm_source=news", params)).toBe("https://shop.example/?utm_source=news&utm_medium=social");
    expect(withUtm("https://shop.example/?utm_source=news", params, true)).toBe("https://shop.example/?utm_source=x&utm_medium=social");
  });

  it("fills templates per platform from the post's campaign, tags and title", () => {
    const s = { platform: "linkedin", title: "Spring Sale — 50%!", tags: ["promo", "spring-sale"] };
    expect(fillTemplate("{platform}", s)).toBe("linkedin");
    expect(fillTemplate("{campaign}", s)).toBe("promo");
    expect(fillTemplate("{campaign}", { ...s, campaign: "launch" })).toBe("launch");
    expect(fillTemplate("{tag:spring-}", s)).toBe("sale");
    expect(fillTemplate("{tag:none-}", s)).toBe("");
    expect(fillTemplate("{title}", s)).toBe("spring-sale-50");
    const settings = { ...readLinkTracking(null), enabled: true };
    expect(utmParams(settings, { ...s, platform: "x" })).toEqual([
      ["utm_source", "x"],
      ["utm_medium", "social"],
      ["utm_campaign", "promo"],
    ]);
    // No tag and no campaign: utm_campaign is left out rather than sent empty.
    expect(utmParams(settings, { platform: "x", title: "t", tags: [] }).map(([k]) => k)).toEqual(["utm_source", "utm_medium"]);
  });
});

describe("settings schemas", () => {
  it("refuses unknown placeholders, stray braces, and an empty change", () => {
    expect(unknownPlaceholders("{platform}-{foo}")).toEqual(["foo"]);
    expect(linkTrackingInput.safeParse({ utm_source: "{foo}" }).success).toBe(false);
    expect(linkTrackingInput.safeParse({ utm_source: "a}b" }).success).toBe(false);
    expect(linkTrackingInput.safeParse({}).success).toBe(false);
    expect(linkTrackingInput.safeParse({ enabled: "yes" }).success).toBe(false);
    expect(linkTrackingInput.safeParse({ extra: 1, enabled: true }).success).toBe(false);
    expect(linkTrackingInput.safeParse({ enabled: true, utm_campaign: "{tag:q3-}" }).success).toBe(true);
  });

  it("reads stored settings leniently, defaults where they are missing or bad", () => {
    expect(readLinkTracking(null)).toEqual(LINK_TRACKING_DEFAULTS);
    expect(readLinkTracking({ enabled: true, utm_medium: "{nope}", utm_source: "news" })).toEqual({
      ...LINK_TRACKING_DEFAULTS,
      enabled: true,
      utm_source: "news",
    });
  });

  it("a post's own choice is strict", () => {
    expect(postLinkTracking.safeParse({ enabled: false }).success).toBe(true);
    expect(postLinkTracking.safeParse(null).success).toBe(true);
    expect(postLinkTracking.safeParse({ utm_campaign: "{platform}" }).success).toBe(false);
    expect(postLinkTracking.safeParse({ other: true }).success).toBe(false);
  });
});
