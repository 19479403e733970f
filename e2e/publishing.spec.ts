import { expect, test } from "./fixtures";
import { createWebhookFake } from "../adapters/fakes/webhook";
import { person, signUp } from "./helpers";

test.skip(({ isMobile }) => isMobile, "server-side publishing is the same on every screen size");

test("the runner started by npm start publishes a post due in 3 s to a platform within 5 s", async ({ page, baseURL }, info) => {
  const fake = createWebhookFake({ secret: "e2e-signing-secret" });
  await fake.start();
  try {
    await signUp(page, person(info, "publisher"));
    const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });

    const account = await api("/api/v1/platform-accounts", {
      platform: "webhook",
      name: "Receiver",
      config: { api_base_url: fake.hookUrl() },
      credentials: { secret: "e2e-signing-secret" },
    });
    expect(account.status()).toBe(201);
    const accountId = (await account.json()).id as string;
    const content = await api("/api/v1/content", { title: "Due soon", content: "Published by the embedded runner" });
    expect(content.status()).toBe(201);
    const contentId = (await content.json()).id as string;

    const due = new Date(Date.now() + 3000);
    const made = await api("/api/v1/schedules", {
      content_item_id: contentId,
      platform_account_ids: [accountId],
      scheduled_time: due.toISOString(),
      timezone: "UTC",
    });
    expect(made.status()).toBe(201);
    const scheduleId = (await made.json()).schedules[0].id as string;

    // Nothing before its time…
    expect(fake.deliveries.filter((d) => (d.payload.schedule_id as string) === scheduleId)).toHaveLength(0);
    // …then the platform receives it once, within 5 s of scheduling.
    await expect.poll(() => fake.deliveries.filter((d) => d.payload.schedule_id === scheduleId).length, { timeout: 5000, intervals: [100] }).toBe(1);
    const delivery = fake.deliveries.find((d) => d.payload.schedule_id === scheduleId)!;
    expect((delivery.payload.content as { text: string }).text).toBe("Published by the embedded runner");

    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/schedules/${scheduleId}`)).json()).publish_status, { timeout: 5000, intervals: [100] })
      .toBe("published");
    const history = await (await page.request.get(`/api/v1/schedules/${scheduleId}/attempts`)).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ outcome: "success", http_status: 201 });
  } finally {
    await fake.close();
  }
});
