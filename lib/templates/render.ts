/**
 * Template variables: `{{name}}` placeholders in a template's body. `date`, `title` and `link` are
 * filled from the post; any other name is a custom variable the author fills in when inserting.
 * Pure functions, shared by the server (validation on save) and the composer (insertion).
 */

export const BUILTIN_VARIABLES = ["date", "title", "link"] as const;
export type BuiltinVariable = (typeof BUILTIN_VARIABLES)[number];

const NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,39}$/;
/** `{{ … }}` with anything but braces inside; the inside is checked separately so typos are reported. */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

export interface TemplateProblem {
  message: string;
}

/** Every variable the body uses, in order of first use, without repeats. */
export function templateVariables(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) {
    const name = m[1]!.trim();
    if (NAME.test(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The variables the author must fill in (everything that is not date, title or link). */
export function customVariables(body: string): string[] {
  return templateVariables(body).filter((v) => !(BUILTIN_VARIABLES as readonly string[]).includes(v));
}

/** What is wrong with a body's placeholders: empty or badly named ones, and braces left open. */
export function templateProblems(body: string): string[] {
  const problems: string[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) {
    const name = m[1]!.trim();
    if (!name) problems.push("an empty placeholder {{}}: write a variable name inside the braces");
    else if (!NAME.test(name))
      problems.push(`“{{${m[1]}}}” is not a valid variable name: use letters, digits, _ or - (starting with a letter), at most 40 characters`);
  }
  const rest = body.replace(PLACEHOLDER, "");
  if (rest.includes("{{")) problems.push("a placeholder is opened with {{ but never closed with }}");
  else if (rest.includes("}}")) problems.push("a placeholder is closed with }} but never opened with {{");
  return [...new Set(problems)];
}

export interface RenderContext {
  /** The person's time zone: `{{date}}` is today there, not on the server. */
  timeZone: string;
  now?: Date;
  title?: string;
  link?: string;
  /** Values of custom variables (and overrides of the built-in ones). */
  values?: Record<string, string>;
  locale?: string;
}

export interface RenderResult {
  text: string;
  /** Variables that had no value: left in the text as `{{name}}`, never silently dropped. */
  missing: string[];
}

/** Today's date in the zone, e.g. "1 May 2026". */
export function formatTemplateDate(now: Date, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone }).format(now);
}

export function renderTemplate(body: string, ctx: RenderContext): RenderResult {
  const builtin: Record<string, string | undefined> = {
    date: formatTemplateDate(ctx.now ?? new Date(), ctx.timeZone, ctx.locale),
    title: ctx.title?.trim() || undefined,
    link: ctx.link?.trim() || undefined,
  };
  const missing: string[] = [];
  const text = body.replace(PLACEHOLDER, (whole, inner: string) => {
    const name = inner.trim();
    if (!NAME.test(name)) return whole;
    const given = ctx.values?.[name];
    const value = given !== undefined && given.trim() !== "" ? given : builtin[name];
    if (value === undefined) {
      if (!missing.includes(name)) missing.push(name);
      return whole;
    }
    return value;
  });
  return { text, missing };
}
