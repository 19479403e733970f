"use client";
import { useState } from "react";
import { getCsrfToken } from "next-auth/react";
import { changePasswordAction } from "@/app/_actions/security";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";

/** Hands this session the new session version, so it stays signed in while the others end. */
async function keepThisSession(ticket: string) {
  const csrfToken = await getCsrfToken();
  await fetch("/api/auth/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ csrfToken, data: { refresh: ticket } }) });
}

export function ChangePasswordForm({ email }: { email: string }) {
  const { pending, error, setError, run } = useActionRunner();
  const [done, setDone] = useState(false);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get("password") ?? "");
    setDone(false);
    if (password !== String(form.get("confirm") ?? "")) return setError("The two new passwords differ.");
    run(
      () => changePasswordAction({ current: String(form.get("current") ?? ""), password }),
      async (data) => {
        await keepThisSession(data.ticket);
        formEl.reset();
        setDone(true);
      },
    );
  }

  return (
    <form onSubmit={onSubmit} className="max-w-md space-y-3" noValidate>
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="pw-current" className="label">Current password</label>
        <input id="pw-current" name="current" type="password" autoComplete="current-password" required maxLength={200} className="input" />
      </div>
      <div>
        <label htmlFor="pw-new" className="label">New password</label>
        <input id="pw-new" name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={200} className="input" aria-describedby="pw-hint" />
        <p id="pw-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">At least 8 characters. You stay signed in here; every other session is signed out.</p>
      </div>
      <div>
        <label htmlFor="pw-confirm" className="label">New password, again</label>
        <input id="pw-confirm" name="confirm" type="password" autoComplete="new-password" required className="input" />
      </div>
      <FormError message={error} />
      {done && <p role="status" className="rounded-md bg-emerald-50 p-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">Password changed. Other sessions were signed out.</p>}
      <button type="submit" className="btn-primary" disabled={pending}>Change password</button>
    </form>
  );
}
