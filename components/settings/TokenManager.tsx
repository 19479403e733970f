"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { useState } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/_actions/tokens";
import { FormError } from "@/components/ui/FormError";
import { CopyField } from "@/components/ui/CopyField";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

interface Token {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
}

export function TokenManager({ tokens }: { tokens: Token[] }) {
  const fmt = useFormat();
  const date = (iso: string | null) => (iso ? fmt.dateTime(iso) : "never");
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);

  function onCreate(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setFresh(null);
    run(
      () => createTokenAction({ name: String(form.get("name") ?? ""), role: String(form.get("role") ?? "editor") }, ws),
      (data) => {
        formEl.reset();
        setFresh({ name: data.name, token: data.token });
      },
    );
  }

  return (
    <div className="space-y-6">
      <section className="card">
        <h2 className="mb-1 text-base font-semibold">Create a token</h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
          Send it as <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Authorization: Bearer &lt;token&gt;</code> to <code>/api/v1</code>. It acts
          in this workspace with the role you pick.
        </p>
        <form onSubmit={onCreate} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
          <div className="flex-1">
            <label htmlFor="token-name" className="label">
              Name
            </label>
            <input id="token-name" name="name" required maxLength={80} className="input" placeholder="CI publisher" />
          </div>
          <div>
            <label htmlFor="token-role" className="label">
              Role
            </label>
            <select id="token-role" name="role" defaultValue="editor" className="input">
              <option value="admin">admin</option>
              <option value="editor">editor</option>
              <option value="viewer">viewer</option>
            </select>
          </div>
          <button type="submit" className="btn-primary" disabled={pending}>
            Create token
          </button>
        </form>
        {fresh && (
          <div role="status" className="mt-3 space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
            <p>
              Token <strong>{fresh.name}</strong> created. Copy it now: it is shown only once.
            </p>
            <CopyField value={fresh.token} label="New API token" />
          </div>
        )}
      </section>
      <FormError message={error} />
      <section className="card overflow-x-auto p-0">
        <h2 className="px-4 pt-4 text-base font-semibold">Tokens</h2>
        {tokens.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400">No tokens yet.</p>
        ) : (
          <table className="mt-2 w-full text-left text-sm">
            <thead className="text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-2 py-2 sm:px-4 font-medium">
                  Name
                </th>
                <th scope="col" className="px-2 py-2 sm:px-4 font-medium">
                  Role
                </th>
                <th scope="col" className="hidden px-2 py-2 sm:px-4 font-medium md:table-cell">
                  Last used
                </th>
                <th scope="col" className="px-2 py-2 sm:px-4">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {tokens.map((t) => (
                <tr key={t.id} data-testid="token-row" className={t.revokedAt ? "opacity-60" : undefined}>
                  <td className="px-2 py-2 sm:px-4">
                    <div className="font-medium">{t.name}</div>
                    <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{t.prefix}…</div>
                  </td>
                  <td className="px-2 py-2 sm:px-4">{t.role}</td>
                  <td className="hidden px-2 py-2 sm:px-4 md:table-cell">{date(t.lastUsedAt)}</td>
                  <td className="px-2 py-2 sm:px-4 text-right">
                    {t.revokedAt ? (
                      <span className="text-xs text-slate-500 dark:text-slate-400">revoked</span>
                    ) : (
                      <button
                        type="button"
                        className="btn-danger py-1"
                        disabled={pending}
                        onClick={() => {
                          if (confirm(`Revoke ${t.name}? Programs using it stop working at once.`)) run(() => revokeTokenAction({ id: t.id }, ws));
                        }}
                      >
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
