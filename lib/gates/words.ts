/**
 * Banned words and phrases: case-insensitive, whole words only ("ad" does not match "add" or
 * "head"), and a phrase matches across any run of spaces or line breaks.
 */
export interface WordMatch {
  entry: string;
  /** The text as written in the content (its own case and spacing). */
  matched: string;
  count: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const WORD_CHAR = "[\\p{L}\\p{N}\\p{M}_]";

/** A pattern for one entry; its edges are word edges only where the entry starts/ends with a word character. */
export function bannedPattern(entry: string): RegExp {
  const words = entry.trim().split(/\s+/).map(escape).join("\\s+");
  const startsWord = new RegExp(`^${WORD_CHAR}`, "u").test(entry.trim());
  const endsWord = new RegExp(`${WORD_CHAR}$`, "u").test(entry.trim());
  return new RegExp(`${startsWord ? `(?<!${WORD_CHAR})` : ""}${words}${endsWord ? `(?!${WORD_CHAR})` : ""}`, "giu");
}

/** Every banned entry found in the text, with the first matched text and how often. */
export function findBanned(text: string, entries: readonly string[]): WordMatch[] {
  const out: WordMatch[] = [];
  if (!text) return out;
  for (const entry of entries) {
    if (!entry.trim()) continue;
    const hits = [...text.normalize("NFC").matchAll(bannedPattern(entry.normalize("NFC")))];
    if (hits.length) out.push({ entry, matched: hits[0]![0], count: hits.length });
  }
  return out;
}
