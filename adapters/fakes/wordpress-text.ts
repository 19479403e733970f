/**
 * WordPress's text rules as seen on a real site (6.1), for the WordPress fake: kses, slugs,
 * search terms and the upload type check. Pure functions; the fake's routes are in ./wordpress.ts.
 */
/** Tags kses leaves in post content / in titles (a subset of WordPress's lists). */
export const POST_TAGS = new Set(
  "a abbr b blockquote br cite code del div em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins li ol p pre q s small span strong sub sup table tbody td th thead tr u ul video audio source".split(
    " ",
  ),
);
const ATTRS = new Set("href src alt class title style id width height controls rel target datetime cite lang dir".split(" "));
export const TITLE_TAGS = new Set("a abbr acronym b blockquote cite code del em i q s strike strong".split(" "));
/**
 * kses for users without unfiltered_html, as seen on a real site: a `<` starts a tag up to the
 * next `>` (or the end); a tag it does not allow is cut with its attributes but its text stays
 * (`<script>x()</script>` → `x()`); attributes it does not know (`onclick`) go; `/>` becomes
 * ` />`; bare `&` → `&amp;`. (`a < b and c > d` → `a <b> d`: real.)
 */
export function ksesWith(allowed: Set<string>, s: string): string {
  return s
    .replace(/<[^>]*(?:>|$)/g, (tag) => {
      const m = /^<\s*(\/\s*)?([a-zA-Z0-9-]+)([^>]*)>?$/.exec(tag);
      const name = m?.[2]?.toLowerCase();
      if (!m || !name || !allowed.has(name)) return "";
      if (m[1]) return `</${name}>`;
      const rest = m[3] ?? "";
      const attrs = [...rest.matchAll(/([a-zA-Z-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?/g)]
        .filter((a) => ATTRS.has(a[1]!.toLowerCase()) && (a[2] !== undefined || a[1]!.toLowerCase() === "controls"))
        .map((a) => ` ${a[0]}`)
        .join("");
      return `<${name}${attrs}${/\/\s*$/.test(rest) ? " /" : ""}>`;
    })
    .replace(/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/gi, "&amp;");
}
export const escapeName = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const rawOf = (v: unknown): string | null =>
  typeof v === "string" ? v : v && typeof v === "object" && typeof (v as { raw?: unknown }).raw === "string" ? (v as { raw: string }).raw : null;
/** Case and accents ignored, like the utf8mb4_unicode_ci collation WordPress tables use. */
export const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
/**
 * sanitize_title as seen: markup and entities go, accents are removed, other non-ASCII is
 * percent-encoded in lower case (`Café ☃` → `cafe-%e2%98%83`), spaces become dashes.
 */
export function slugOf(title: string): string {
  const plain = title
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z0-9#]+;/gi, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
  let out = "";
  for (const ch of plain) {
    if (/[a-z0-9_-]/.test(ch)) out += ch;
    else if (/\s/.test(ch)) out += "-";
    else if (ch.charCodeAt(0) > 127) out += encodeURIComponent(ch).toLowerCase();
  }
  return out.replace(/-+/g, "-").replace(/^-|-$/g, "");
}
/**
 * WordPress search terms: split on spaces, single letters and stopwords dropped; ten terms or
 * more (or none left) are matched as one phrase.
 */
const STOPWORDS = new Set("about an are as at be by com for from how in is it of on or that the this to was what when where who will with www".split(" "));
export function searchTerms(q: string): string[] {
  const words = q.split(/[\t ",+]+/).filter(Boolean);
  const terms = words.filter((w) => !/^[a-z-]$/i.test(w) && !STOPWORDS.has(w.toLowerCase()));
  return terms.length && terms.length <= 9 ? terms.map(fold) : q.trim() ? [fold(q.trim())] : [];
}
/** What WordPress's file type check accepts as these types (it reads the bytes, not the header). */
export function sniff(mime: string, b: Buffer): boolean {
  const at = (offset: number, bytes: number[]) => bytes.every((x, i) => b[offset + i] === x);
  if (mime === "image/png") return at(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (mime === "image/jpeg") return at(0, [0xff, 0xd8, 0xff]);
  if (mime === "image/gif") return b.subarray(0, 4).toString("latin1") === "GIF8";
  if (mime === "image/webp") return b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP";
  if (mime === "video/mp4" || mime === "video/quicktime")
    return b.subarray(4, 8).toString("latin1") === "ftyp" || b.subarray(4, 8).toString("latin1") === "moov";
  if (mime === "video/webm") return at(0, [0x1a, 0x45, 0xdf, 0xa3]);
  return false;
}
