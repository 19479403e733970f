import type { Metadata } from "next";
import Link from "next/link";
import { requireMember } from "@/app/_server/session";
import { formatFor } from "@/app/_server/format";
import { can } from "@/lib/auth/permissions";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { HISTORY_COLUMNS, MAX_HISTORY_BYTES, MAX_HISTORY_ROWS } from "@/lib/analytics/history-import";
import { historyTemplate } from "@/lib/analytics/history-csv";
import { CONTENT_TYPES } from "@/lib/validation/content";
import { platformName } from "@/adapters/registry";
import { PageHeader } from "@/components/ui/PageHeader";
import { HistoryFormat } from "@/components/analytics/history/HistoryFormat";
import { HistoryImport } from "@/components/analytics/history/HistoryImport";

export const metadata: Metadata = { title: "Import history" };

/** Past results of posts from another tool, so the best times start from the workspace's own history. */
export default async function HistoryImportPage() {
  const { db, actor } = await requireMember();
  const back = (
    <Link href="/analytics" className="btn-secondary">
      Back to Analytics
    </Link>
  );
  const title = "Import history";
  if (!can(actor.role, "content:write")) {
    return (
      <>
        <PageHeader title={title} actions={back} />
        <p className="card text-sm text-slate-700 dark:text-slate-300">Viewers can read analytics but not import history. Ask an admin for the editor role.</p>
      </>
    );
  }
  const [fmt, accounts] = await Promise.all([formatFor(db, actor), listAccountSummaries(db, actor)]);
  return (
    <>
      <PageHeader
        title={title}
        description="Bring each account's past posts and their results from another tool: the best times to post start from your own history."
        actions={back}
      />
      <HistoryFormat
        columns={HISTORY_COLUMNS}
        template={historyTemplate(
          accounts.map((a) => a.name),
          fmt.timeZone,
          new Date(),
        )}
        contentTypes={CONTENT_TYPES}
        accounts={accounts.map((a) => ({ name: a.name, platform: platformName(a.platform) }))}
        maxRows={fmt.number(MAX_HISTORY_ROWS)}
      />
      <HistoryImport maxBytes={MAX_HISTORY_BYTES} />
    </>
  );
}
