import { describe, expect, it } from "vitest";
import { DESCRIPTORS, getDescriptor, isPlatformId, measureText, validateFor, validateForPlatforms } from "./registry";
import { descriptorFor, validate as validateMastodon } from "./mastodon/descriptor";
import { PLATFORMS, type DraftMedia, type PlatformId, type PostDraft } from "./types";

const MiB = 1024 * 1024;
const img = (over: Partial<DraftMedia> = {}): DraftMedia => ({ mimeType: "image/jpeg", sizeBytes: 100_000, altText: "alt", ...over });
const video = (over: Partial<DraftMedia> = {}): DraftMedia => ({ mimeType: "video/mp4", sizeBytes: 1_000_000, durationMs: 10_000, ...over });
const draft = (over: Partial<PostDraft> = {}): PostDraft => ({ contentType: "post", title: "T", text: "Hi", media: [], tags: [], ...over });
const codes = (id: PlatformId, d: PostDraft) => validateFor(id, d).map((i) => `${i.severity}:${i.field}:${i.code}`);

describe("registry", () => {
  it("has one descriptor per PlatformId, keyed by its own id", () => {
    expect(Object.keys(DESCRIPTORS).sort()).toEqual([...PLATFORMS].sort());
    for (const id of PLATFORMS) expect(getDescriptor(id).id).toBe(id);
  });

  it("descriptors are plain data the composer can receive as JSON", () => {
    for (const id of PLATFORMS) expect(JSON.parse(JSON.stringify(DESCRIPTORS[id]))).toEqual(DESCRIPTORS[id]);
  });

  it("recognises platform ids only", () => {
    expect(isPlatformId("bluesky")).toBe(true);
    expect(isPlatformId("myspace")).toBe(false);
    expect(isPlatformId(42)).toBe(false);
    expect(isPlatformId("toString")).toBe(false);
  });

  it("gathers every platform's issues in the order asked, once per platform", () => {
    const d = draft({ text: "a".repeat(301), title: "" });
    const issues = validateForPlatforms(d, ["devto", "bluesky", "instagram", "bluesky", "webhook"]);
    expect(issues.map((i) => `${i.platform}:${i.code}`)).toEqual(["devto:title_required", "bluesky:text_too_long", "instagram:media_required"]);
    expect(validateForPlatforms(d, [])).toEqual([]);
  });

  it("measureText follows each platform's rule", () => {
    const text = `漢 https://example.com/${"x".repeat(40)}`;
    expect(measureText(DESCRIPTORS.x.limits, text)).toBe(2 + 1 + 23);
    expect(measureText(DESCRIPTORS.mastodon.limits, text)).toBe(1 + 1 + 23);
    expect(measureText(DESCRIPTORS.bluesky.limits, text)).toBe(2 + 20 + 40);
  });

  it("Mastodon validates against a server's own max_characters", () => {
    expect(validateMastodon(draft({ text: "a".repeat(501) }), 1000)).toEqual([]);
    expect(descriptorFor(1000).limits.maxLength).toBe(1000);
    expect(validateMastodon(draft({ text: "a".repeat(1001) }), 1000).map((i) => i.code)).toEqual(["text_too_long"]);
  });
});

