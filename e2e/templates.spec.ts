import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

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

async function axeBothThemes(page: Page, baseURL: string) {
  for (const theme of ["light", "dark"] as const) {
    await page.context().addCookies([{ name: "theme", value: theme, url: baseURL }]);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(theme === "dark" ? /dark/ : /^(?!.*\bdark\b)/);
    await expect(page.getByRole("heading", { name: "Templates", exact: true, level: 2 })).toBeVisible();
    expect(await serious(page), theme).toEqual([]);
  }
}

test("templates keep versions and restore one; the composer inserts a template with its variable filled, a hashtag group and a signature", async ({
  page,
  baseURL,
}, info) => {
  test.setTimeout(120_000);
  await signUp(page, person(info, "templates"));
  const res = await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name: "Sandbox A" }, headers: { origin: baseURL! } });
  expect(res.status()).toBe(201);

  await page.goto("/settings/templates");
  await expect(page.getByText("No templates yet.")).toBeVisible();
  const add = page.getByRole("form", { name: "New template" });

  // A broken placeholder is refused with a clear message and saves nothing.
  await add.getByLabel("Name").fill("Broken");
  await add.getByLabel("Text").fill("Hello {{ }}");
  await add.getByRole("button", { name: "Save template" }).click();
  await expect(add.getByTestId("form-error")).toContainText("empty placeholder");
  await expect(page.getByTestId("template-row")).toHaveCount(0);

  // Version 1, with a custom variable.
  await add.getByLabel("Name").fill("Launch");
  await add.getByLabel("Text").fill("{{title}}: meet {{product}}!");
  await expect(add.getByTestId("new-template-vars")).toHaveText("product");
  await add.getByLabel("Default tags").fill("launch");
  await add.getByRole("checkbox", { name: "Sandbox" }).check();
  await add.getByRole("button", { name: "Save template" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Template saved" })).toBeVisible();
  const row = page.getByTestId("template-row");
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("version 1");

  // Version 2.
  await row.getByRole("button", { name: "Edit Launch" }).click();
  await row.getByLabel("Text").fill("New: {{product}} is here");
  await row.getByRole("button", { name: "Save as new version" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Saved as version 2" })).toBeVisible();
  await expect(row).toContainText("New: {{product}} is here");

  // Restore version 1: it comes back as version 3.
  await row.getByRole("button", { name: "Versions of Launch" }).click();
  await expect(row.getByTestId("template-version")).toHaveCount(2);
  await row.getByRole("button", { name: "Restore version 1 of Launch" }).click();
  await expect(page.getByTestId("toast").filter({ hasText: "Version 1 restored as version 3" })).toBeVisible();
  await expect(row).toContainText("version 3");
  await expect(row).toContainText("{{title}}: meet {{product}}!");

  // A hashtag group and two signatures, one of them for LinkedIn only.
  const group = page.getByRole("form", { name: "New hashtag group" });
  await group.getByLabel("Name").fill("Launch tags");
  await group.getByLabel("Hashtags").fill("#launch news");
  await group.getByRole("button", { name: "Add group" }).click();
  await expect(page.getByTestId("hashtag-group-row")).toContainText("#launch #news");
  const sig = page.getByRole("form", { name: "New signature" });
  await sig.getByLabel("Name").fill("Team sig");
  await sig.getByLabel("Text").fill("— The team");
  await sig.getByRole("button", { name: "Add signature" }).click();
  await expect(page.getByTestId("signature-row")).toHaveCount(1);
  await sig.getByLabel("Name").fill("LinkedIn sig");
  await sig.getByLabel("Text").fill("— Follow us on LinkedIn");
  await sig.getByLabel("Platform").selectOption("linkedin");
  await sig.getByRole("button", { name: "Add signature" }).click();
  await expect(page.getByTestId("signature-row")).toHaveCount(2);

  await axeBothThemes(page, baseURL!);

  // The composer: insert the template (asking for its variable), the group and the signature.
  await page.goto("/content/new");
  await page.getByLabel("Title").fill("Spring");
  await page.getByRole("checkbox", { name: /Sandbox A/ }).check();
  const body = page.getByLabel("Body");
  await page.getByText("Insert…").click();
  await expect(page.getByRole("list", { name: "Signatures" }).getByRole("button")).toHaveText(["Team sig"]); // not the LinkedIn one
  await page.getByRole("list", { name: "Templates" }).getByRole("button", { name: "Launch" }).click();
  await page.getByRole("button", { name: "Insert template" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Fill in “product”" })).toBeVisible();
  await page.getByLabel("product").fill("Widget");
  await page.getByRole("button", { name: "Insert template" }).click();
  await expect(body).toHaveValue("Spring: meet Widget!");
  await expect(page.locator("#c-tags")).toHaveValue("launch"); // the template's default tag came along

  await page.getByText("Insert…").click();
  await page.getByRole("list", { name: "Hashtag groups" }).getByRole("button", { name: "Launch tags" }).click();
  await expect(body).toHaveValue("Spring: meet Widget! #launch #news");
  await page.getByText("Insert…").click();
  await page.getByRole("list", { name: "Signatures" }).getByRole("button", { name: "Team sig" }).click();
  await expect(body).toHaveValue("Spring: meet Widget! #launch #news — The team");
});
