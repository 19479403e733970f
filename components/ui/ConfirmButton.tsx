"use client";
import type { ReactNode } from "react";

/** A row's destructive button (Delete, Remove, Revoke): it asks first, and acts only on yes. */
export function ConfirmButton({
  question,
  onConfirm,
  disabled,
  label,
  children,
}: {
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  /** The accessible name, where the visible text alone would not say which row. */
  label?: string;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="btn-danger py-1"
      disabled={disabled}
      aria-label={label}
      onClick={() => {
        if (confirm(question)) onConfirm();
      }}
    >
      {children}
    </button>
  );
}
