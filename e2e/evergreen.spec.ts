import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { navigate, person, signUp, themeInPlace, transitionsDone } from "./helpers";

async function serious(page: Page) {
  await transitionsDone(page);
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes[0]?.target.join(" ")}`);
}

test("a category of approved tips fills every posting slot of the coming week", async ({ page, baseURL }, info) => {
  test.setTimeout(120_000);
  await signUp(page, person(info, "evergreen"));
  const api = async (path: string, data: unknown, method = "post") => {
    const res = await page.request.fetch(path, { method, data, headers: { origin: baseURL! } });
    expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
    return res.status() === 204 ? null : res.json();
  };
  const account = await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Tips account" });
  // Two slots a day, every day: fourteen in any seven days.
  await api(`/api/v1/platform-accounts/${account.id}/slots`, { timezone: "UTC", slots: [{ days: [0, 1, 2, 3, 4, 5, 6], times: ["09:00", "17:00"] }] }, "put");
  for (const title of ["Tip one", "Tip two", "Tip three"]) {
    const c = await api("/api/v1/content", { title, content: `${title}: worth repeating.` });
    await api(`/api/v1/content/${c.id}/submit`, {});
    await api(`/api/v1/content/${c.id}/approve`, {});
  }

  await page.goto("/");
  await navigate(page, "Categories");
  await expect(page.getByRole("heading", { name: "Categories", level: 1 })).toBeVisible();
  await expect(page.getByTestId("categories-empty")).toBeVisible();

  const form = page.getByRole("region", { name: "New category" });
  // Nothing is made from a bad form.
  await form.getByRole("button", { name: "Create category" }).click();
  await expect(form.getByTestId("form-error")).toContainText("Give the category a name");
  await form.getByLabel("Name").fill("Tips");
  await form.getByLabel("Days before an item returns").fill("1");
  await form.getByRole("checkbox", { name: /Tips account/ }).check();
  await form.getByRole("button", { name: "Create category" }).click();
  const card = page.getByTestId("category-card");
  await expect(card).toHaveCount(1);
  await expect(card.getByTestId("category-rules")).toContainText("returns after 1 day");

  for (const title of ["Tip one", "Tip two", "Tip three"]) {
    await card.getByLabel("Add content").selectOption({ label: title });
    await card.getByRole("button", { name: "Add", exact: true }).click();
    await expect(card.getByTestId("category-items")).toContainText(title);
  }
  await expect(card.getByTestId("category-rules")).toContainText("3 items");

  await card.getByRole("button", { name: "Fill now" }).click();
  await expect(card.getByTestId("fill-result")).toContainText("Placed 14 posts");
  await expect(card.getByTestId("category-upcoming").getByRole("listitem")).toHaveCount(14);

  // They are ordinary schedules: fourteen pending posts on the account, none twice in a slot.
  const list = await (await page.request.get(`/api/v1/schedules?platform_account_id=${account.id}&limit=100`)).json();
  const times = list.items.map((s: { scheduled_time: string }) => s.scheduled_time);
  expect(times).toHaveLength(14);
  expect(new Set(times).size).toBe(14);

  // A second fill finds every slot taken.
  await card.getByRole("button", { name: "Fill now" }).click();
  await expect(card.getByTestId("fill-result")).toContainText("Placed 0 posts");

  // The button fades back from its disabled look once the fill and the refresh after it end;
  // axe measuring it mid-fade reports a contrast failure nobody sees.
  await expect(card.getByRole("button", { name: "Fill now" })).toBeEnabled();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
  for (const theme of ["light", "dark"] as const) {
    await themeInPlace(page, theme);
    expect(await serious(page), theme).toEqual([]);
  }
});
