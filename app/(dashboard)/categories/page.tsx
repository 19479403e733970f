import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { formatFor } from "@/app/_server/format";
import { can } from "@/lib/auth/permissions";
import { describeCategory, listCategories } from "@/lib/evergreen";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { listContent } from "@/lib/content";
import { platformName } from "@/adapters/registry";
import { PageHeader } from "@/components/ui/PageHeader";
import { CategoriesScreen } from "@/components/evergreen/CategoriesScreen";
import type { CategoryView } from "@/components/evergreen/types";

export const metadata: Metadata = { title: "Categories" };

/** Evergreen categories: content recycled into the accounts' empty posting slots. */
export default async function CategoriesPage() {
  const { db, actor } = await requireMember();
  const [list, accounts, content, f] = await Promise.all([
    listCategories(db, actor),
    listAccountSummaries(db, actor),
    listContent(db, actor, { page: 1, limit: 100, sort: "title" }),
    formatFor(db, actor),
  ]);
  const accountName = new Map(accounts.map((a) => [a.id, `${a.name} (${platformName(a.platform)})`]));
  const categories: CategoryView[] = await Promise.all(
    list.map(async (c) => {
      const d = await describeCategory(db, actor, c.id);
      return {
        id: c.id,
        name: c.name,
        color: c.color,
        minDays: c.min_days,
        order: c.order,
        maxReposts: c.max_reposts,
        accountIds: c.platform_account_ids,
        active: c.active,
        items: d.items.map((i) => ({ id: i.content_item_id, title: i.title, status: i.status, texts: i.texts })),
        skipped: d.skipped.map((s) => ({
          id: s.content_item_id,
          title: s.title,
          account: accountName.get(s.platform_account_id) ?? "an account",
          reason: s.reason,
        })),
        upcoming: d.upcoming.map((u) => ({
          scheduleId: u.schedule_id,
          title: u.title,
          account: accountName.get(u.platform_account_id) ?? "an account",
          when: f.dateTime(new Date(u.scheduled_time)),
        })),
      };
    }),
  );
  return (
    <>
      <PageHeader
        title="Categories"
        description="Evergreen content: each category fills the empty posting slots of its accounts for the week ahead with its approved items, again and again."
      />
      <CategoriesScreen
        categories={categories}
        accounts={accounts.map((a) => ({
          id: a.id,
          name: accountName.get(a.id)!,
          hasSlots: Boolean((a.postingSlots as { slots?: unknown[] } | null)?.slots?.length),
        }))}
        content={content.items.filter((i) => i.status !== "archived").map((i) => ({ id: i.id, title: i.title }))}
        canWrite={can(actor.role, "content:write")}
        canFill={can(actor.role, "schedules:write")}
      />
    </>
  );
}
