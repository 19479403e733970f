import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

test.skip(({ isMobile }) => isMobile, "keyboard shortcuts need a keyboard");

test("keyboard shortcuts: ? lists them, c opens the calendar, n a new post, / the search; typing is left alone", async ({ page }, info) => {
  await signUp(page, person(info, "keys"));
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("New post");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.keyboard.press("c");
  await expect(page).toHaveURL(/\/calendar/);
  await expect(page.getByRole("heading", { name: "Calendar" })).toBeVisible();

  // A key typed into a field is text, not a shortcut.
  await page.keyboard.press("n");
  await expect(page).toHaveURL(/\/content\/new/);
  await page.getByLabel("Title").fill("nc/");
  await expect(page).toHaveURL(/\/content\/new/);
  await expect(page.getByLabel("Title")).toHaveValue("nc/");

  await page.goto("/");
  // The live indicator connects from an effect: the page is hydrated and listening for keys.
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-state", "live");
  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/content/);
  await expect(page.locator("input[type=search]")).toBeFocused();
});