describe("media rules", () => {
  it("Instagram cannot publish text-only posts", () => {
    const issues = validateFor("instagram", draft());
    expect(issues).toEqual([
      {
        platform: "instagram",
        field: "media",
        code: "media_required",
        message: "Instagram cannot publish text-only posts: add an image or video",
        severity: "error",
      },
    ]);
    expect(validateFor("instagram", draft({ media: [img({ width: 1080, height: 1350 })] }))).toEqual([]);
  });

  it("warns about images without alt text, never about videos", () => {
    const d = draft({ media: [img({ altText: null }), img({ altText: "  " }), img()] });
    expect(codes("mastodon", d)).toEqual(["warning:media.0:alt_text_missing", "warning:media.1:alt_text_missing"]);
    expect(validateFor("bluesky", d)[0]?.message).toBe("Bluesky: media 1 has no alt text; add a description for people using screen readers");
    expect(codes("x", draft({ media: [video()] }))).toEqual([]);
  });

  it("enforces alt text length where the API does", () => {
    expect(codes("x", draft({ media: [img({ altText: "a".repeat(1000) })] }))).toEqual([]);
    expect(codes("x", draft({ media: [img({ altText: "a".repeat(1001) })] }))).toEqual(["error:media.0:alt_text_too_long"]);
  });

  it("caps the number of attachments", () => {
    expect(codes("x", draft({ media: [img(), img(), img(), img()] }))).toEqual([]);
    const five = validateFor("x", draft({ media: [img(), img(), img(), img(), img()] }));
    expect(five.map((i) => i.code)).toEqual(["media_too_many"]);
    expect(five[0]?.message).toBe("X allows at most 4 attachments per post; this post has 5");
    expect(codes("devto", draft({ media: [img(), img()] }))).toEqual(["error:media:media_too_many"]);
  });

  it("caps file size per kind at the documented byte", () => {
    expect(codes("x", draft({ media: [img({ sizeBytes: 5 * MiB })] }))).toEqual([]);
    expect(codes("x", draft({ media: [img({ sizeBytes: 5 * MiB + 1 })] }))).toEqual(["error:media.0:media_too_large"]);
    expect(codes("x", draft({ media: [img({ mimeType: "image/gif", sizeBytes: 15 * MiB })] }))).toEqual([]);
    expect(codes("bluesky", draft({ media: [img({ sizeBytes: 1_000_000 })] }))).toEqual([]);
    const big = validateFor("bluesky", draft({ media: [img({ sizeBytes: 1_000_001 })] }));
    expect(big[0]?.message).toBe("Bluesky allows images up to 1 MB (1,000,000 bytes); media 1 is 1,000,001 bytes");
  });

  it("checks video: allowed at all, duration, and whether it may share the post", () => {
    expect(codes("devto", draft({ media: [video()] }))).toEqual(["error:media.0:video_not_allowed"]);
    expect(codes("x", draft({ media: [video({ durationMs: 140_000 })] }))).toEqual([]);
    expect(codes("x", draft({ media: [video({ durationMs: 140_001 })] }))).toEqual(["error:media.0:video_too_long"]);
    expect(codes("bluesky", draft({ media: [img(), video()] }))).toEqual(["error:media.1:media_exclusive"]);
    expect(codes("x", draft({ media: [img({ mimeType: "image/gif" }), img()] }))).toEqual(["error:media.0:media_exclusive"]);
    expect(codes("instagram", draft({ contentType: "carousel", media: [img(), video()] }))).toEqual([]);
  });

  it("rejects MIME types the platform does not take", () => {
    const png = validateFor("instagram", draft({ media: [img({ mimeType: "image/png" })] }));
    expect(png.map((i) => `${i.field}:${i.code}`)).toEqual(["media.0:media_type"]);
    expect(png[0]?.message).toContain("Instagram does not accept image/png");
    expect(codes("wordpress", draft({ media: [img({ mimeType: "image/avif" })] }))).toEqual([]);
  });

  it("checks carousel sizes and platforms without carousels", () => {
    expect(codes("instagram", draft({ contentType: "carousel", media: [img()] }))).toEqual(["error:media:carousel_size"]);
    expect(codes("instagram", draft({ contentType: "carousel", media: Array(10).fill(img()) }))).toEqual([]);
    const eleven = validateFor("instagram", draft({ contentType: "carousel", media: Array(11).fill(img()) }));
    expect(eleven.map((i) => i.message)).toEqual(["Instagram carousels need 2–10 images or videos; this one has 11"]);
    expect(codes("medium", draft({ contentType: "carousel", media: [img(), img()] }))).toEqual(["error:media:carousel_unsupported"]);
  });

  it("Instagram rejects images outside 4:5 to 1.91:1", () => {
    expect(codes("instagram", draft({ media: [img({ width: 1080, height: 1350 })] }))).toEqual([]); // 0.8
    expect(codes("instagram", draft({ media: [img({ width: 1910, height: 1000 })] }))).toEqual([]);
    expect(codes("instagram", draft({ media: [img({ width: 1080, height: 1351 })] }))).toEqual(["error:media.0:media_aspect_ratio"]);
  });

  it("lets media carry a post without text, but not an empty one", () => {
    expect(codes("x", draft({ text: "", media: [img()] }))).toEqual([]);
    expect(codes("x", draft({ text: " " }))).toEqual(["error:text:text_empty"]);
  });
});

describe("validateFor with the account's config", () => {
  it("Mastodon uses the server's max_characters learned at verification", () => {
    const draft = { contentType: "post" as const, title: "", text: "a".repeat(600), media: [], tags: [] };
    expect(validateFor("mastodon", draft).map((i) => i.code)).toContain("text_too_long");
    expect(validateFor("mastodon", draft, { max_characters: 1000 })).toEqual([]);
    expect(validateFor("mastodon", draft, { max_characters: "lots" }).map((i) => i.code)).toContain("text_too_long");
  });
});
