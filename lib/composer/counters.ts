/**
 * Live counters and inline issues for the composer, computed with the adapters' own functions
 * (measureText, validateFor): the browser shows the numbers the server enforces.
 */
import { DESCRIPTORS, measureText, validateFor } from "@/adapters/registry";
import { postsOf } from "@/adapters/rules";
import { countBytes } from "@/adapters/count";
import type { PlatformId, PostDraft, ValidationIssue } from "@/adapters/types";

export interface PostCounter {
  /** Path into the draft: "text", "parts", "parts.2". */
  field: string;
  label: string;
  count: number;
  max: number | null;
  bytes: number;
  maxBytes: number | null;
  over: boolean;
}

type Config = Record<string, unknown> | null | undefined;

/**
 * The length cap for one account: the descriptor's, except where the account learned its own on
 * verification (a Mastodon server's max_characters, which the registry's validator applies too).
 */
export function maxLengthFor(platform: PlatformId, config?: Config): number | null {
  const max = config?.max_characters;
  if (platform === "mastodon" && typeof max === "number" && Number.isInteger(max) && max > 0) return max;
  return DESCRIPTORS[platform].limits.maxLength;
}

/** The smallest cap among the selected accounts of one platform (the one that binds). */
export function bindingMax(platform: PlatformId, configs: readonly Config[]): number | null {
  const caps = (configs.length ? configs : [undefined]).map((c) => maxLengthFor(platform, c));
  const known = caps.filter((c): c is number => c !== null);
  return known.length ? Math.min(...known) : null;
}

/** One counter per post that will be published (one for a post, one per part of a native thread). */
export function countersFor(platform: PlatformId, draft: PostDraft, configs: readonly Config[] = []): PostCounter[] {
  const d = DESCRIPTORS[platform];
  const max = bindingMax(platform, configs);
  return postsOf(d, draft).map((post) => {
    const count = measureText(d.limits, post.text);
    const bytes = countBytes(post.text);
    const maxBytes = d.limits.maxBytes;
    return {
      field: post.field,
      label: post.label,
      count,
      max,
      bytes,
      maxBytes,
      over: (max !== null && count > max) || (maxBytes !== null && bytes > maxBytes),
    };
  });
}

/** Every issue for one platform across its selected accounts' configs, without repeats. */
export function issuesFor(platform: PlatformId, draft: PostDraft, configs: readonly Config[] = []): ValidationIssue[] {
  const seen = new Set<string>();
  const out: ValidationIssue[] = [];
  for (const config of configs.length ? configs : [undefined]) {
    for (const i of validateFor(platform, draft, config ?? null)) {
      const key = `${i.field}|${i.code}|${i.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(i);
    }
  }
  return out;
}

/** "1,234 / 2,000" (or just "1,234" without a cap); `number` formats in the person's locale ("1.234 / 2.000"). */
export function formatCounter(c: Pick<PostCounter, "count" | "max">, number: (n: number) => string = (n) => n.toLocaleString("en-US")): string {
  const n = number(c.count);
  return c.max === null ? n : `${n} / ${number(c.max)}`;
}
