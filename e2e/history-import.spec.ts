import { expect, test } from "./fixtures";
import { navigate, person, signUp } from "./helpers";

const HEADER = "account,posted_at,timezone,content_type,impressions,reach,likes,comments,shares,clicks";
const csv = (...rows: string[]) => ({ name: "history.csv", mimeType: "text/csv", buffer: Buffer.from([HEADER, ...rows].join("\n") + "\n") });

test("history from another tool: the template, a check that lists a bad row, then a check that passes and the import", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "history"));
  for (const name of ["Brand", "News desk"]) {
    const made = await page.request.post("/api/v1/platform-accounts", { data: { platform: "sandbox", name }, headers: { origin: baseURL! } });
    expect(made.status()).toBe(201);
  }

  await navigate(page, "Analytics");
  await page.getByRole("link", { name: "Import history" }).click();
  await expect(page.getByRole("heading", { name: "Import history", level: 1 })).toBeVisible();
  await expect(page.getByTestId("history-header")).toHaveText(HEADER);

  // The template is a file of the import's own format, on this workspace's accounts.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download template CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("history-template.csv");
  const template = await (await download.createReadStream()).toArray();
  expect(Buffer.concat(template).toString("utf8")).toMatch(new RegExp(`^${HEADER}\\r\\nBrand,`));

  const form = page.getByRole("region", { name: "Import a file" });
  // A row naming an account this workspace does not have: listed with its row and column, nothing saved.
  await form.getByLabel("CSV file").setInputFiles(csv("Brand,2024-03-01 09:30,Europe/Berlin,post,1000,,40,5,2,3", "Nobody,2024-03-02 18:00,UTC,,,,1,,,"));
  await form.getByRole("button", { name: "Check file" }).click();
  await expect(form.getByTestId("history-refused")).toContainText("1 of 2 rows has errors; nothing was imported");
  await expect(form.getByTestId("history-error-row")).toHaveCount(1);
  await expect(form.getByTestId("history-error-row")).toContainText(/3\s*account\s*unknown account "Nobody"/);

  const good = csv(
    "Brand,2024-03-01 09:30,Europe/Berlin,post,1000,,40,5,2,3",
    "News desk,2024-03-02 18:00,America/New_York,thread,,800,12,1,,",
    "sandbox:Brand,2024-03-31 02:30,Europe/Berlin,,,,,,,",
  );
  await form.getByLabel("CSV file").setInputFiles(good);
  await form.getByRole("button", { name: "Check file" }).click();
  await expect(form.getByTestId("history-summary")).toContainText("All 3 rows can be imported: 3 new posts. Nothing has been saved yet.");
  await expect(form.getByTestId("history-accounts")).toContainText("Brand");
  // 02:30 on 31 March did not exist in Berlin: read as 03:30, and said so.
  await expect(form.getByTestId("history-warning-row")).toContainText("read as 03:30");
  await form.getByRole("button", { name: "Import 3 posts" }).click();
  await expect(form.getByTestId("history-result")).toHaveText("Imported 3 posts: 3 new, 0 updated.");

  // The same file again replaces the figures of the posts already here instead of adding them twice.
  await form.getByRole("button", { name: "Import another file" }).click();
  await form.getByLabel("CSV file").setInputFiles(good);
  await form.getByRole("button", { name: "Check file" }).click();
  await expect(form.getByTestId("history-summary")).toContainText("0 new posts, 3 posts imported before (their figures will be replaced)");

  await form.getByRole("button", { name: "Import 3 posts" }).click();
  await expect(form.getByTestId("history-result")).toHaveText("Imported 3 posts: 0 new, 3 updated.");
  await form.getByRole("link", { name: "Back to Analytics" }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
});
