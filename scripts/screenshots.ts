/**
 * Takes screenshots of the main screens from a running app (default http://localhost:3000),
 * signed in as the demo admin: `npx tsx scripts/screenshots.ts [baseUrl] [outDir]`.
 */
import { chromium } from "@playwright/test";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "screenshots";
const password = process.env.DEMO_ADMIN_PASSWORD ?? "demo-password-123";

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  for (const [name, viewport, theme] of [["desktop", { width: 1280, height: 800 }, "light"], ["mobile", { width: 375, height: 740 }, "dark"]] as const) {
    const ctx = await browser.newContext({ viewport, baseURL: base });
    await ctx.addCookies([{ name: "theme", value: theme, url: base }]);
    const page = await ctx.newPage();
    await page.goto("/signin");
    await page.getByLabel("Email").fill(process.env.DEMO_ADMIN_EMAIL ?? "admin@example.com");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    for (const path of ["/", "/settings/team", "/settings/tokens", "/health"]) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      const file = `${out}/${name}${path === "/" ? "-overview" : path.replace(/\//g, "-")}.png`;
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    if (name === "mobile") {
      await page.getByRole("button", { name: "Open menu" }).click();
      await page.screenshot({ path: `${out}/mobile-menu.png` });
      console.log(`${out}/mobile-menu.png`);
    }
    await ctx.close();
  }
  await browser.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
