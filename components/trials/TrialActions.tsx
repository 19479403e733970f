"use client";
import { useState } from "react";
import { adoptTrialArmAction, stopTrialAction } from "@/app/_actions/trials";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

/** Stop (while running) and "Adopt as posting slots" (once ended): each asks first. */
export function TrialActions({
  id,
  running,
  canStop,
  canAdopt,
  arms,
  winner,
  adopted,
}: {
  id: string;
  running: boolean;
  canStop: boolean;
  canAdopt: boolean;
  arms: { key: string; name: string }[];
  winner: string | null;
  adopted: string | null;
}) {
  const ws = useWorkspaceId();
  const notify = useToast();
  const { pending, error, run } = useActionRunner();
  const [arm, setArm] = useState(winner ?? arms[0]?.key ?? "");
  const armName = arms.find((a) => a.key === arm)?.name ?? arm;

  function stop() {
    if (!confirm("Stop this trial? Its results are kept as they stand, and new posts go to the account's own queue times.")) return;
    run(
      () => stopTrialAction({ id }, ws),
      () => notify("Trial stopped"),
    );
  }
  function adopt() {
    const notWinner = arm !== winner;
    const question = notWinner
      ? `“${armName}” is not the trial's winner. Adopt its times as the posting slots anyway? This replaces the accounts' current queue times.`
      : `Adopt “${armName}” as the posting slots? This replaces the accounts' current queue times.`;
    if (!confirm(question)) return;
    run(
      () => adoptTrialArmAction({ id, arm, ...(notWinner ? { confirm: true } : {}) }, ws),
      () => notify(`“${armName}” adopted as posting slots`),
    );
  }

  if (running && !canStop) return null;
  if (!running && !canAdopt) return adopted ? <p className="text-sm">Adopted: {arms.find((a) => a.key === adopted)?.name ?? adopted}</p> : null;
  return (
    <div className="space-y-2">
      {running ? (
        <button type="button" className="btn-danger" onClick={stop} disabled={pending}>
          {pending ? "Stopping…" : "Stop trial"}
        </button>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="adopt-arm" className="label">
              Arm to adopt
            </label>
            <select id="adopt-arm" className="input" value={arm} onChange={(e) => setArm(e.target.value)} disabled={pending}>
              {arms.map((a) => (
                <option key={a.key} value={a.key}>
                  {a.name}
                  {a.key === winner ? " (winner)" : ""}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="btn-primary" onClick={adopt} disabled={pending}>
            {pending ? "Adopting…" : "Adopt as posting slots"}
          </button>
        </div>
      )}
      {adopted && !running && <p className="text-sm text-slate-600 dark:text-slate-400">Adopted: {arms.find((a) => a.key === adopted)?.name ?? adopted}</p>}
      <FormError message={error} />
    </div>
  );
}
