"use client";
import { useCallback, useEffect, useState } from "react";
import { scheduleDetailsAction } from "@/app/_actions/schedules";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import type { ScheduleDetails } from "@/lib/scheduling/details";

/** Reads one schedule's details when a dialog opens (and again on `reload`), rather than with the page. */
export function useScheduleDetails(id: string) {
  const ws = useWorkspaceId();
  const [details, setDetails] = useState<ScheduleDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    scheduleDetailsAction({ id }, ws).then(
      (res) => {
        if (!live) return;
        if (res.ok) {
          setDetails(res.data);
          setError(null);
        } else setError(res.error.message);
      },
      () => live && setError("Could not reach the server. Try again."),
    );
    return () => {
      live = false;
    };
  }, [id, ws, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { details, error, reload };
}
