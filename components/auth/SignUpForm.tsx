"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { signUpAction } from "@/app/_actions/signup";
import { FormError } from "@/components/ui/FormError";
import { useBrowserZone } from "@/components/ui/useBrowserZone";
import { TimeZoneSelect } from "@/components/settings/TimeZoneSelect";

export function SignUpForm({ invite }: { invite: { token: string; email: string } | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  // The browser's zone (known after hydration), or the one the person picked instead.
  const browser = useBrowserZone();
  const [picked, setPicked] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const zone = picked ?? browser;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      workspaceName: invite ? undefined : String(form.get("workspaceName") ?? "") || undefined,
      inviteToken: invite?.token,
      timezone: zone ?? undefined,
    };
    setPending(true);
    setError(null);
    setFields({});
    const res = await signUpAction(input);
    if (!res.ok) {
      setPending(false);
      setError(res.error.message);
      setFields(res.error.fields ?? {});
      return;
    }
    const login = await signIn("credentials", { redirect: false, email: input.email, password: input.password });
    if (!login || login.error) {
      setPending(false);
      setError("Your account was created, but signing in failed. Try signing in.");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  const fieldError = (name: string) =>
    fields[name] ? (
      <p id={`${name}-error`} className="mt-1 text-xs text-red-600 dark:text-red-400">
        {fields[name]}
      </p>
    ) : null;

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="name" className="label">
          Your name
        </label>
        <input id="name" name="name" autoComplete="name" required className="input" aria-invalid={!!fields.name} />
        {fieldError("name")}
      </div>
      <div>
        <label htmlFor="email" className="label">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          className="input"
          defaultValue={invite?.email}
          readOnly={!!invite}
          aria-invalid={!!fields.email}
        />
        {fieldError("email")}
      </div>
      <div>
        <label htmlFor="password" className="label">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          className="input"
          aria-describedby="password-hint"
          aria-invalid={!!fields.password}
        />
        <p id="password-hint" className="mt-1 text-xs text-slate-500">
          At least 8 characters.
        </p>
        {fieldError("password")}
      </div>
      {!invite && (
        <div>
          <label htmlFor="workspaceName" className="label">
            Workspace name
          </label>
          <input id="workspaceName" name="workspaceName" placeholder="Acme Marketing" className="input" />
        </div>
      )}
      {zone && (
        <div data-testid="signup-zone">
          {changing ? (
            <TimeZoneSelect id="signup-timezone" label="Your time zone" value={zone} onChange={setPicked} disabled={pending} />
          ) : (
            <p className="text-sm text-slate-600 dark:text-slate-400">
              Times will show in <strong className="text-slate-900 dark:text-slate-100">{zone.replace(/_/g, " ")}</strong>
              {zone === browser ? " (your browser's zone)" : ""} —{" "}
              <button
                type="button"
                className="font-medium text-brand-600 underline dark:text-brand-100"
                onClick={() => setChanging(true)}
                aria-label="Change time zone"
              >
                change
              </button>
            </p>
          )}
          {fieldError("timezone")}
        </div>
      )}
      <FormError message={error} />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Creating your account…" : invite ? "Join workspace" : "Create account"}
      </button>
    </form>
  );
}
