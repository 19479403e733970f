"use client";
import { useFormat } from "@/components/ui/FormatProvider";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { resendDeliveryAction } from "@/app/_actions/webhooks";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { FormError } from "@/components/ui/FormError";
import { DeliveryStatus } from "./DeliveryStatus";

export interface DeliveryView {
  id: string;
  event: string;
  status: string;
  attempt: number;
  httpStatus: number | null;
  durationMs: number | null;
  excerpt: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
}

/** A webhook's deliveries, newest first: what was sent, how the receiver answered, what comes next. */
export function DeliveryLog({ webhook, deliveries }: { webhook: { id: string; url: string; active: boolean }; deliveries: DeliveryView[] }) {
  const fmt = useFormat();
  const when = (iso: string) => fmt.dateTime(iso, { seconds: true });
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const notify = useToast();
  return (
    <section className="space-y-3" aria-labelledby="delivery-log">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div className="min-w-0">
          <h2 id="delivery-log" className="text-base font-semibold">
            Delivery log
          </h2>
          <p className="break-all font-mono text-xs text-slate-600 dark:text-slate-400">
            {webhook.url}
            {!webhook.active && " (disabled)"}
          </p>
        </div>
        <button type="button" className="btn-secondary py-1" disabled={refreshing} onClick={() => startRefresh(() => router.refresh())}>
          {refreshing ? "Refreshing…" : "Refresh"}
        </button>
      </div>
      <FormError message={error} />
      {deliveries.length === 0 ? (
        <p className="card text-sm text-slate-600 dark:text-slate-400">
          Nothing sent yet. Deliveries appear here when a subscribed event happens, or after you send a test event from the webhooks list.
        </p>
      ) : (
        <ul className="space-y-2" data-testid="delivery-list">
          {deliveries.map((d) => (
            <li key={d.id} className="card space-y-2 p-3" data-testid="delivery-row">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <div className="flex min-w-0 flex-wrap items-center gap-2">
                  <DeliveryStatus status={d.status} />
                  <code className="text-sm font-medium">{d.event}</code>
                  <span className="text-xs text-slate-600 dark:text-slate-400">{when(d.createdAt)}</span>
                </div>
                <button
                  type="button"
                  className="btn-secondary py-1"
                  disabled={pending || !webhook.active}
                  aria-label={`Re-send ${d.event} delivery of ${when(d.createdAt)}`}
                  onClick={() =>
                    run(
                      () => resendDeliveryAction({ id: webhook.id, deliveryId: d.id }, ws),
                      (r) =>
                        notify(
                          r.status === "delivered"
                            ? `Re-sent: delivered (HTTP ${r.httpStatus})`
                            : `Re-sent, not delivered: ${r.httpStatus ? `HTTP ${r.httpStatus}` : (r.excerpt ?? "no answer")}`,
                          r.status === "delivered" ? "success" : "error",
                        ),
                    )
                  }
                >
                  Re-send
                </button>
              </div>
              <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-xs sm:grid-cols-4">
                <div>
                  <dt className="text-slate-600 dark:text-slate-400">HTTP</dt>
                  <dd data-testid="delivery-http">{d.httpStatus ?? "—"}</dd>
                </div>
                <div>
                  <dt className="text-slate-600 dark:text-slate-400">Duration</dt>
                  <dd>{d.durationMs === null ? "—" : fmt.number(d.durationMs, { style: "unit", unit: "millisecond", unitDisplay: "short" })}</dd>
                </div>
                <div>
                  <dt className="text-slate-600 dark:text-slate-400">Attempt</dt>
                  <dd>{d.attempt}</dd>
                </div>
                <div>
                  <dt className="text-slate-600 dark:text-slate-400">Next retry</dt>
                  <dd>{d.nextAttemptAt ? when(d.nextAttemptAt) : "—"}</dd>
                </div>
              </dl>
              {d.excerpt && (
                <div>
                  <p className="sr-only">Response excerpt</p>
                  <pre
                    className="max-h-24 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100"
                    data-testid="delivery-excerpt"
                  >
                    {d.excerpt}
                  </pre>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
