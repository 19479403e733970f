/**
 * Text measurement shared by the composer's live counters and every adapter's validate(): both
 * must apply the same rule, or the UI would approve posts the platform then rejects
 * (docs/platforms.md, Counting rules). Pure and dependency-free so it runs in the browser too.
 */

export type CountMode = "chars" | "graphemes" | "weighted";

export interface CountOptions {
  /** Every URL counts as this many characters whatever its length (X and Mastodon: 23). */
  urlLength?: number;
  /**
   * Whether bare domains (example.com/x) are URLs too. X links them; Mastodon only links
   * http(s) URLs, so counting a long bare domain as 23 there would let too-long posts through.
   * Defaults to true for "weighted", false otherwise.
   */
  bareDomains?: boolean;
}

/** A URL inside a string; offsets are UTF-16 indices into that string, `end` exclusive. */
export interface UrlMatch {
  url: string;
  start: number;
  end: number;
}

// twitter-text v3 configuration (twitter-text/config/v3.json): the values X itself counts with.
const X_URL_LENGTH = 23;
const LIGHT_RANGES: readonly (readonly [number, number])[] = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];

// Bare domains only count as links with a known TLD. The gTLD list is the commonly used subset
// (twitter-text carries all ~1,500); a protocol URL accepts any alphabetic TLD instead.
const GTLDS =
  "com net org edu gov mil int info biz name pro aero coop museum mobi asia tel travel jobs cat " +
  "app dev blog shop store online site tech xyz art cloud page news live club design wiki email " +
  "link agency studio social space website world today zone top one global media network digital " +
  "solutions company services academy team works life fun games codes tools run chat bot";
const CCTLDS =
  "ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo br bs " +
  "bt bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee " +
  "eg er es et eu fi fj fk fm fo fr ga gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm " +
  "hn hr ht hu id ie il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb " +
  "lc li lk lr ls lt lu lv ly ma mc md me mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz " +
  "na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs " +
  "ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy sz tc td tf tg th tj tk tl " +
  "tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za zm zw";
const CC = new Set(CCTLDS.split(" "));
const TLDS = new Set([...GTLDS.split(" "), ...CC]);

const L = "a-z0-9\\u00c0-\\u024f\\u0400-\\u04ff"; // twitter-text's ASCII + Latin + Cyrillic letters
const URL_RE = new RegExp(
  // Not glued to a preceding word, @mention, $cashtag, #hashtag or path (twitter-text's rule).
  // Refusing every start inside a word also keeps matching linear on 60,000-character posts.
  `(?<![${L}@\\uff20$#\\uff03\\u202a-\\u202e_./-])(https?:\\/\\/)?` +
    `((?:[${L}](?:[${L}_-]*[${L}])?\\.)+(xn--[a-z0-9-]+|[a-z\\u00c0-\\u024f]{2,63}))(?![${L}_@+-])` +
    `(?::\\d{1,5})?([/?#][${L}!*';:=+,.$/%#\\[\\]_~&|@?()-]*)?`,
  "giu",
);
// A URL never ends in punctuation that belongs to the sentence around it.
const URL_END = new RegExp(`[${L}+=_#/&-]$`, "iu");

function trimPath(url: string): string {
  let open = 0;
  let close = 0;
  for (const ch of url) {
    if (ch === "(") open++;
    else if (ch === ")") close++;
  }
  let end = url.length;
  while (end > 0) {
    const last = url.charAt(end - 1);
    if (last === ")" ? close <= open : URL_END.test(last)) break; // a balanced ")" belongs to the URL
    if (last === ")") close--;
    else if (last === "(") open--;
    end--;
  }
  return url.slice(0, end);
}

/** URLs as X's twitter-text finds them (http(s) URLs, and bare domains unless disabled). */
export function findUrls(text: string, options: { bareDomains?: boolean } = {}): UrlMatch[] {
  const bare = options.bareDomains ?? true;
  const found: UrlMatch[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const [whole, protocol = "", domain = "", tld = ""] = m;
    const start = m.index;
    const url = m[4] ? trimPath(whole) : whole;
    if (!protocol) {
      if (!bare || !TLDS.has(tld.toLowerCase()) || /[\u0080-\uffff]/.test(domain)) continue;
      // A single label on a ccTLD ("readme.md") only links with a path; co and tv are exempt.
      const short = domain.split(".").length === 2 && CC.has(tld.toLowerCase()) && !/^(co|tv)$/i.test(tld);
      if (short && !/[/?#]/.test(url.slice(domain.length))) continue;
    }
    found.push({ url, start, end: start + url.length });
  }
  return found;
}

const EMOJI: RegExp = (() => {
  try {
    // RGI_Emoji matches the longest sequence first: ZWJ families, skin tones, flags, keycaps.
    return new RegExp("\\p{RGI_Emoji}", "gv");
  } catch {
    // Engines without the `v` flag (pre-2023 browsers) get a close approximation.
    const pic = "\\p{Extended_Pictographic}";
    const sequence = `${pic}(?:\\p{Emoji_Modifier}|\\uFE0F|\\u200D${pic}\\uFE0F?)*`;
    return new RegExp(`${sequence}|\\p{Regional_Indicator}{2}|[#*0-9]\\uFE0F?\\u20E3`, "gu");
  }
})();

function codePointWeight(cp: number): number {
  return LIGHT_RANGES.some(([lo, hi]) => cp >= lo && cp <= hi) ? 100 : 200;
}

function weightedLength(text: string): number {
  let weight = 0;
  let pos = 0;
  const plain = (s: string) => {
    for (const ch of s) weight += codePointWeight(ch.codePointAt(0) ?? 0);
  };
  for (const m of text.matchAll(EMOJI)) {
    plain(text.slice(pos, m.index));
    weight += 200;
    pos = m.index + m[0].length;
  }
  plain(text.slice(pos));
  return weight / 100;
}

let segmenter: Intl.Segmenter | undefined;
function graphemeLength(text: string): number {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "grapheme" });
  return Array.from(segmenter.segment(text)).length;
}

function countPlain(text: string, mode: CountMode): number {
  if (mode === "weighted") return weightedLength(text);
  if (mode === "graphemes") return graphemeLength(text);
  return Array.from(text).length; // code points: a surrogate pair is one character
}

/**
 * Length of `text` under a platform's counting rule. "weighted" follows twitter-text v3 (NFC,
 * light ranges 1, everything else 2, emoji sequences 2, URLs 23) and compares against 280.
 */
export function countText(text: string, mode: CountMode, options: CountOptions = {}): number {
  const src = mode === "weighted" ? text.normalize("NFC") : text;
  const urlLength = options.urlLength ?? (mode === "weighted" ? X_URL_LENGTH : undefined);
  if (urlLength === undefined) return countPlain(src, mode);
  let total = 0;
  let pos = 0;
  for (const url of findUrls(src, { bareDomains: options.bareDomains ?? mode === "weighted" })) {
    total += countPlain(src.slice(pos, url.start), mode) + urlLength;
    pos = url.end;
  }
  return total + countPlain(src.slice(pos), mode);
}

/** UTF-8 length: Bluesky caps the post record's text at 3,000 bytes as well as 300 graphemes. */
export function countBytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
