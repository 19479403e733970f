"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { useState } from "react";
import { cancelInviteAction, changeRoleAction, inviteAction, makeResetLinkAction, removeMemberAction } from "@/app/_actions/team";
import { FormError } from "@/components/ui/FormError";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { AccessTable, CopyNotice, RoleForm, RoleOptions, type Column } from "./AccessParts";

interface Member {
  userId: string;
  name: string;
  email: string;
  role: string;
  twoFactor: boolean;
  /** Why no reset link can be made for this member here, if it cannot. */
  resetRefusal?: string | null;
}
interface Invite {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
}

const MEMBER_COLUMNS: Column[] = [
  { label: "Name" },
  { label: "Email", hide: "sm:table-cell" },
  { label: "Role" },
  { label: "Two-factor", hide: "md:table-cell" },
];

export function TeamManager({
  canManage,
  canMakeResetLinks = false,
  selfId,
  members,
  invites,
}: {
  canManage: boolean;
  canMakeResetLinks?: boolean;
  selfId: string;
  members: Member[];
  invites: Invite[];
}) {
  const fmt = useFormat();
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const [notice, setNotice] = useState<{ text: string; url?: string } | null>(null);
  const [resetLink, setResetLink] = useState<{ name: string; url: string; expiresAt: string } | null>(null);

  function onInvite({ text, role }: { text: string; role: string }, formEl: HTMLFormElement) {
    setNotice(null);
    run(
      () => inviteAction({ email: text, role }, ws),
      (data) => {
        formEl.reset();
        setNotice({
          text: `Invite created for ${data.email}. Send them this link (valid 7 days); if they already have an account, they will also find the invite after signing in:`,
          url: data.url,
        });
      },
    );
  }

  return (
    <div className="space-y-6">
      {canManage && (
        <section className="card">
          <h2 className="mb-3 text-base font-semibold">Invite a member</h2>
          <RoleForm
            idPrefix="invite"
            field={{ name: "email", label: "Email", type: "email", placeholder: "colleague@example.com" }}
            submit="Invite"
            pending={pending}
            onSubmit={onInvite}
          />
          {notice && (
            <CopyNotice tone="done" value={notice.url} label="Invite link">
              {notice.text}
            </CopyNotice>
          )}
        </section>
      )}
      <FormError message={error} />
      {resetLink && (
        <CopyNotice tone="secret" card testId="reset-link" value={resetLink.url} label={`Reset link for ${resetLink.name}`}>
          Reset link for <strong>{resetLink.name}</strong>: hand it over privately. It works once, until {fmt.dateTime(resetLink.expiresAt, { zone: true })},
          and is shown only now.
        </CopyNotice>
      )}
      <AccessTable title="Members" columns={MEMBER_COLUMNS} actions={canManage}>
        {members.map((m) => (
          <tr key={m.userId} data-testid="member-row">
            <td className="px-2 py-2 sm:px-4">
              <div className="font-medium">
                {m.name}
                {m.userId === selfId && <span className="text-slate-500 dark:text-slate-400"> (you)</span>}
              </div>
              <div className="text-xs text-slate-500 dark:text-slate-400 sm:hidden">{m.email}</div>
            </td>
            <td className="hidden px-2 py-2 sm:px-4 sm:table-cell">{m.email}</td>
            <td className="px-2 py-2 sm:px-4">
              {canManage ? (
                <select
                  aria-label={`Role of ${m.name}`}
                  className="input min-w-[6.5rem] py-1"
                  value={m.role}
                  disabled={pending}
                  onChange={(e) => run(() => changeRoleAction({ userId: m.userId, role: e.target.value }, ws))}
                >
                  <RoleOptions />
                </select>
              ) : (
                m.role
              )}
            </td>
            <td className="hidden px-2 py-2 sm:px-4 md:table-cell" data-testid="member-two-factor">
              {m.twoFactor ? "on" : "off"}
            </td>
            {canManage && (
              <td className="px-2 py-2 sm:px-4 text-right">
                <div className="flex flex-wrap justify-end gap-2">
                  {canMakeResetLinks && m.userId !== selfId && m.resetRefusal && (
                    <span className="self-center text-xs text-slate-500 dark:text-slate-400" title={m.resetRefusal} data-testid="reset-link-refused">
                      No reset link<span className="sr-only">: {m.resetRefusal}</span>
                    </span>
                  )}
                  {canMakeResetLinks && m.userId !== selfId && !m.resetRefusal && (
                    <button
                      type="button"
                      className="btn-secondary py-1"
                      disabled={pending}
                      onClick={() => {
                        setResetLink(null);
                        run(
                          () => makeResetLinkAction({ userId: m.userId }, ws),
                          (data) => setResetLink({ name: m.name, url: data.url, expiresAt: data.expiresAt }),
                        );
                      }}
                    >
                      Make a reset link<span className="sr-only"> for {m.name}</span>
                    </button>
                  )}
                  <ConfirmButton
                    question={`Remove ${m.name} from this workspace?`}
                    disabled={pending}
                    onConfirm={() => run(() => removeMemberAction({ userId: m.userId }, ws))}
                  >
                    Remove
                  </ConfirmButton>
                </div>
              </td>
            )}
          </tr>
        ))}
      </AccessTable>
      {canManage && invites.length > 0 && (
        <section className="card p-0">
          <h2 className="px-4 pt-4 text-base font-semibold">Pending invites</h2>
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {invites.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center gap-3 px-2 py-2 sm:px-4 text-sm" data-testid="invite-row">
                <span className="flex-1 truncate">{i.email}</span>
                <span className="text-slate-600 dark:text-slate-400">{i.role}</span>
                <span className="text-slate-500 dark:text-slate-400">expires {fmt.date(i.expiresAt)}</span>
                <button type="button" className="btn-secondary py-1" disabled={pending} onClick={() => run(() => cancelInviteAction({ inviteId: i.id }, ws))}>
                  Cancel
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
