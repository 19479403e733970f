/** Server messages name API fields (ends_at); settings forms show them in words. */
const WORDS: [RegExp, string][] = [
  [/\bends_at\b/g, "the end"],
  [/\bstarts_at\b/g, "the start"],
  [/\bmin_per_week\b/g, "the minimum per week"],
  [/\bmax_per_week\b/g, "the maximum per week"],
  [/\bper_seconds\b/g, "the period"],
  [/\bcapacity\b/g, "the number of posts"],
];

export function inWords(message: string | null): string | null {
  if (!message) return message;
  const out = WORDS.reduce((m, [re, w]) => m.replace(re, w), message);
  return out.charAt(0).toUpperCase() + out.slice(1);
}
