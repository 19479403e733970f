import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { person, signUp, transitionsDone } from "./helpers";

test("a post with a first comment, published now to the sandbox: the comment appears under it, in the job monitor and on its sandbox page", async ({
  page,
  baseURL,
}, info) => {
  await signUp(page, person(info, "commenter"));
  const made = await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name: "Sandbox" }, headers: { origin: baseURL! } });
  expect(made.status()).toBe(201);

  await page.goto("/content/new");
  await page.getByLabel("Title").fill("Launch with a comment");
  await page.getByLabel("Body").fill("Our launch post");
  await page.getByRole("checkbox", { name: /Sandbox/ }).check();
  await page.getByText("First comment on Sandbox").click();
  const field = page.getByTestId("first-comment-sandbox");
  await field.fill("Links are in this first comment");
  // A live counter, counted as the platform counts, and the comment under the post in the preview.
  await expect(page.getByTestId("comment-counter-sandbox")).toHaveText(/: 31 \/ 10,000$/);
  await expect(page.getByTestId("preview-first-comment")).toContainText("Links are in this first comment");
  await transitionsDone(page);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  await page.getByRole("button", { name: "Publish now", exact: true }).click();
  await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);

  const published = async () => {
    const list = await (await page.request.get("/api/v1/schedules")).json();
    return (list.items as { id: string; content_title: string; first_comment: { status: string } | null }[]).find(
      (s) => s.content_title === "Launch with a comment",
    );
  };
  await expect.poll(async () => (await published())?.first_comment?.status, { timeout: 15_000 }).toBe("published");
  const schedule = (await published())!;

  await page.goto(`/jobs?schedule=${schedule.id}`);
  const status = page.getByTestId("first-comment-status");
  await expect(status).toContainText("First comment · published");
  await expect(status).toContainText("Links are in this first comment");
  const link = status.getByRole("link", { name: /View comment on Sandbox/ });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/sandbox\/[0-9a-f-]{36}$/);
  await page.goto(href!);
  await expect(page.getByText("Links are in this first comment")).toBeVisible();
});
