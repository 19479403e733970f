"use client";
import { useState, useTransition } from "react";

type Result<T> = { ok: true; data: T } | { ok: false; error: { message: string } };

/** Runs a server action in a transition and keeps its error message for the form to show. */
export function useActionRunner() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  function run<T>(fn: () => Promise<Result<T>>, onOk?: (data: T) => void) {
    setError(null);
    start(async () => {
      const res = await fn();
      if (!res.ok) setError(res.error.message);
      else onOk?.(res.data);
    });
  }
  return { pending, error, run };
}
