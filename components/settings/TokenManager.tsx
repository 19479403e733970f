"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { useState } from "react";
import { createTokenAction, revokeTokenAction } from "@/app/_actions/tokens";
import { FormError } from "@/components/ui/FormError";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { AccessTable, CopyNotice, RoleForm, type Column } from "./AccessParts";

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

const TOKEN_COLUMNS: Column[] = [{ label: "Name" }, { label: "Role" }, { label: "Last used", hide: "md:table-cell" }];

export function TokenManager({ tokens }: { tokens: Token[] }) {
  const fmt = useFormat();
  const date = (iso: string | null) => (iso ? fmt.dateTime(iso) : "never");
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const [fresh, setFresh] = useState<{ name: string; token: string } | null>(null);

  function onCreate({ text, role }: { text: string; role: string }, formEl: HTMLFormElement) {
    setFresh(null);
    run(
      () => createTokenAction({ name: text, role }, ws),
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
        <RoleForm
          idPrefix="token"
          field={{ name: "name", label: "Name", maxLength: 80, placeholder: "CI publisher" }}
          submit="Create token"
          pending={pending}
          onSubmit={onCreate}
        />
        {fresh && (
          <CopyNotice tone="secret" value={fresh.token} label="New API token">
            Token <strong>{fresh.name}</strong> created. Copy it now: it is shown only once.
          </CopyNotice>
        )}
      </section>
      <FormError message={error} />
      <AccessTable title="Tokens" columns={TOKEN_COLUMNS} actions empty={tokens.length === 0 ? "No tokens yet." : null}>
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
                <ConfirmButton
                  question={`Revoke ${t.name}? Programs using it stop working at once.`}
                  disabled={pending}
                  onConfirm={() => run(() => revokeTokenAction({ id: t.id }, ws))}
                >
                  Revoke
                </ConfirmButton>
              )}
            </td>
          </tr>
        ))}
      </AccessTable>
    </div>
  );
}
