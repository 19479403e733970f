"use client";
import { useState } from "react";
import { getCsrfToken } from "next-auth/react";
import { changePasswordAction } from "@/app/_actions/security";
import { FormError } from "@/components/ui/FormError";
import { NewPasswordFields, newPasswordOf } from "@/components/auth/NewPasswordFields";
import { useActionRunner } from "@/components/ui/useActionRunner";

/** Hands this session the new session version, so it stays signed in while the others end. */
async function keepThisSession(ticket: string) {
  const csrfToken = await getCsrfToken();
  await fetch("/api/auth/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ csrfToken, data: { refresh: ticket } }),
  });
}

export function ChangePasswordForm({ email }: { email: string }) {
  const { pending, error, setError, run } = useActionRunner();
  const [done, setDone] = useState(false);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const password = newPasswordOf(form);
    setDone(false);
    if (password === null) return setError("The two new passwords differ.");
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
        <label htmlFor="pw-current" className="label">
          Current password
        </label>
        <input id="pw-current" name="current" type="password" autoComplete="current-password" required maxLength={200} className="input" />
      </div>
      <NewPasswordFields idPrefix="pw" hint="At least 8 characters. You stay signed in here; every other session is signed out." />
      <FormError message={error} />
      {done && (
        <p role="status" className="rounded-md bg-emerald-50 p-2 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
          Password changed. Other sessions were signed out.
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>
        Change password
      </button>
    </form>
  );
}
