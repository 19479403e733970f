import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { nextMonthDay, person, signUp } from "./helpers";
import { createMastodonFake } from "../adapters/fakes/mastodon";
import { createBlueskyFake } from "../adapters/fakes/bluesky";

const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const ALT = "A red bicycle leaning on a blue door";

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test("alt text typed in the composer clears the alt-text check and reaches Mastodon and Bluesky", async ({ page, baseURL }, info) => {
  const masto = createMastodonFake({ token: "e2e-masto-token" });
  const sky = createBlueskyFake({ handle: "alt.e2e.test", password: "e2e-app-pass" });
  await masto.start();
  await sky.start();
  try {
    await signUp(page, person(info, "alttext"));
    const api = (method: "post" | "put" | "patch", path: string, data: unknown) => page.request[method](path, { data, headers: { origin: baseURL! } });
    expect(
      (
        await api("post", "/api/v1/platform-accounts", {
          platform: "mastodon",
          name: "Toots",
          config: { api_base_url: masto.url },
          credentials: { access_token: "e2e-masto-token" },
        })
      ).status(),
    ).toBe(201);
    expect(
      (
        await api("post", "/api/v1/platform-accounts", {
          platform: "bluesky",
          name: "Sky",
          config: { api_base_url: sky.url },
          credentials: { handle: "alt.e2e.test", app_password: "e2e-app-pass" },
        })
      ).status(),
    ).toBe(201);
    expect((await api("put", "/api/v1/workspace/quality-gates", { alt_text: { enabled: true, severity: "error" } })).status()).toBe(200);

    await page.goto("/content/new");
    await page.getByLabel("Title").fill("Bike week");
    await page.getByLabel("Body").fill("Our bikes are ready for the season");
    await page.getByRole("checkbox", { name: /Toots/ }).check();
    await page.getByRole("checkbox", { name: /Sky/ }).check();
    await page.getByLabel(/^Media/).setInputFiles({ name: "bike.png", mimeType: "image/png", buffer: PNG });
    const attached = page.getByRole("list", { name: "Attached media" });
    await expect(attached.getByRole("img", { name: "bike.png" })).toBeVisible();

    // Without alt text: each platform that takes it says so, and the quality gate finds it.
    await expect(page.getByTestId("issues-mastodon")).toContainText("media 1 has no alt text");
    await expect(page.getByTestId("issues-bluesky")).toContainText("media 1 has no alt text");
    const panel = page.getByRole("region", { name: "Check", exact: true });
    await panel.getByRole("button", { name: "Run checks" }).click();
    await expect(panel.getByRole("region", { name: "Alt text on images" })).toContainText("Image “bike.png” has no alt text");

    // Typed: the field says it goes with the post, the preview image is described, the findings clear.
    const field = attached.getByLabel("Alt text for bike.png");
    await field.fill(ALT);
    await expect(attached.getByRole("status")).toHaveText("Not saved yet");
    await expect(attached).toContainText("Saved with the post when you save or schedule it.");
    await expect(attached.getByRole("img", { name: ALT })).toBeVisible();
    await expect(page.getByTestId("platform-mastodon")).not.toContainText("no alt text");
    await expect(page.getByTestId("platform-bluesky")).not.toContainText("no alt text");
    await panel.getByRole("button", { name: "Run checks" }).click();
    await expect(panel.getByRole("status")).toHaveText("No problems found: every check passed.");
    await expect(panel.getByRole("region", { name: "Alt text on images" })).toHaveCount(0);
    await noSideways(page);

    // Nothing is stored before the post is saved.
    const unsaved = await (await page.request.get("/api/v1/media")).json();
    expect(unsaved.items).toEqual([expect.objectContaining({ filename: "bike.png", alt_text: null })]);

    await page.getByLabel("Date").fill(nextMonthDay(15));
    await page.getByLabel("Time", { exact: true }).fill("09:30");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(page).toHaveURL(/\/content\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("status").filter({ hasText: "Scheduled 2 posts" })).toBeVisible();
    const contentId = page.url().split("/").pop()!;

    // Saved with the post: the stored file has it.
    const mediaList = await (await page.request.get("/api/v1/media")).json();
    expect(mediaList.items).toEqual([expect.objectContaining({ filename: "bike.png", alt_text: ALT })]);

    // Reopened, the field shows the saved alt text.
    await page.reload();
    const reopened = page.getByRole("list", { name: "Attached media" });
    await expect(reopened.getByLabel("Alt text for bike.png")).toHaveValue(ALT);
    await expect(reopened.getByRole("status")).toHaveText("Alt text saved");

    // Bring both posts forward to now, then let the runner publish them.
    const listed = await (await page.request.get(`/api/v1/schedules?content_item_id=${contentId}`)).json();
    const ids = (listed.items as { id: string }[]).map((s) => s.id);
    expect(ids).toHaveLength(2);
    const due = new Date(Date.now() + 2000).toISOString();
    for (const id of ids) expect((await api("patch", `/api/v1/schedules/${id}`, { scheduled_time: due, timezone: "UTC" })).status()).toBe(200);
    for (const id of ids) {
      await expect
        .poll(async () => (await (await page.request.get(`/api/v1/schedules/${id}`)).json()).publish_status, { timeout: 20_000, intervals: [250] })
        .toBe("published");
    }

    // Mastodon got the alt text as the upload's description, Bluesky as the image's alt.
    expect(masto.statuses).toHaveLength(1);
    expect(masto.statuses[0]!.mediaIds.map((id) => masto.media.get(id)?.description)).toEqual([ALT]);
    expect(sky.posts).toHaveLength(1);
    const embed = sky.posts[0]!.record.embed as { $type: string; images: { alt: string }[] };
    expect(embed.$type).toBe("app.bsky.embed.images");
    expect(embed.images.map((i) => i.alt)).toEqual([ALT]);
  } finally {
    await masto.close();
    await sky.close();
  }
});
