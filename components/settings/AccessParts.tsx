"use client";
import type { ReactNode } from "react";
import { ROLES } from "@/lib/auth/permissions";
import { CopyField } from "@/components/ui/CopyField";

/** The roles one can give, for a role picker. */
export function RoleOptions() {
  return ROLES.map((r) => (
    <option key={r} value={r}>
      {r}
    </option>
  ));
}

/**
 * A one-line form that grants a role: a text field (whom or what), a role picker (editor unless
 * changed) and the submit button. The form is handed back so that it is cleared only on success.
 */
export function RoleForm({
  idPrefix,
  field,
  submit,
  pending,
  onSubmit,
}: {
  /** Ids are `${idPrefix}-${field.name}` and `${idPrefix}-role`. */
  idPrefix: string;
  field: { name: string; label: string; type?: "email"; maxLength?: number; placeholder: string };
  submit: string;
  pending: boolean;
  onSubmit: (value: { text: string; role: string }, form: HTMLFormElement) => void;
}) {
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        onSubmit({ text: String(form.get(field.name) ?? ""), role: String(form.get("role") ?? "editor") }, e.currentTarget);
      }}
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      noValidate
    >
      <div className="flex-1">
        <label htmlFor={`${idPrefix}-${field.name}`} className="label">
          {field.label}
        </label>
        <input
          id={`${idPrefix}-${field.name}`}
          name={field.name}
          type={field.type}
          required
          maxLength={field.maxLength}
          className="input"
          placeholder={field.placeholder}
        />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-role`} className="label">
          Role
        </label>
        <select id={`${idPrefix}-role`} name="role" defaultValue="editor" className="input">
          <RoleOptions />
        </select>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {submit}
      </button>
    </form>
  );
}

const TONES = {
  done: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
  secret: "bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-100",
};

/**
 * What a grant produced, to copy now (an invite link, a token, a reset link): a message and the
 * value in a copy field. `card` when it stands on its own rather than inside its form's card.
 */
export function CopyNotice({
  tone,
  card = false,
  testId,
  value,
  label,
  children,
}: {
  tone: keyof typeof TONES;
  card?: boolean;
  testId?: string;
  value?: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <div role="status" className={`${card ? "card" : "mt-3 rounded-md p-3"} space-y-2 text-sm ${TONES[tone]}`} data-testid={testId}>
      <p>{children}</p>
      {value && <CopyField value={value} label={label} />}
    </div>
  );
}

/** A column of an access table; `hide` names the width from which it shows (hidden on phones). */
export type Column = { label: string; hide?: "sm:table-cell" | "md:table-cell" };

/**
 * A settings card holding a table of who or what has access (members, tokens): a heading, the
 * column heads and, with `actions`, an unlabelled column for each row's buttons. `empty`, when
 * given, is said instead of the table.
 */
export function AccessTable({
  title,
  columns,
  actions,
  empty,
  children,
}: {
  title: string;
  columns: Column[];
  actions: boolean;
  empty?: string | null;
  children: ReactNode;
}) {
  return (
    <section className="card overflow-x-auto p-0">
      <h2 className="px-4 pt-4 text-base font-semibold">{title}</h2>
      {empty ? (
        <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr>
              {columns.map((c) => (
                <th key={c.label} scope="col" className={c.hide ? `hidden px-2 py-2 sm:px-4 font-medium ${c.hide}` : "px-2 py-2 sm:px-4 font-medium"}>
                  {c.label}
                </th>
              ))}
              {actions && (
                <th scope="col" className="px-2 py-2 sm:px-4">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>
        </table>
      )}
    </section>
  );
}
