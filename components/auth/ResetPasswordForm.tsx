"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { resetPasswordAction } from "@/app/(auth)/reset-password/actions";
import { FormError } from "@/components/ui/FormError";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password") ?? "");
    if (password !== String(form.get("confirm") ?? "")) return setError("The two passwords differ.");
    setPending(true);
    setError(null);
    const res = await resetPasswordAction({ token, password });
    if (!res.ok) {
      setPending(false);
      return setError(res.error.message);
    }
    router.replace("/signin?reset=1");
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {/* For password managers: which account this new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <div>
        <label htmlFor="password" className="label">New password</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={8} maxLength={200} className="input" aria-describedby="password-hint" />
        <p id="password-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">At least 8 characters.</p>
      </div>
      <div>
        <label htmlFor="confirm" className="label">New password, again</label>
        <input id="confirm" name="confirm" type="password" autoComplete="new-password" required className="input" />
      </div>
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
