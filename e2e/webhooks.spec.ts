import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { person, signUp } from "./helpers";

interface Hit {
  headers: http.IncomingHttpHeaders;
  body: string;
  json: { id: string; type: string; workspace_id: string; data: Record<string, unknown> };
}

/** A receiver on loopback (the server runs with WEBHOOKS_ALLOW_PRIVATE=true). */
async function startReceiver() {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      hits.push({ headers: req.headers, body, json: JSON.parse(body) });
      res.writeHead(200, { "content-type": "text/plain" }).end("received");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/e2e`;
  return { hits, url, close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))) };
}

/** What a receiver does (README): HMAC-SHA256 of "t.body", timing-safe compare, 5-minute tolerance. */
function verified(secret: string, hit: Hit): boolean {
  const header = String(hit.headers["x-scheduler-signature"] ?? "");
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=") as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${hit.body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

async function seriousViolations(page: Page) {
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

async function noPageOverflow(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test("an admin adds a webhook, sends a test event, reads the log, and receives a signed schedule_created", async ({ page, baseURL, context }, info) => {
  test.setTimeout(120_000);
  const receiver = await startReceiver();
  try {
    await signUp(page, person(info, "hooks"));
    await page.goto("/settings/webhooks");
    await expect(page.getByText("No webhooks yet.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // A bad URL is refused with a message, and nothing is added.
    await page.getByLabel("Payload URL").fill("not a url");
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "not a valid URL" })).toBeVisible();
    await expect(page.getByTestId("webhook-card")).toHaveCount(0);

    await page.getByLabel("Payload URL").fill(receiver.url);
    await page.getByLabel(/Schedule created/).check();
    await page.getByRole("button", { name: "Add webhook" }).click();
    await expect(page.getByRole("status").filter({ hasText: "shown only once" })).toBeVisible();
    const secret = await page.getByLabel("Signing secret", { exact: true }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    const card = page.getByTestId("webhook-card");
    await expect(card).toHaveCount(1);
    await expect(card).toContainText(receiver.url);
    await expect(card).toContainText("Schedule created");
    await noPageOverflow(page);

    // Send test event: delivered at once, signed with the secret just shown.
    await card.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event delivered (HTTP 200)")).toBeVisible();
    expect(receiver.hits.map((h) => h.json.type)).toEqual(["ping"]);
    expect(verified(secret, receiver.hits[0]!)).toBe(true);
    expect(verified("whsec_not-the-secret", receiver.hits[0]!)).toBe(false);

    await card.getByRole("link", { name: "Delivery log" }).click();
    await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
    const row = page.getByTestId("delivery-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("ping");
    await expect(row).toContainText("delivered");
    await expect(row.getByTestId("delivery-http")).toHaveText("200");
    await expect(row.getByTestId("delivery-excerpt")).toHaveText("received");
    await noPageOverflow(page);
    expect(await seriousViolations(page)).toEqual([]);

    // Scheduling a post sends schedule_created to the webhook, signed.
    const api = (path: string, data: unknown) => page.request.post(path, { data, headers: { origin: baseURL! } });
    const account = await (await api("/api/v1/platform-accounts", { platform: "sandbox", name: "Sandbox" })).json();
    const content = await (await api("/api/v1/content", { title: "Hooked", content: "Told to the receiver" })).json();
    const made = await api("/api/v1/schedules", {
      content_item_id: content.id,
      platform_account_id: account.id,
      scheduled_time: "2031-05-04T10:00",
      timezone: "UTC",
    });
    expect(made.status()).toBe(201);
    const scheduleId = (await made.json()).schedules[0].id as string;
    await expect.poll(() => receiver.hits.filter((h) => h.json.type === "schedule_created").length, { timeout: 15_000 }).toBe(1);
    const created = receiver.hits.find((h) => h.json.type === "schedule_created")!;
    expect(verified(secret, created)).toBe(true);
    expect(created.json.data).toMatchObject({
      schedule_id: scheduleId,
      content_item_id: content.id,
      platform_account_id: account.id,
      platform_id: "sandbox",
      scheduled_time: "2031-05-04T10:00:00.000Z",
    });
    expect(created.headers["x-scheduler-delivery"]).toEqual(expect.any(String));

    // The log shows it too, after a refresh; re-sending it delivers it again with the same id.
    await page.getByRole("button", { name: "Refresh" }).click();
    await expect(page.getByTestId("delivery-row")).toHaveCount(2);
    const newest = page.getByTestId("delivery-row").first();
    await expect(newest).toContainText("schedule_created");
    await newest.getByRole("button", { name: /Re-send/ }).click();
    await expect(page.getByText("Re-sent: delivered (HTTP 200)")).toBeVisible();
    expect(receiver.hits.filter((h) => h.json.type === "schedule_created").map((h) => h.headers["x-scheduler-delivery"])).toEqual([
      created.headers["x-scheduler-delivery"],
      created.headers["x-scheduler-delivery"],
    ]);

    // Dark theme: both screens stay axe-clean.
    await context.addCookies([{ name: "theme", value: "dark", url: baseURL! }]);
    await page.reload();
    await expect(page.locator("html")).toHaveClass(/dark/);
    await expect(page.getByTestId("delivery-row").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/settings/webhooks");
    await expect(page.getByTestId("webhook-card")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Edit the events, disable, then delete.
    await page.getByTestId("webhook-card").getByRole("button", { name: "Edit" }).click();
    await page
      .getByTestId("webhook-card")
      .getByLabel(/Publishing failed/)
      .uncheck();
    await page.getByTestId("webhook-card").getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("Webhook saved")).toBeVisible();
    await expect(page.getByTestId("webhook-card")).not.toContainText("Publishing failed");
    await page.getByTestId("webhook-card").getByRole("button", { name: "Disable" }).click();
    await expect(page.getByTestId("webhook-card")).toContainText("Disabled");
    page.once("dialog", (d) => d.accept());
    await page.getByTestId("webhook-card").getByRole("button", { name: "Delete" }).click();
    await expect(page.getByText("No webhooks yet.")).toBeVisible();
  } finally {
    await receiver.close();
  }
});
