"use client";
import Link from "next/link";
import { useState } from "react";
import { PageHeader } from "@/components/ui/PageHeader";
import { useFormat } from "@/components/ui/FormatProvider";
import { LiveRefresh } from "@/components/jobs/LiveRefresh";
import { ExportButton } from "./ExportButton";
import { ImportWizard } from "./ImportWizard";
import type { ListParams } from "./listQuery";

/** The page's title and actions, and the import wizard they open (`?import=1` opens it directly). */
export function ContentToolbar({
  canWrite,
  openImport,
  maxRows,
  params,
  total,
}: {
  canWrite: boolean;
  openImport: boolean;
  maxRows: number;
  params: ListParams;
  total: number;
}) {
  const [importing, setImporting] = useState(canWrite && openImport);
  const f = useFormat();
  return (
    <>
      <PageHeader
        title="Content"
        description={`${f.number(total)} item${total === 1 ? "" : "s"}${canWrite ? "" : " · read only"}`}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <LiveRefresh />
            {canWrite && (
              <button type="button" className="btn-secondary" aria-expanded={importing} onClick={() => setImporting((v) => !v)}>
                Import CSV
              </button>
            )}
            <ExportButton params={params} />
            {canWrite && (
              <Link href="/content/new" className="btn-primary">
                New post
              </Link>
            )}
          </div>
        }
      />
      {importing && <ImportWizard maxRows={maxRows} onClose={() => setImporting(false)} />}
    </>
  );
}
