/** What the Categories screen shows of a category, prepared by its page. */
export interface CategoryView {
  id: string;
  name: string;
  color: string | null;
  minDays: number;
  order: "oldest_first" | "random";
  maxReposts: number | null;
  accountIds: string[];
  active: boolean;
  items: { id: string; title: string; status: string; texts: string[] }[];
  skipped: { id: string; title: string; account: string; reason: string }[];
  upcoming: { scheduleId: string; title: string; account: string; when: string }[];
}

export interface AccountOption {
  id: string;
  name: string;
  hasSlots: boolean;
}

export interface ContentOption {
  id: string;
  title: string;
}
