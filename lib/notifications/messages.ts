import type { Trigger } from "./prefs";

const str = (v: unknown) => (typeof v === "string" && v ? v : null);
const quoted = (title: string | null) => (title ? `“${title}”` : "A post");

const RESOLUTIONS: Record<string, string> = {
  recovered: "The condition has cleared.",
  insufficient_data: "Too little data left to judge; it counts as cleared.",
  rule_disabled: "The rule was switched off.",
  rule_deleted: "The rule was deleted.",
};

/** The rule behind an alert and, once resolved, why. */
function alertBody(data: Record<string, unknown>): string | null {
  const rule = str(data.rule);
  const why = str(data.resolution);
  return [rule ? `Rule: ${rule}.` : null, why ? (RESOLUTIONS[why] ?? null) : null].filter(Boolean).join(" ") || null;
}

/** The words and link of a notification: the same text goes in the app and in the email. */
export function messageFor(trigger: Trigger, data: Record<string, unknown>, title: string | null): { title: string; body: string | null; link: string } {
  const contentId = str(data.content_item_id) ?? str(data.content_id);
  const contentLink = contentId ? `/content/${contentId}` : "/content";
  const comment = str(data.comment);
  const platform = str(data.platform_id);
  switch (trigger) {
    case "content_submitted":
      return { title: `${quoted(title)} is waiting for your review`, body: null, link: "/approvals" };
    case "content_approved":
      return { title: `${quoted(title)} was approved`, body: comment, link: contentLink };
    case "content_changes_requested":
      return { title: `Changes requested on ${quoted(title)}`, body: comment, link: contentLink };
    case "content_rejected":
      return { title: `${quoted(title)} was rejected`, body: comment, link: contentLink };
    case "publishing_failed": {
      const dead = data.status === "dead_letter";
      const where = platform ? ` on ${platform}` : "";
      return {
        title: `${quoted(title)} ${dead ? "ran out of retries" : "failed to publish"}${where}`,
        body: str(data.error_message),
        link: str(data.schedule_id) ? `/jobs?schedule=${str(data.schedule_id)}` : "/jobs",
      };
    }
    case "account_needs_reconnect":
      return { title: title ? `${title} needs reconnecting` : "An account needs reconnecting", body: str(data.reason), link: "/settings/accounts" };
    case "alert_fired":
      return { title: `Alert: ${str(data.message) ?? "an alert rule fired"}`, body: alertBody(data), link: "/health" };
    case "alert_resolved":
      return { title: `Resolved: ${str(data.message) ?? "an alert"}`, body: alertBody(data), link: "/health" };
    case "schedule_missed":
      return {
        title: `${quoted(title)} missed its time${platform ? ` on ${platform}` : ""}`,
        body: str(data.message),
        link: str(data.schedule_id) ? `/jobs?schedule=${str(data.schedule_id)}` : "/jobs",
      };
  }
}
