"use client";
import { useId } from "react";
import { FormError } from "@/components/ui/FormError";
import type { AccountOption, CategoryView } from "./types";

export interface CategoryFields {
  name: string;
  color: string | null;
  min_days: number;
  order: "oldest_first" | "random";
  max_reposts: number | null;
  platform_account_ids: string[];
  active: boolean;
}

/** Reads the form; a message instead when something is missing. */
function read(fd: FormData): CategoryFields | string {
  const name = String(fd.get("name") ?? "").trim();
  if (!name) return "Give the category a name.";
  const minDays = Number(fd.get("min_days"));
  if (!Number.isInteger(minDays) || minDays < 1) return "Days before an item returns must be a whole number of at least 1.";
  const maxRaw = String(fd.get("max_reposts") ?? "").trim();
  const max = maxRaw === "" ? null : Number(maxRaw);
  if (max !== null && (!Number.isInteger(max) || max < 1)) return "Re-posts per item must be a whole number of at least 1, or empty for no limit.";
  return {
    name,
    color: String(fd.get("color") ?? "") || null,
    min_days: minDays,
    order: fd.get("order") === "random" ? "random" : "oldest_first",
    max_reposts: max,
    platform_account_ids: fd.getAll("accounts").map(String),
    active: fd.get("active") === "on",
  };
}

/** The rules of a category, to create one or change one. */
export function CategoryForm({
  value,
  accounts,
  pending,
  error,
  submitLabel,
  onSubmit,
  onCancel,
  onInvalid,
}: {
  value?: CategoryView;
  accounts: AccountOption[];
  pending: boolean;
  error: string | null;
  submitLabel: string;
  onSubmit: (fields: CategoryFields) => void;
  onCancel?: () => void;
  onInvalid: (message: string) => void;
}) {
  const p = useId();
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const got = read(new FormData(e.currentTarget));
        if (typeof got === "string") onInvalid(got);
        else onSubmit(got);
      }}
    >
      <div>
        <label htmlFor={`${p}-name`} className="label">
          Name
        </label>
        <input id={`${p}-name`} name="name" className="input" maxLength={80} defaultValue={value?.name} disabled={pending} />
      </div>
      <div>
        <label htmlFor={`${p}-color`} className="label">
          Colour
        </label>
        <input id={`${p}-color`} name="color" type="color" className="input h-10 w-20 p-1" defaultValue={value?.color ?? "#22aa88"} disabled={pending} />
      </div>
      <div>
        <label htmlFor={`${p}-min`} className="label">
          Days before an item returns
        </label>
        <input id={`${p}-min`} name="min_days" type="number" min={1} max={3650} className="input" defaultValue={value?.minDays ?? 30} disabled={pending} />
      </div>
      <div>
        <label htmlFor={`${p}-max`} className="label">
          Re-posts per item and account (empty: no limit)
        </label>
        <input
          id={`${p}-max`}
          name="max_reposts"
          type="number"
          min={1}
          max={1000}
          className="input"
          defaultValue={value?.maxReposts ?? ""}
          disabled={pending}
        />
      </div>
      <div>
        <label htmlFor={`${p}-order`} className="label">
          Order
        </label>
        <select id={`${p}-order`} name="order" className="input" defaultValue={value?.order ?? "oldest_first"} disabled={pending}>
          <option value="oldest_first">Least recently posted first</option>
          <option value="random">Random</option>
        </select>
      </div>
      <div className="flex items-end gap-2">
        <input id={`${p}-active`} name="active" type="checkbox" defaultChecked={value?.active ?? true} disabled={pending} />
        <label htmlFor={`${p}-active`} className="text-sm">
          Active (fills slots every hour)
        </label>
      </div>
      <fieldset className="col-span-full">
        <legend className="label">Accounts it fills</legend>
        {accounts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No accounts yet: connect one under Settings → Accounts.</p>
        ) : (
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {accounts.map((a) => (
              <li key={a.id} className="flex items-center gap-2 text-sm">
                <input
                  id={`${p}-acc-${a.id}`}
                  type="checkbox"
                  name="accounts"
                  value={a.id}
                  defaultChecked={value?.accountIds.includes(a.id)}
                  disabled={pending}
                />
                <label htmlFor={`${p}-acc-${a.id}`}>
                  {a.name}
                  {!a.hasSlots && <span className="text-slate-600 dark:text-slate-400"> (no posting slots)</span>}
                </label>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      <div className="col-span-full flex flex-wrap items-center gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        )}
        <FormError message={error} />
      </div>
    </form>
  );
}
