"use client";
import { useState, useTransition } from "react";

/** What a server action answers, as far as a form needs it. */
export type ActionOutcome<T> = { ok: true; data: T } | { ok: false; error: { message: string; fields?: Record<string, string> } };

/**
 * Runs a server action in a transition and keeps its error message for the form to show. With
 * `labels`, a validation message is prefixed with the field it is about ("Posts: must be at least
 * 1"), since the schemas' messages do not repeat the field's name.
 */
export function useActionRunner(labels?: (path: string) => string | null) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function run<T>(fn: () => Promise<ActionOutcome<T>>, onOk?: (data: T) => void) {
    setError(null);
    start(async () => {
      const res = await fn();
      if (res.ok) return onOk?.(res.data);
      const first = labels ? Object.entries(res.error.fields ?? {})[0] : undefined;
      const label = first && labels ? labels(first[0]) : null;
      setError(first && label ? `${label}: ${first[1]}` : res.error.message);
    });
  }
  return { pending, error, setError, run };
}
