"use client";
import { useState } from "react";
import { confirmTwoFactorAction, startTwoFactorAction } from "@/app/_actions/security";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { RecoveryCodes } from "./RecoveryCodes";

interface Started {
  secret: string;
  qrSvg: string;
  account: string;
}

/** Enrolment: scan the QR code (or type the secret), confirm with a first code, save the recovery codes. */
export function TwoFactorSetup({ onDone }: { onDone: () => void }) {
  const { pending, error, run } = useActionRunner();
  const [started, setStarted] = useState<Started | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  if (codes) return <RecoveryCodes codes={codes} onDone={onDone} doneLabel="I have saved them, continue" />;

  if (!started) {
    return (
      <div className="space-y-3">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          You will need an authenticator app on your phone (for example Aegis, Google Authenticator, 1Password or Microsoft Authenticator).
        </p>
        <FormError message={error} />
        <button type="button" className="btn-primary" disabled={pending} onClick={() => run(() => startTwoFactorAction({}), setStarted)}>
          Set up two-factor sign-in
        </button>
      </div>
    );
  }

  function onConfirm(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get("code") ?? "");
    run(
      () => confirmTwoFactorAction({ code }),
      (data) => setCodes(data.recoveryCodes),
    );
  }

  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        <li>In your authenticator app, add an account and scan this QR code.</li>
        <li>Or type the key below by hand (time-based, 6 digits, every 30 seconds).</li>
        <li>Enter the 6-digit code the app shows to turn it on.</li>
      </ol>
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
        {/* Server-made SVG markup (no script, no external image). */}
        <div
          role="img"
          aria-label={`QR code to add ${started.account} to an authenticator app`}
          className="h-48 w-48 shrink-0 rounded-md bg-white p-1 [&>svg]:h-full [&>svg]:w-full"
          dangerouslySetInnerHTML={{ __html: started.qrSvg }}
        />
        <div className="min-w-0 space-y-1 text-sm">
          <p className="font-medium">Key</p>
          <code className="block break-all rounded bg-slate-100 px-2 py-1 font-mono dark:bg-slate-800" data-testid="totp-secret">
            {started.secret}
          </code>
          <p className="text-xs text-slate-600 dark:text-slate-400">Account: {started.account}</p>
        </div>
      </div>
      <form onSubmit={onConfirm} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <div>
          <label htmlFor="totp-confirm" className="label">
            Code from the app
          </label>
          <input
            id="totp-confirm"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={6}
            required
            className="input font-mono tracking-widest"
          />
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          Turn on
        </button>
      </form>
      <FormError message={error} />
    </div>
  );
}
