import { describe, expect, it } from "vitest";
import { DEFAULT_RETENTION } from "@/lib/retention/settings";
import { confirmQuestion, readRows, rowsFrom } from "./retention";

describe("the retention form's rows", () => {
  it("shows a kind kept forever with its default in the field, and reads it back as forever", () => {
    const rows = rowsFrom({ ...DEFAULT_RETENTION, analytics: null });
    expect(rows.analytics).toEqual({ days: "730", forever: true });
    expect(rows.events).toEqual({ days: "1", forever: false });
    expect(readRows(rows)).toEqual({ values: { ...DEFAULT_RETENTION, analytics: null }, errors: {} });
  });

  it("names the bounds of a row typed out of them, and leaves its value out", () => {
    const rows = rowsFrom(DEFAULT_RETENTION);
    rows.notifications.days = "3";
    rows.audit_log.days = "";
    rows.publish_attempts.days = "40.5";
    rows.events.days = "31";
    const { values, errors } = readRows(rows);
    expect(errors).toEqual({
      notifications: "From 7 to 3650 days, or keep forever.",
      audit_log: "From 30 to 3650 days, or keep forever.",
      publish_attempts: "From 30 to 3650 days, or keep forever.",
      events: "From 1 to 30 days.",
    });
    expect(values).toEqual({ analytics: 730, webhook_deliveries: 30 });
  });

  it("asks before saving only when rows would go, naming each kind", () => {
    const none = { publish_attempts: 0, analytics: 0, events: 0, notifications: 0, audit_log: 0, webhook_deliveries: 0 };
    expect(confirmQuestion(none, String)).toBeNull();
    const q = confirmQuestion({ ...none, notifications: 1200, audit_log: 3 }, (n) => n.toLocaleString("en-US"));
    expect(q).toContain("Notifications: 1,200\nAudit log: 3");
    expect(q).not.toContain("Events");
  });
});
