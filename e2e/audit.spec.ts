import fs from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { joinAs, person, signUp } from "./helpers";

async function serious(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(" | ")}`,
    );
}

test("an admin filters the audit log to one action and exports it as CSV; an editor is refused", async ({ page, baseURL, browser }, info) => {
  test.setTimeout(120_000);
  await signUp(page, person(info, "audit"));
  const send = async (method: "post" | "patch", path: string, data: unknown) => {
    const res = await page.request[method](path, { data, headers: { origin: baseURL! } });
    expect(res.status(), await res.text()).toBeLessThan(300);
    return res.json();
  };
  const t = await send("post", "/api/v1/templates", { name: "Weekly", body: "Week of {{date}}" });
  await send("patch", `/api/v1/templates/${t.id}`, { name: "Weekly digest" });
  await send("post", "/api/v1/signatures", { name: "Sig", body: "— us" });

  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
  await expect(page.getByTestId("audit-action").filter({ hasText: "template.update" })).toBeVisible();
  await expect(page.getByTestId("audit-action").filter({ hasText: "signature.create" })).toBeVisible();

  await page.getByLabel("Action").selectOption("template.update");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/action=template.update/);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Weekly");
  await expect(rows).toContainText("Weekly digest");
  await expect(rows.locator("del", { hasText: /^Weekly$/ })).toBeVisible();
  await expect(rows.locator("ins", { hasText: /^Weekly digest$/ })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("audit-export").click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("time_utc,user,email,api_token_id,action,entity_type,entity_id,changes,before,after,ip");
  expect(csv).toContain("template.update");
  expect(csv).not.toContain("template.create");
  expect(csv).not.toContain("signature.create");
  expect(csv).toContain("name: Weekly → Weekly digest");

  // A date range that excludes everything.
  await page.goto("/settings/audit?date_from=2001-01-01&date_to=2001-01-02");
  await expect(page.getByTestId("audit-empty")).toContainText("Nothing matches these filters");
  await page.goto("/settings/audit?date_from=2030-01-02&date_to=2030-01-01");
  await expect(page.getByRole("alert").filter({ hasText: "Filter not applied: From must not be after To" })).toBeVisible();

  await page.goto("/settings/audit");
  for (const theme of ["light", "dark"] as const) {
    await page.context().addCookies([{ name: "theme", value: theme, url: baseURL! }]);
    await page.reload();
    await expect(page.getByTestId("audit-row").first()).toBeVisible();
    if (theme === "dark") await expect(page.locator("html")).toHaveClass(/dark/);
    expect(await serious(page), theme).toEqual([]);
  }

  const editor = await joinAs(page, browser, info, "editor");
  await editor.page.goto("/settings/audit");
  await expect(editor.page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await expect(editor.page.getByTestId("audit-row")).toHaveCount(0);
  expect((await editor.page.request.get("/api/v1/audit")).status()).toBe(403);
  expect((await editor.page.request.get("/api/v1/audit/export")).status()).toBe(403);
  expect(await serious(editor.page)).toEqual([]);
  await editor.ctx.close();
});
