import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { formatFor } from "@/app/_server/format";
import { auditOptions, listAudit, readAuditQuery } from "@/lib/audit";
import { diffFields } from "@/lib/audit/diff";
import { listTeamMembers } from "@/lib/workspaces";
import { AuditFilters } from "@/components/audit/AuditFilters";
import { AuditList } from "@/components/audit/AuditList";
import { AuditPages } from "@/components/audit/AuditPages";

export const metadata: Metadata = { title: "Audit log" };

/** Who did what and when, with before and after values: admins only. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  if (!can(actor.role, "audit:read")) {
    return (
      <section className="card" aria-labelledby="audit-denied">
        <h2 id="audit-denied" className="text-base font-semibold">
          Admins only
        </h2>
        <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
          The audit log shows every change made in this workspace, so only admins can read it. Ask an admin if you need to know who changed something.
        </p>
      </section>
    );
  }
  const fmt = await formatFor(db, actor);
  const zone = fmt.timeZone;
  const { query, raw, problem } = readAuditQuery(await searchParams, zone);
  const [data, options, members] = await Promise.all([listAudit(db, actor, query), auditOptions(db, actor), listTeamMembers(db, actor)]);
  const exportQuery = new URLSearchParams({ ...(problem ? {} : Object.fromEntries(Object.entries(raw).filter(([k]) => k !== "page"))), timezone: zone });
  const items = data.rows.map((r) => ({
    id: String(r.id),
    when: fmt.dateTime(r.createdAt, { seconds: true }),
    who: r.actorName ?? (r.actorTokenId ? "API token" : r.actorUserId ? "A removed user" : r.action.startsWith("auth.") ? "Not signed in" : "The system"),
    action: r.action,
    entity: r.entityType,
    entityId: r.entityId,
    changes: diffFields(r.before, r.after),
  }));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold">Audit log</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">Every change in this workspace, newest first. Times in {zone}.</p>
        </div>
        <a href={`/api/v1/audit/export?${exportQuery}`} download className="btn-secondary" data-testid="audit-export">
          Export CSV ({data.total} {data.total === 1 ? "entry" : "entries"})
        </a>
      </div>
      <AuditFilters
        raw={raw}
        users={members.map((m) => ({ id: m.userId, name: m.name }))}
        actions={options.actions}
        entityTypes={options.entityTypes}
        zone={zone}
        problem={problem}
      />
      <section className="card p-0" aria-label="Entries">
        {items.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400" data-testid="audit-empty">
            {Object.keys(raw).some((k) => k !== "page")
              ? "Nothing matches these filters. Widen the dates or clear a filter."
              : "Nothing recorded yet: changes to content, schedules, accounts, members and settings appear here."}
          </p>
        ) : (
          <AuditList items={items} />
        )}
        <AuditPages page={data.page} pages={data.pages} total={data.total} shown={items.length} limit={data.limit} raw={raw} />
      </section>
    </div>
  );
}
