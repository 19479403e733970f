export interface FeedView {
  id: string;
  name: string;
  url: string;
  mode: "draft" | "queue";
  template: string;
  platformAccountIds: string[];
  pollIntervalMinutes: number;
  firstPoll: "mark_seen" | "newest";
  active: boolean;
  status: string;
  lastCheckedAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextCheckAt: string | null;
  itemsSeen: number;
  primed: boolean;
}

export interface AccountOption {
  id: string;
  name: string;
  platform: string;
}

export interface FeedFormValue {
  url: string;
  name?: string;
  platform_account_ids: string[];
  mode: "draft" | "queue";
  template: string;
  poll_interval_minutes: number;
  first_poll: "mark_seen" | "newest";
}

/** Field names of the schemas as the form calls them, for validation messages. */
export const FEED_FIELD_LABELS: Record<string, string> = {
  url: "Feed URL",
  name: "Name",
  platform_account_ids: "Accounts",
  mode: "Mode",
  template: "Template",
  poll_interval_minutes: "Check every",
  first_poll: "On the first check",
};
