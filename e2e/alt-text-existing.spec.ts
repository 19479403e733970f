import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

// Alt text typed in the composer of a scheduled post is saved with the post: pressing Schedule
// right after typing saves both in one version, never a version conflict.

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const ALT = "Three kites over a grey beach";

function apiOf(page: Page, baseURL: string) {
  return {
    post: async (path: string, data: unknown) => {
      const r = await page.request.post(path, { data, headers: { origin: baseURL } });
      expect(r.ok(), `${path}: ${await r.text()}`).toBe(true);
      return r.json();
    },
    get: async (path: string) => (await page.request.get(path)).json(),
  };
}

test("alt text typed on a scheduled post goes out with Schedule: success, stored with the file, one new version", async ({ page, baseURL }, info) => {
  await signUp(page, person(info, "altedit"));
  const api = apiOf(page, baseURL!);
  const account = (await api.post("/api/v1/platform-accounts", { platform: "sandbox", name: "Kites" })).id as string;
  const up = await page.request.post("/api/v1/media?filename=kites.png", { data: PNG, headers: { origin: baseURL!, "content-type": "image/png" } });
  expect(up.status()).toBe(201);
  const image = (await up.json()).id as string;
  const content = (await api.post("/api/v1/content", { title: "Kite day", content: "Kites all afternoon", media_ids: [image] })).id as string;
  const next = new Date();
  next.setUTCDate(15);
  next.setUTCMonth(next.getUTCMonth() + 1);
  await api.post("/api/v1/schedules", {
    content_item_id: content,
    platform_account_ids: [account],
    scheduled_time: `${next.toISOString().slice(0, 10)}T09:00`,
    timezone: "UTC",
  });
  const version = (await api.get(`/api/v1/content/${content}`)).version as number;

  await page.goto(`/content/${content}`);
  const attached = page.getByRole("list", { name: "Attached media" });
  await expect(attached.getByRole("status")).toHaveText("No alt text yet");
  await attached.getByLabel("Alt text for kites.png").fill(ALT);
  await expect(attached.getByRole("status")).toHaveText("Not saved yet");
  await expect(attached).toContainText("Saved with the post when you save or schedule it.");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);

  // Straight from the field to Schedule.
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved; the schedules are unchanged." })).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: /changed since version/ })).toHaveCount(0);
  await expect(page.getByTestId("toast")).toHaveCount(1);

  expect((await api.get(`/api/v1/media/${image}`)).alt_text).toBe(ALT);
  expect((await api.get(`/api/v1/content/${content}`)).version).toBe(version + 1);
  const open = (await api.get(`/api/v1/schedules?content_item_id=${content}`)).items as { publish_status: string }[];
  expect(open.map((s) => s.publish_status)).toEqual(["pending"]);

  // The form shows the new version; saving again works too.
  await expect(attached.getByLabel("Alt text for kites.png")).toHaveValue(ALT);
  await expect(attached.getByRole("status")).toHaveText("Alt text saved");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Draft saved" })).toBeVisible();
});
