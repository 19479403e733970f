import { describe, expect, it } from "vitest";
import { notificationPrefsSchema, quietUntil, resolvePrefs, toStored } from "./prefs";

const q = (start: string, end: string, timezone = "UTC") => ({ enabled: true, start, end, timezone });

describe("quiet hours", () => {
  it("holds until the end of a window across midnight, in the person's zone", () => {
    // 23:30 in Berlin (winter, UTC+1) is inside 22:00–07:00; it ends at 07:00 Berlin the next day.
    expect(quietUntil(q("22:00", "07:00", "Europe/Berlin"), new Date("2026-01-10T22:30:00Z"))?.toISOString()).toBe("2026-01-11T06:00:00.000Z");
    // 05:00 Berlin: same night, ends today at 07:00.
    expect(quietUntil(q("22:00", "07:00", "Europe/Berlin"), new Date("2026-01-11T04:00:00Z"))?.toISOString()).toBe("2026-01-11T06:00:00.000Z");
    expect(quietUntil(q("22:00", "07:00", "Europe/Berlin"), new Date("2026-01-11T12:00:00Z"))).toBeNull();
  });

  it("handles a daytime window, the edges, and switched-off hours", () => {
    expect(quietUntil(q("12:00", "14:00"), new Date("2026-03-01T13:59:00Z"))?.toISOString()).toBe("2026-03-01T14:00:00.000Z");
    expect(quietUntil(q("12:00", "14:00"), new Date("2026-03-01T14:00:00Z"))).toBeNull();
    expect(quietUntil(q("12:00", "14:00"), new Date("2026-03-01T12:00:00Z"))?.toISOString()).toBe("2026-03-01T14:00:00.000Z");
    expect(quietUntil({ ...q("00:00", "23:59"), enabled: false }, new Date())).toBeNull();
  });
});

describe("stored preferences", () => {
  it("fills defaults (both channels on, no digest) and keeps unknown stored fields on save", () => {
    const p = resolvePrefs({ triggers: { content_rejected: { email: false } } }, null);
    expect(p.triggers.content_rejected).toEqual({ in_app: true, email: false });
    expect(p.triggers.publishing_failed).toEqual({ in_app: true, email: true });
    expect(p.digest).toBe(false);
    expect(p.quietHours.enabled).toBe(false);
    const saved = toStored({ triggers: {}, digest: true, quiet_hours: q("21:00", "06:00", "Asia/Tokyo") }, { digest_sent_on: "2026-01-01" });
    expect(saved.notificationPrefs).toMatchObject({ digest: true, digest_sent_on: "2026-01-01" });
    expect(resolvePrefs(saved.notificationPrefs, saved.quietHours).quietHours).toEqual(q("21:00", "06:00", "Asia/Tokyo"));
  });

  it("refuses bad input with a reason", () => {
    const bad = (v: unknown) => notificationPrefsSchema.safeParse(v).error?.issues[0]?.message;
    const ok = { triggers: {}, digest: false, quiet_hours: q("22:00", "07:00") };
    expect(notificationPrefsSchema.safeParse(ok).success).toBe(true);
    expect(bad({ ...ok, quiet_hours: q("25:00", "07:00") })).toMatch(/24-hour/);
    expect(bad({ ...ok, quiet_hours: q("22:00", "07:00", "Mars/Base") })).toMatch(/time zone/);
    expect(bad({ ...ok, quiet_hours: q("07:00", "07:00") })).toMatch(/differ/);
    expect(notificationPrefsSchema.safeParse({ ...ok, triggers: { party: { in_app: true, email: true } } }).success).toBe(false);
  });
});
