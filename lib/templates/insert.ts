/** Choosing and preparing what the composer's "Insert…" menu offers. Pure: runs in the browser too. */
import type { ComposerSnippet } from "@/lib/composer/types";
import { renderTemplate } from "./render";

/** The snippets that fit the platforms being edited; with no platform chosen yet, all of them. */
export function snippetsFor(snippets: ComposerSnippet[], platforms: readonly string[]): ComposerSnippet[] {
  if (!platforms.length) return snippets;
  return snippets.filter((s) => !s.platforms?.length || s.platforms.some((p) => platforms.includes(p)));
}

/** The variables a person must fill in before a template is inserted (its date comes by itself). */
export function variablesToAsk(s: ComposerSnippet, title: string, now = new Date()): string[] {
  if (s.kind !== "template") return [];
  return renderTemplate(s.text, { timeZone: s.timeZone ?? "UTC", now, title }).missing;
}

/** The text to insert: a template rendered with the post's title and the values given. */
export function snippetText(s: ComposerSnippet, title: string, values: Record<string, string> = {}, now = new Date()) {
  if (s.kind !== "template") return { text: s.text, missing: [] as string[] };
  return renderTemplate(s.text, { timeZone: s.timeZone ?? "UTC", now, title, values });
}

/** The tags field ("a, b") with a template's default tags added, each once (case-insensitively). */
export function withTags(tagsInput: string, add: string[] = []): string {
  const tags = tagsInput
    .split(",")
    .map((t) => t.trim())
    .filter(Boolean);
  for (const t of add) if (!tags.some((x) => x.toLowerCase() === t.toLowerCase())) tags.push(t);
  return tags.join(", ");
}
