import type { CalendarEventData } from "./board";

/** A calendar event for tests: a pending 30-minute post on account "acc1", with `over` on top. */
export const calendarEvent = (over: Partial<CalendarEventData> = {}): CalendarEventData => ({
  id: "a",
  title: "t",
  start: "2026-03-01T09:00:00+01:00",
  end: "2026-03-01T09:30:00+01:00",
  platform_id: "x",
  platform_account_id: "acc1",
  publish_status: "pending",
  content_item_id: "c",
  color: "#2563eb",
  account_name: "A",
  tags: [],
  version: 1,
  editable: true,
  awaiting_approval: false,
  account_status: "active",
  account_broken: false,
  ...over,
});
