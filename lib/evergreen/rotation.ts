/** The texts an item rotates through on a platform that refuses identical text. Pure. */

/** The item's own text first, then its variants; blanks and repeats dropped. */
export function rotationOf(base: string, variants: unknown): string[] {
  const extra = Array.isArray(variants) ? variants.filter((v): v is string => typeof v === "string") : [];
  const out: string[] = [];
  for (const t of [base, ...extra]) if (t.trim() && !out.includes(t)) out.push(t);
  return out;
}

/**
 * The text for the next post: the one after the last text posted (in rotation order), skipping
 * any identical to it; the first when nothing was posted yet; null when no text differs from it.
 */
export function nextText(rotation: readonly string[], last: string | null): string | null {
  if (!rotation.length) return null;
  if (last === null) return rotation[0]!;
  const at = rotation.indexOf(last);
  for (let k = 1; k <= rotation.length; k++) {
    const t = rotation[(Math.max(at, -1) + k) % rotation.length]!;
    if (t !== last) return t;
  }
  return null;
}
