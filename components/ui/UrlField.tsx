/** A labelled URL input (feeds, webhooks): typed as a URL, never autofilled, capped like the API. */
export function UrlField({ id, label, defaultValue, placeholder }: { id: string; label: string; defaultValue?: string; placeholder: string }) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name="url"
        type="url"
        required
        maxLength={2000}
        defaultValue={defaultValue}
        className="input"
        placeholder={placeholder}
        inputMode="url"
        autoComplete="off"
      />
    </div>
  );
}
