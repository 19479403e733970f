/** The http(s) links in a text, as a reader would click them (trailing punctuation left out). */
export function extractUrls(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) {
    let url = m[0];
    // A sentence's full stop or a closing bracket around the link is not part of it.
    for (;;) {
      const trimmed = url.replace(/[.,;:!?*]+$/, "");
      const unbalanced = /[)\]}]$/.test(trimmed) && count(trimmed, closerOf(trimmed)) > count(trimmed, openerOf(trimmed));
      const next = unbalanced ? trimmed.slice(0, -1) : trimmed;
      if (next === url) break;
      url = next;
    }
    if (/^https?:\/\/[^/?#]+/i.test(url)) out.add(url);
  }
  return [...out];
}

const PAIRS: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
const closerOf = (s: string) => s.slice(-1);
const openerOf = (s: string) => PAIRS[s.slice(-1)] ?? "";
const count = (s: string, ch: string) => (ch ? s.split(ch).length - 1 : 0);
