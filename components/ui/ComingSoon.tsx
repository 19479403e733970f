import { PageHeader } from "./PageHeader";

/** An honest placeholder for a screen whose feature has not landed yet. */
export function ComingSoonPage({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="card flex flex-col items-center gap-2 py-12 text-center">
        <p className="font-medium">Not built yet</p>
        <p className="max-w-md text-sm text-slate-600 dark:text-slate-400">{what}</p>
      </div>
    </>
  );
}
