"use client";
import { useState } from "react";

/** A set of chosen ids (accounts, events), a toggle that adds or removes one, and a reset. */
export function useToggleSet(initial: Iterable<string>) {
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(initial));
  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const reset = (ids: Iterable<string>) => setChosen(new Set(ids));
  return [chosen, toggle, reset] as const;
}
