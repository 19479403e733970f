/**
 * A feed item as post text: `{{title}}`, `{{link}}` and `{{summary}}` replaced in the feed's
 * template, everything else kept as typed. Pure, so the settings screen previews exactly what a
 * poll will make.
 */
export interface TemplateItem {
  title: string;
  link: string;
  summary: string;
}

export const TEMPLATE_FIELDS = ["title", "link", "summary"] as const;

/** Longest summary put into a post: short enough for most platforms with a title and a link. */
export const SUMMARY_CHARS = 280;

export function renderTemplate(template: string, item: TemplateItem): string {
  const text = template.replace(/\{\{\s*(title|link|summary)\s*\}\}/g, (_, k: keyof TemplateItem) => item[k] ?? "");
  // An empty field leaves blank lines behind; more than one in a row says nothing.
  return text
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Cuts at a word boundary with an ellipsis, so a summary never stops mid-word. */
export function shorten(text: string, max = SUMMARY_CHARS): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:!?-]+$/, "")}…`;
}

/** What the preview shows before the feed has been read. */
export const SAMPLE_ITEM: TemplateItem = {
  title: "How we plan a month of posts",
  link: "https://example.com/blog/plan-a-month",
  summary: "A short walk through our calendar, the review step and the queue times that keep posts steady.",
};
