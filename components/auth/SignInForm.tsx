"use client";
import { useState } from "react";
import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { FormError } from "@/components/ui/FormError";

// What authorize() throws for an account with two-factor sign-in (see app/_server/nextauth.ts).
const CODE_ERRORS: Record<string, string | null> = {
  "two_factor:missing": null,
  "two_factor:wrong": "That code is not right. Try the current one, or a recovery code.",
  "two_factor:reused": "That code was used already. Wait for the next one in your app.",
};

export function SignInForm({ next, defaultEmail = "", notice }: { next: string; defaultEmail?: string; notice?: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // The second step keeps the email and password here, so only the code is asked for.
  const [creds, setCreds] = useState<{ email: string; password: string } | null>(null);
  const askCode = creds !== null;
  const [lastEmail, setLastEmail] = useState(defaultEmail);

  async function attempt(email: string, password: string, code?: string) {
    setPending(true);
    setError(null);
    const res = await signIn("credentials", { redirect: false, email, password, ...(code ? { code } : {}) });
    if (res && !res.error) {
      router.replace(next);
      router.refresh();
      return;
    }
    setPending(false);
    const err = res?.error ?? "CredentialsSignin";
    if (err in CODE_ERRORS) {
      setCreds({ email, password });
      setError(CODE_ERRORS[err]!);
      return;
    }
    setError(err === "CredentialsSignin" ? "Wrong email or password." : err);
  }

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    if (creds) {
      const code = String(form.get("code") ?? "").trim();
      if (!code) return setError("Enter the code from your authenticator app.");
      void attempt(creds.email, creds.password, code);
      return;
    }
    void attempt(String(form.get("email")), String(form.get("password")));
  }

  if (askCode) {
    return (
      <form onSubmit={onSubmit} className="space-y-4" noValidate aria-label="Two-factor code">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Open your authenticator app and enter the 6-digit code for Scheduler. Lost your phone? Enter one of your recovery codes instead.
        </p>
        <div>
          <label htmlFor="code" className="label">
            Code
          </label>
          <input
            id="code"
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            autoFocus
            required
            maxLength={40}
            className="input font-mono tracking-widest"
            key={error ?? "first"}
          />
        </div>
        <FormError message={error} />
        <button type="submit" className="btn-primary w-full" disabled={pending}>
          {pending ? "Checking…" : "Verify and sign in"}
        </button>
        <button
          type="button"
          className="btn-secondary w-full"
          onClick={() => {
            setLastEmail(creds?.email ?? defaultEmail);
            setCreds(null);
            setError(null);
          }}
        >
          Back
        </button>
      </form>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice && (
        <p role="status" className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {notice}
        </p>
      )}
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="email" required defaultValue={lastEmail} className="input" />
      </div>
      <div>
        <div className="flex items-baseline justify-between">
          <label htmlFor="password" className="label">
            Password
          </label>
          <Link href="/forgot-password" className="text-xs font-medium text-brand-600 hover:underline dark:text-brand-100">
            Forgot password?
          </Link>
        </div>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input" />
      </div>
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
