import { describe, expect, it } from "vitest";
import { canonicalLocale, createFormat, negotiateLocale } from ".";

const at = new Date("2026-12-08T08:00:00Z"); // 09:00 in Berlin, 00:00 in Los Angeles, 13:30 in Kolkata, 21:45 in Chatham

describe("createFormat", () => {
  it("formats one instant in the person's zone and locale", () => {
    expect(createFormat({ locale: "de-DE", timeZone: "Europe/Berlin" }).dateTime(at)).toBe("08.12.2026, 09:00");
    expect(createFormat({ locale: "en-US", timeZone: "America/Los_Angeles" }).dateTime(at)).toBe("Dec 8, 2026, 12:00 AM");
    expect(createFormat({ locale: "en-GB", timeZone: "Asia/Kolkata" }).time(at)).toBe("13:30");
    expect(createFormat({ locale: "en-US", timeZone: "Pacific/Chatham" }).time(at)).toBe("9:45 PM");
  });

  it("uses plain spaces only, so server and browser ICU builds print the same characters", () => {
    const f = createFormat({ locale: "en-US", timeZone: "UTC" });
    for (const s of [f.dateTime(at), f.time(at), f.range(at, new Date(at.getTime() + 3_600_000)), f.number(1234.5, { style: "unit", unit: "kilobyte" })]) {
      expect(s).not.toMatch(/[\u202f\u00a0\u2009]/);
    }
  });

  it("names the zone, and keeps the same locale in another zone", () => {
    const f = createFormat({ locale: "en-US", timeZone: "Asia/Kolkata" });
    expect(f.zoneName(at)).toBe("GMT+5:30");
    expect(f.dateTime(at, { zone: true })).toBe("Dec 8, 2026, 1:30 PM GMT+5:30");
    expect(f.withZone("Europe/Berlin").time(at)).toBe("9:00 AM");
    expect(f.wall("2026-12-08T09:00", "Europe/Berlin")).toBe("Dec 8, 2026, 9:00 AM Europe/Berlin");
  });

  it("formats ranges, durations, relative times and numbers in the locale", () => {
    const de = createFormat({ locale: "de-DE", timeZone: "Europe/Berlin" });
    expect(de.range(at, new Date(at.getTime() + 90 * 60_000))).toBe("08.12.2026, 09:00–10:30 Uhr");
    expect(de.duration(2 * 3_600_000 + 5 * 60_000)).toBe("2 Std., 5 Min.");
    expect(de.relative(new Date(at.getTime() - 2 * 86_400_000), at)).toBe("vorgestern");
    expect(de.number(1234567.5)).toBe("1.234.567,5");
    const en = createFormat({ locale: "en-US", timeZone: "UTC" });
    expect(en.duration(450)).toBe("450 ms");
    expect(en.duration(90_061_000)).toBe("1 day 1 hr");
    expect(en.relative(new Date(at.getTime() + 3 * 3_600_000), at)).toBe("in 3 hours");
  });

  it("reads and fills datetime-local inputs in the person's zone, across the DST gap", () => {
    const f = createFormat({ locale: "en-US", timeZone: "Europe/Berlin" });
    expect(f.toInput(at)).toBe("2026-12-08T09:00");
    expect(f.fromInput("2026-12-08T09:00")?.toISOString()).toBe(at.toISOString());
    expect(f.fromInput("2026-12-08")?.toISOString()).toBe("2026-12-07T23:00:00.000Z");
    expect(f.fromInput("2027-03-28T02:30")?.toISOString()).toBe("2027-03-28T01:30:00.000Z"); // skipped hour moves forward
    expect(f.fromInput("2026-02-30T09:00")).toBeNull();
    expect(f.fromInput("garbage")).toBeNull();
  });

  it("falls back to en-US and UTC for an unusable locale or zone instead of throwing", () => {
    const f = createFormat({ locale: "no such locale!", timeZone: "Mars/Olympus" });
    expect([f.locale, f.timeZone]).toEqual(["en-US", "UTC"]);
    expect(f.dateTime(at)).toBe("Dec 8, 2026, 8:00 AM");
    expect(() => f.dateTime("not a date")).toThrow(RangeError);
  });
});

describe("negotiateLocale", () => {
  it("takes the best usable tag by q-value, then order", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de-DE");
    expect(negotiateLocale("fr;q=0.2, en-GB;q=0.8")).toBe("en-GB");
    expect(negotiateLocale("xx-@@;q=1, de;q=0.5")).toBe("de");
    expect(negotiateLocale("en-gb")).toBe("en-GB");
  });
  it("falls back for nothing usable", () => {
    expect(negotiateLocale(null)).toBe("en-US");
    expect(negotiateLocale("*")).toBe("en-US");
    expect(negotiateLocale("de;q=0")).toBe("en-US");
    expect(canonicalLocale("a".repeat(100))).toBeNull();
  });
  it("keeps language, script and region only: no calendar switch, no private-use tags", () => {
    expect(canonicalLocale("en-US-x-abc12345")).toBe("en-US");
    expect(canonicalLocale("ar-EG-u-ca-islamic-nu-arab")).toBe("ar-EG");
    expect(canonicalLocale("sr-Latn-RS")).toBe("sr-Latn-RS");
    expect(negotiateLocale("en-x-1a2b3c")).toBe("en");
  });
});
