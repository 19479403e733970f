"use client";
import { useTransition } from "react";
import { exportContentListAction } from "@/app/_actions/content-list";
import { useToast } from "@/components/ui/Toast";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { useFormat } from "@/components/ui/FormatProvider";
import { zonedDayRange } from "@/lib/time/days";
import { filtersOf, type ListParams } from "./listQuery";

/** Downloads the list as filtered and sorted on screen (every page of it) as CSV. */
export function ExportButton({ params }: { params: ListParams }) {
  const ws = useWorkspaceId();
  const notify = useToast();
  const f = useFormat();
  const [pending, start] = useTransition();
  function onExport() {
    start(async () => {
      const r = await exportContentListAction(
        { ...filtersOf(params), ...zonedDayRange(params, f.timeZone), ...(params.sort ? { sort: params.sort } : {}) },
        ws,
      );
      if (!r.ok) return notify(`Export failed: ${r.error.message}`, "error");
      const url = URL.createObjectURL(new Blob([r.data.csv], { type: "text/csv;charset=utf-8" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = `content-${f.toDateInput(new Date())}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      notify(`Exported ${f.number(r.data.rows)} item${r.data.rows === 1 ? "" : "s"}.`);
    });
  }
  return (
    <button type="button" className="btn-secondary" onClick={onExport} disabled={pending}>
      {pending ? "Exporting…" : "Export CSV"}
    </button>
  );
}
