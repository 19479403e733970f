import Link from "next/link";
import { actionLabel } from "@/lib/audit/labels";

/** The audit log's filters, as a plain GET form (works before any script runs). */
export function AuditFilters({
  raw,
  users,
  actions,
  entityTypes,
  zone,
  problem,
}: {
  raw: Record<string, string>;
  users: { id: string; name: string }[];
  actions: string[];
  entityTypes: string[];
  zone: string;
  problem: string | null;
}) {
  const filtered = ["user_id", "action", "entity_type", "date_from", "date_to"].some((k) => raw[k]);
  return (
    <form method="get" className="card grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter the audit log">
      <div className="col-span-2 sm:col-span-1">
        <label htmlFor="a-user" className="label">
          User
        </label>
        <select id="a-user" name="user_id" defaultValue={raw.user_id ?? ""} className="input">
          <option value="">Anyone</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="a-action" className="label">
          Action
        </label>
        <select id="a-action" name="action" defaultValue={raw.action ?? ""} className="input">
          <option value="">Any</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="a-entity" className="label">
          Entity
        </label>
        <select id="a-entity" name="entity_type" defaultValue={raw.entity_type ?? ""} className="input">
          <option value="">Any</option>
          {entityTypes.map((e) => (
            <option key={e} value={e}>
              {e.replaceAll("_", " ")}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="a-from" className="label">
          From
        </label>
        <input id="a-from" name="date_from" type="date" defaultValue={raw.date_from ?? ""} className="input" />
      </div>
      <div>
        <label htmlFor="a-to" className="label">
          To
        </label>
        <input id="a-to" name="date_to" type="date" defaultValue={raw.date_to ?? ""} className="input" />
      </div>
      <div className="flex items-end gap-2">
        <button type="submit" className="btn-primary">
          Filter
        </button>
        {filtered && (
          <Link href="/settings/audit" className="btn-secondary">
            Clear
          </Link>
        )}
      </div>
      <p className="col-span-full text-xs text-slate-600 dark:text-slate-400">Days are read in {zone}.</p>
      {problem && (
        <p role="alert" className="col-span-full text-sm text-red-700 dark:text-red-300">
          Filter not applied: {problem}
        </p>
      )}
    </form>
  );
}
