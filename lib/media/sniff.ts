/** What a file is, from its first bytes (never from its name or the client's word), and its size in pixels. */
export interface Sniffed {
  mimeType: string;
  ext: string;
  kind: "image" | "gif" | "video";
  width: number | null;
  height: number | null;
}

const be16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const be32 = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const le16 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const le24 = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const ascii = (b: Uint8Array, i: number, n: number) => String.fromCharCode(...b.subarray(i, i + n));

function jpegSize(b: Uint8Array): [number, number] | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    const len = be16(b, i + 2);
    // Start-of-frame markers carry the size; C4/C8/CC are not frames.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return [be16(b, i + 7), be16(b, i + 5)];
    i += 2 + len;
  }
  return null;
}

function webpSize(b: Uint8Array): [number, number] | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === "VP8X") return [1 + le24(b, 24), 1 + le24(b, 27)];
  if (chunk === "VP8 ") return [le16(b, 26) & 0x3fff, le16(b, 28) & 0x3fff];
  if (chunk === "VP8L") {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return [1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff)];
  }
  return null;
}

/** Reads the header (the first 64 KiB are plenty); null for anything not accepted. */
export function sniff(head: Uint8Array): Sniffed | null {
  const b = head;
  if (b.length >= 24 && be32(b, 0) === 0x89504e47) return { mimeType: "image/png", ext: "png", kind: "image", width: be32(b, 16), height: be32(b, 20) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    const s = jpegSize(b);
    return { mimeType: "image/jpeg", ext: "jpg", kind: "image", width: s?.[0] ?? null, height: s?.[1] ?? null };
  }
  if (b.length >= 10 && ascii(b, 0, 4) === "GIF8") return { mimeType: "image/gif", ext: "gif", kind: "gif", width: le16(b, 6), height: le16(b, 8) };
  if (b.length >= 30 && ascii(b, 0, 4) === "RIFF" && ascii(b, 8, 4) === "WEBP") {
    const s = webpSize(b);
    return { mimeType: "image/webp", ext: "webp", kind: "image", width: s?.[0] ?? null, height: s?.[1] ?? null };
  }
  if (b.length >= 12 && ascii(b, 4, 4) === "ftyp") {
    const brand = ascii(b, 8, 4);
    // HEIC and AVIF images share the container; platforms take neither.
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1|avif|avis)$/.test(brand)) return null;
    return brand === "qt  "
      ? { mimeType: "video/quicktime", ext: "mov", kind: "video", width: null, height: null }
      : { mimeType: "video/mp4", ext: "mp4", kind: "video", width: null, height: null };
  }
  if (b.length >= 4 && be32(b, 0) === 0x1a45dfa3) return { mimeType: "video/webm", ext: "webm", kind: "video", width: null, height: null };
  return null;
}
