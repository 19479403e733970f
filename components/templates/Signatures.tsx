"use client";
import { useState } from "react";
import { createSignatureAction, deleteSignatureAction, updateSignatureAction } from "@/app/_actions/templates";
import { FormError } from "@/components/ui/FormError";
import { FormFooter } from "@/components/ui/FormFooter";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { platformNames, type PlatformOption, type SignatureItem } from "./types";

type Value = { name: string; body: string; platform: string | null };

function SignatureForm({
  prefix,
  value,
  options,
  pending,
  error,
  label,
  onSubmit,
  onCancel,
}: {
  prefix: string;
  value?: SignatureItem;
  options: PlatformOption[];
  pending: boolean;
  error: string | null;
  label: [string, string];
  onSubmit: (v: Value) => void;
  onCancel?: () => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label={value ? `Edit ${value.name}` : "New signature"}
      className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const name = String(fd.get("name") ?? "").trim();
        const body = String(fd.get("body") ?? "");
        const p = !name ? "Give the signature a name." : !body.trim() ? "Write the signature's text." : null;
        setProblem(p);
        if (!p) onSubmit({ name, body, platform: String(fd.get("platform") ?? "") || null });
      }}
    >
      <div>
        <label htmlFor={`${prefix}-name`} className="label">
          Name
        </label>
        <input id={`${prefix}-name`} name="name" className="input" maxLength={100} defaultValue={value?.name} disabled={pending} />
      </div>
      <div>
        <label htmlFor={`${prefix}-platform`} className="label">
          Platform
        </label>
        <select id={`${prefix}-platform`} name="platform" className="input" defaultValue={value?.platform ?? ""} disabled={pending}>
          <option value="">Every platform</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="col-span-full">
        <label htmlFor={`${prefix}-body`} className="label">
          Text
        </label>
        <textarea id={`${prefix}-body`} name="body" rows={2} className="input h-auto" maxLength={2000} defaultValue={value?.body} disabled={pending} />
      </div>
      <FormFooter error={problem ?? error} pending={pending} label={label} onCancel={onCancel} />
    </form>
  );
}

function SignatureRow({ s, options, canWrite }: { s: SignatureItem; options: PlatformOption[]; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  if (editing) {
    return (
      <li className="px-4 py-3">
        <SignatureForm
          prefix={`sig-${s.id}`}
          value={s}
          options={options}
          pending={pending}
          error={error}
          label={["Save", "Saving…"]}
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            run(
              () => updateSignatureAction({ id: s.id, patch: v }, ws),
              () => {
                setEditing(false);
                notify("Signature saved");
              },
            )
          }
        />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="signature-row">
      <div className="min-w-0 flex-1">
        <div className="font-medium break-words">{s.name}</div>
        <div className="whitespace-pre-wrap text-sm break-words">{s.body}</div>
        <div className="text-xs text-slate-600 dark:text-slate-400">{platformNames(s.platform ? [s.platform] : [], options)}</div>
        <FormError message={error} />
      </div>
      {canWrite && (
        <div className="flex gap-2">
          <button type="button" className="btn-secondary py-1" disabled={pending} aria-label={`Edit ${s.name}`} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            className="btn-danger py-1"
            disabled={pending}
            aria-label={`Delete ${s.name}`}
            onClick={() => {
              if (confirm(`Delete the signature “${s.name}”?`))
                run(
                  () => deleteSignatureAction({ id: s.id }, ws),
                  () => notify("Signature deleted"),
                );
            }}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

/** Signatures: a closing line inserted at the caret, for one platform or all of them. */
export function Signatures({ signatures, options, canWrite }: { signatures: SignatureItem[]; options: PlatformOption[]; canWrite: boolean }) {
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  const [key, setKey] = useState(0);
  return (
    <section className="card p-0" aria-labelledby="signatures-title">
      <h3 id="signatures-title" className="px-4 pt-4 text-base font-semibold">
        Signatures
      </h3>
      {canWrite && (
        <div className="border-b border-slate-100 px-4 py-3 dark:border-slate-800">
          <SignatureForm
            key={key}
            prefix="new-signature"
            options={options}
            pending={pending}
            error={error}
            label={["Add signature", "Adding…"]}
            onSubmit={(v) =>
              run(
                () => createSignatureAction(v, ws),
                () => {
                  setKey((k) => k + 1);
                  notify("Signature added");
                },
              )
            }
          />
        </div>
      )}
      {signatures.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400">
          No signatures yet. {canWrite ? "Add one to close posts the same way every time." : "Editors and admins add them."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {signatures.map((s) => (
            <SignatureRow key={s.id} s={s} options={options} canWrite={canWrite} />
          ))}
        </ul>
      )}
    </section>
  );
}
