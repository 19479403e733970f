import { describe, expect, it } from "vitest";
import { createFormat } from "../format";
import { rateWaitFor, rateWaitMessage } from "./rate-wait";

const now = new Date("2026-12-08T10:00:00Z");
const until = new Date("2026-12-08T12:05:00Z");

describe("rate-limit wait messages", () => {
  it("store the schedule's zone on a 24-hour clock", () => {
    expect(rateWaitMessage("sandbox", until, "Europe/Paris", "token_bucket", now)).toBe("Waiting for the Sandbox rate limit until 13:05 (Europe/Paris).");
    expect(rateWaitMessage("sandbox", new Date("2026-12-09T12:05:00Z"), "UTC", "account_paused", now)).toBe(
      "Waiting for the Sandbox rate limit until Wed 9 Dec 12:05 (UTC) (the platform asked us to slow down).",
    );
  });

  it("read again in the person's zone and locale from the row's metadata", () => {
    const la = createFormat({ locale: "en-US", timeZone: "America/Los_Angeles" });
    expect(rateWaitFor({ platformId: "sandbox", metadata: { deferred: { reason: "token_bucket", until: until.toISOString() } } }, la, now)).toBe(
      "Waiting for the Sandbox rate limit until 4:05 AM (America/Los_Angeles).",
    );
    const de = createFormat({ locale: "de-DE", timeZone: "Asia/Kolkata" });
    expect(rateWaitFor({ platformId: "sandbox", metadata: { deferred: { reason: "account_paused", until: "2026-12-08T20:00:00Z" } } }, de, now)).toBe(
      "Waiting for the Sandbox rate limit until Mi., 9. Dez. 01:30 (Asia/Kolkata) (the platform asked us to slow down).",
    );
    expect(rateWaitFor({ platformId: "sandbox", metadata: {} }, de, now)).toBeNull();
    expect(rateWaitFor({ platformId: "sandbox", metadata: { deferred: { until: "soon" } } }, de, now)).toBeNull();
  });
});
