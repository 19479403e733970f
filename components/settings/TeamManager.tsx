"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { useState } from "react";
import { cancelInviteAction, changeRoleAction, inviteAction, makeResetLinkAction, removeMemberAction } from "@/app/_actions/team";
import { FormError } from "@/components/ui/FormError";
import { CopyField } from "@/components/ui/CopyField";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

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

const ROLES = ["admin", "editor", "viewer"] as const;

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

  function onInvite(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    setNotice(null);
    run(
      () => inviteAction({ email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "editor") }, ws),
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
          <form onSubmit={onInvite} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
            <div className="flex-1">
              <label htmlFor="invite-email" className="label">
                Email
              </label>
              <input id="invite-email" name="email" type="email" required className="input" placeholder="colleague@example.com" />
            </div>
            <div>
              <label htmlFor="invite-role" className="label">
                Role
              </label>
              <select id="invite-role" name="role" defaultValue="editor" className="input">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-primary" disabled={pending}>
              Invite
            </button>
          </form>
          {notice && (
            <div role="status" className="mt-3 space-y-2 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
              <p>{notice.text}</p>
              {notice.url && <CopyField value={notice.url} label="Invite link" />}
            </div>
          )}
        </section>
      )}
      <FormError message={error} />
      {resetLink && (
        <div role="status" className="card space-y-2 bg-amber-50 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100" data-testid="reset-link">
          <p>
            Reset link for <strong>{resetLink.name}</strong>: hand it over privately. It works once, until {fmt.dateTime(resetLink.expiresAt, { zone: true })},
            and is shown only now.
          </p>
          <CopyField value={resetLink.url} label={`Reset link for ${resetLink.name}`} />
        </div>
      )}
      <section className="card overflow-x-auto p-0">
        <h2 className="px-4 pt-4 text-base font-semibold">Members</h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-2 py-2 sm:px-4 font-medium">
                Name
              </th>
              <th scope="col" className="hidden px-2 py-2 sm:px-4 font-medium sm:table-cell">
                Email
              </th>
              <th scope="col" className="px-2 py-2 sm:px-4 font-medium">
                Role
              </th>
              <th scope="col" className="hidden px-2 py-2 sm:px-4 font-medium md:table-cell">
                Two-factor
              </th>
              {canManage && (
                <th scope="col" className="px-2 py-2 sm:px-4">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
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
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
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
                      <button
                        type="button"
                        className="btn-danger py-1"
                        disabled={pending}
                        onClick={() => {
                          if (confirm(`Remove ${m.name} from this workspace?`)) run(() => removeMemberAction({ userId: m.userId }, ws));
                        }}
                      >
                        Remove
                      </button>
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
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
