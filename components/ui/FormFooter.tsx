import { FormError } from "./FormError";

/** The foot of an add/edit form: its error, the submit button (with its busy label) and Cancel. */
export function FormFooter({
  error,
  pending,
  label,
  onCancel,
}: {
  error: string | null | undefined;
  pending: boolean;
  label: [idle: string, busy: string];
  onCancel?: () => void;
}) {
  return (
    <div className="col-span-full space-y-3">
      <FormError message={error ?? null} />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? label[1] : label[0]}
        </button>
        {onCancel && (
          <button type="button" className="btn-secondary" disabled={pending} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
