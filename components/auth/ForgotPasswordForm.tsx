"use client";
import { useState } from "react";
import { forgotPasswordAction } from "@/app/_actions/forgot-password";
import { FormError } from "@/components/ui/FormError";

/** One answer for every address, known or not: nothing here tells which emails have accounts. */
export function ForgotPasswordForm({ canEmail }: { canEmail: boolean }) {
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get("email") ?? "");
    setPending(true);
    setError(null);
    const res = await forgotPasswordAction({ email });
    setPending(false);
    if (!res.ok) return setError(res.error.message);
    setSent(email.trim());
  }

  if (sent !== null) {
    return (
      <div
        role="status"
        data-testid="forgot-answer"
        className="space-y-2 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
      >
        {canEmail ? (
          <p>If an account uses that address, a link to choose a new password is on its way. It works once, for 30 minutes. Check the spam folder too.</p>
        ) : (
          <p>This server does not send email, so no link was sent. Ask an admin of your workspace to make a reset link for you (Settings → Team).</p>
        )}
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required maxLength={254} className="input" />
      </div>
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Sending…" : "Send reset link"}
      </button>
    </form>
  );
}
