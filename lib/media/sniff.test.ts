import { describe, expect, it } from "vitest";
import { sniff } from "./sniff";

const bytes = (...parts: (number[] | string)[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

describe("sniff", () => {
  it("reads PNG, GIF, JPEG and WebP sizes from their headers", () => {
    expect(sniff(bytes([0x89], "PNG\r\n\x1a\n", be32(13), "IHDR", be32(1080), be32(1350)))).toMatchObject({ mimeType: "image/png", width: 1080, height: 1350 });
    expect(sniff(bytes("GIF89a", [0x40, 0x01, 0xf0, 0x00]))).toMatchObject({ mimeType: "image/gif", kind: "gif", width: 320, height: 240 });
    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 600 and width 800.
    const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], new Array(14).fill(0), [0xff, 0xc0, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03]);
    expect(sniff(jpeg)).toMatchObject({ mimeType: "image/jpeg", width: 800, height: 600 });
    const webp = bytes("RIFF", [0, 0, 0, 0], "WEBPVP8X", [10, 0, 0, 0, 0, 0, 0, 0], [0x7f, 0x07, 0x00], [0x37, 0x04, 0x00]);
    expect(sniff(webp)).toMatchObject({ mimeType: "image/webp", width: 1920, height: 1080 });
  });

  it("knows videos and refuses everything else", () => {
    expect(sniff(bytes(be32(24), "ftypisom", [0, 0, 0, 0]))).toMatchObject({ mimeType: "video/mp4", kind: "video" });
    expect(sniff(bytes(be32(20), "ftypqt  ", [0, 0, 0, 0]))).toMatchObject({ mimeType: "video/quicktime" });
    expect(sniff(bytes("%PDF-1.7 and more bytes here"))).toBeNull();
    expect(sniff(bytes(be32(24), "ftypheic", [0, 0, 0, 0]))).toBeNull();
    expect(sniff(bytes(be32(24), "ftypavif", [0, 0, 0, 0]))).toBeNull();
    expect(sniff(bytes("<svg xmlns=...>"))).toBeNull();
  });
});
