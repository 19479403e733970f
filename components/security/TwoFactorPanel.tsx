"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { disableTwoFactorAction, renewRecoveryCodesAction } from "@/app/_actions/security";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { RecoveryCodes } from "./RecoveryCodes";
import { TwoFactorSetup } from "./TwoFactorSetup";

export interface TwoFactorState {
  enabled: boolean;
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
}

/** The profile's two-factor section: set up, or (when on) renew recovery codes or turn off, each with a code. */
export function TwoFactorPanel({ state }: { state: TwoFactorState }) {
  const fmt = useFormat();
  const router = useRouter();
  const { pending, error, run } = useActionRunner();
  const [codes, setCodes] = useState<string[] | null>(null);
  const done = () => {
    setCodes(null);
    router.refresh();
  };

  if (!state.enabled) {
    return (
      <div className="space-y-3">
        <p className="text-sm">
          Status: <strong>off</strong>. {state.required ? "A workspace you belong to requires it." : "Sign-in asks only for your password."}
        </p>
        <TwoFactorSetup onDone={done} />
      </div>
    );
  }
  if (codes) return <RecoveryCodes codes={codes} onDone={done} />;

  const submit = (which: "off" | "renew") => (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const formEl = e.currentTarget;
    const code = String(new FormData(formEl).get("code") ?? "");
    if (which === "off")
      run(
        () => disableTwoFactorAction({ code }),
        () => router.refresh(),
      );
    else
      run(
        () => renewRecoveryCodesAction({ code }),
        (data) => {
          formEl.reset();
          setCodes(data.recoveryCodes);
        },
      );
  };

  return (
    <div className="space-y-4">
      <p className="text-sm" data-testid="two-factor-status">
        Status: <strong>on</strong>
        {state.enabledAt ? ` since ${fmt.date(state.enabledAt)}` : ""}. {state.recoveryCodesLeft} of 10 recovery codes left.
      </p>
      <FormError message={error} />
      <div className="grid gap-4 md:grid-cols-2">
        <form
          onSubmit={submit("renew")}
          className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
          noValidate
          aria-labelledby="renew-title"
        >
          <h3 id="renew-title" className="text-sm font-semibold">
            New recovery codes
          </h3>
          <p className="text-xs text-slate-600 dark:text-slate-400">The old ones stop working.</p>
          <label htmlFor="renew-code" className="label">
            Code from the app, or a recovery code
          </label>
          <input id="renew-code" name="code" autoComplete="one-time-code" maxLength={40} required className="input font-mono" />
          <button type="submit" className="btn-secondary" disabled={pending}>
            Make new codes
          </button>
        </form>
        <form
          onSubmit={submit("off")}
          className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700"
          noValidate
          aria-labelledby="off-title"
        >
          <h3 id="off-title" className="text-sm font-semibold">
            Turn off two-factor sign-in
          </h3>
          <p className="text-xs text-slate-600 dark:text-slate-400">
            {state.required ? "A workspace of yours requires it: you will be asked to set it up again." : "Sign-in will ask only for your password."}
          </p>
          <label htmlFor="off-code" className="label">
            Code from the app, or a recovery code
          </label>
          <input id="off-code" name="code" autoComplete="one-time-code" maxLength={40} required className="input font-mono" />
          <button type="submit" className="btn-danger" disabled={pending}>
            Turn off
          </button>
        </form>
      </div>
    </div>
  );
}
