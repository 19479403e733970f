"use client";
import type { Field } from "@/lib/accounts/fields";

const optional = <span className="font-normal text-slate-600 dark:text-slate-400"> (optional)</span>;

/** Labelled inputs named `<prefix>.<key>`; secrets are password fields and never prefilled. */
export function FieldInputs({ prefix, fields, secret, values }: { prefix: string; fields: Field[]; secret?: boolean; values?: Record<string, string> }) {
  return (
    <>
      {fields.map((f) => {
        const id = `${prefix}-${f.key}`;
        return (
          <div key={f.key}>
            <label htmlFor={id} className="label">
              {f.label}
              {!f.required && optional}
            </label>
            <input
              id={id}
              name={`${prefix}.${f.key}`}
              type={secret ? "password" : "text"}
              autoComplete="off"
              spellCheck={false}
              required={f.required}
              defaultValue={secret ? undefined : values?.[f.key]}
              className="input"
              aria-describedby={f.hint ? `${id}-hint` : undefined}
            />
            {f.hint && (
              <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                {f.hint}
              </p>
            )}
          </div>
        );
      })}
    </>
  );
}

/** Non-empty trimmed values of `<prefix>.<key>` for these fields. */
export function pick(form: FormData, prefix: string, fields: Field[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.key, String(form.get(`${prefix}.${f.key}`) ?? "").trim()]).filter(([, v]) => v !== ""));
}
