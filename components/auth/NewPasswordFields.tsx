/**
 * The new password and its confirmation, as the reset and change-password forms ask for them
 * (same rules as sign-up: at least 8 characters). `newPasswordOf` reads them back.
 */
export function NewPasswordFields({ idPrefix, hint }: { idPrefix: string; hint: string }) {
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-new`} className="label">
          New password
        </label>
        <input
          id={`${idPrefix}-new`}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          maxLength={200}
          className="input"
          aria-describedby={`${idPrefix}-hint`}
        />
        <p id={`${idPrefix}-hint`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      </div>
      <div>
        <label htmlFor={`${idPrefix}-confirm`} className="label">
          New password, again
        </label>
        <input id={`${idPrefix}-confirm`} name="confirm" type="password" autoComplete="new-password" required className="input" />
      </div>
    </>
  );
}

/** The new password from a form with NewPasswordFields, or null when the two entries differ. */
export function newPasswordOf(form: FormData): string | null {
  const password = String(form.get("password") ?? "");
  return password === String(form.get("confirm") ?? "") ? password : null;
}
