import { describe, expect, it } from "vitest";
import { createFormat } from "@/lib/format";
import { zonedRange } from "./listQuery";

describe("the content list's date filters", () => {
  it("read bare days as the person's days", () => {
    const kolkata = createFormat({ locale: "de-DE", timeZone: "Asia/Kolkata" });
    expect(zonedRange({ date_from: "2026-12-08", date_to: "2026-12-08" }, kolkata)).toEqual({
      date_from: "2026-12-07T18:30:00.000Z",
      date_to: "2026-12-08T18:29:59.999Z",
    });
    const la = createFormat({ locale: "en-US", timeZone: "America/Los_Angeles" });
    // The last day of the month, and a day the clocks change on (2 Nov 2025 is 25 hours long there).
    expect(zonedRange({ date_to: "2026-12-31" }, la)).toEqual({ date_to: "2027-01-01T07:59:59.999Z" });
    expect(zonedRange({ date_from: "2025-11-02", date_to: "2025-11-02" }, la)).toEqual({ date_from: "2025-11-02T07:00:00.000Z", date_to: "2025-11-03T07:59:59.999Z" });
  });

  it("pass full date-times and missing filters through", () => {
    const utc = createFormat({ locale: "en-US", timeZone: "UTC" });
    expect(zonedRange({ date_from: "2026-12-08T10:00:00Z" }, utc)).toEqual({ date_from: "2026-12-08T10:00:00Z" });
    expect(zonedRange({}, utc)).toEqual({});
  });
});
