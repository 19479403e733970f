/**
 * The `test` every spec uses: its pages fail the test on any console error, any uncaught page
 * error and any Content-Security-Policy violation. Pages opened in other browser contexts (a
 * second person in the same test) get the same guard through `guardPage` / `guardContext`.
 */
import { test as base, type BrowserContext, type Page } from "@playwright/test";

export { expect } from "@playwright/test";

/**
 * Console errors that are expected, each for one narrow reason. Keep entries exact; never add a
 * pattern that would hide a whole class of errors.
 */
const EXPECTED: { text: RegExp; url: RegExp; why: string }[] = [
  {
    // next-auth's credentials sign-in answers a wrong password with 401; the form shows "Wrong
    // email or password." (specs check it). Chromium logs every 4xx fetch as a console error.
    text: /^Failed to load resource: the server responded with a status of 401 \(Unauthorized\)$/,
    url: /^https?:\/\/[^/]+\/api\/auth\/callback\/credentials$/,
    why: "a refused sign-in",
  },
];

/** Reports a violation as a console error, which the listeners below pick up. */
const REPORT_VIOLATIONS = `document.addEventListener("securitypolicyviolation", (e) => {
  console.error("Content Security Policy violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline code") + " in " + e.sourceFile + ":" + e.lineNumber);
});`;

let problems: string[] | null = null;
const guarded = new WeakSet<Page>();

function note(page: Page, what: string) {
  (problems ??= []).push(`${what}\n    on ${page.url()}`);
}

/** Fails the running test if this page logs an error or breaks the policy. Idempotent. */
export async function guardPage(page: Page): Promise<Page> {
  if (guarded.has(page)) return page;
  guarded.add(page);
  await page.addInitScript(REPORT_VIOLATIONS);
  page.on("console", (msg) => {
    const text = msg.text();
    const aboutCsp = /Content[- ]Security[- ]Policy/i.test(text);
    if (msg.type() !== "error" && !aboutCsp) return;
    const where = msg.location()?.url ?? "";
    if (!aboutCsp && EXPECTED.some((e) => e.text.test(text) && e.url.test(where))) return;
    note(page, `console ${msg.type()}: ${text}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (err) => note(page, `uncaught error: ${err.message}`));
  return page;
}

/** Guards every page the context has or will open. */
export async function guardContext(context: BrowserContext): Promise<BrowserContext> {
  for (const p of context.pages()) await guardPage(p);
  context.on("page", (p) => void guardPage(p));
  return context;
}

export const test = base.extend<{ consoleGuard: void }>({
  consoleGuard: [
    async ({}, run) => {
      problems = [];
      await run();
      const found = problems;
      problems = null;
      if (found.length) throw new Error(`The page reported ${found.length} problem(s):\n  ${found.join("\n  ")}`);
    },
    { auto: true },
  ],
  page: async ({ page, consoleGuard }, run) => {
    void consoleGuard; // named so the guard is set up before the page and checked after it
    await guardPage(page);
    await run(page);
  },
});
