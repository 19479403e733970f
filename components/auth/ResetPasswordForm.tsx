"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { resetPasswordAction } from "@/app/_actions/reset-password";
import { FormError } from "@/components/ui/FormError";
import { NewPasswordFields, newPasswordOf } from "./NewPasswordFields";

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = newPasswordOf(form);
    if (password === null) return setError("The two passwords differ.");
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
      <NewPasswordFields idPrefix="reset" hint="At least 8 characters." />
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Saving…" : "Set new password"}
      </button>
    </form>
  );
}
