"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createTrialAction } from "@/app/_actions/trials";
import { FormFooter } from "@/components/ui/FormFooter";
import { useFormat } from "@/components/ui/FormatProvider";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { MAX_ARMS, TRIAL_ALLOCATIONS, TRIAL_METRICS, TRIAL_STRATEGIES } from "@/lib/validation/trials";
import { ALLOCATION_LABELS, METRIC_LABELS, STRATEGY_LABELS, weekdayNames } from "./describe";

export interface TargetOption {
  value: string;
  label: string;
}
interface ArmDraft {
  id: number;
  name: string;
  strategy: (typeof TRIAL_STRATEGIES)[number];
  days: number[];
  times: string;
}

const FIELD_LABELS: Record<string, string> = {
  name: "Trial name",
  hypothesis: "Hypothesis",
  platform_account_id: "Runs on",
  platform_id: "Runs on",
  stop_posts_per_arm: "Posts per arm",
  stop_at: "End",
  timezone: "Time zone",
};
function labelOf(path: string): string | null {
  const arm = /^arms\.(\d+)\.(\w+)/.exec(path);
  if (arm) return `Arm ${Number(arm[1]) + 1} ${arm[2] === "slots" ? "slots" : arm[2]}`;
  if (path === "arms") return "Arms";
  return FIELD_LABELS[path] ?? null;
}

let nextId = 3;
const initialArms: ArmDraft[] = [
  { id: 1, name: "Learned best times", strategy: "learned", days: [1, 2, 3, 4, 5], times: "09:00" },
  { id: 2, name: "Weekday mornings", strategy: "slots", days: [1, 2, 3, 4, 5], times: "09:00" },
];

/** Starts a trial: where it runs, its arms, how posts are dealt and when it stops. */
export function NewTrialForm({ targets }: { targets: { accounts: TargetOption[]; platforms: TargetOption[] } }) {
  const fmt = useFormat();
  const router = useRouter();
  const ws = useWorkspaceId();
  const { pending, error, setError, run } = useActionRunner(labelOf);
  const [arms, setArms] = useState<ArmDraft[]>(initialArms);
  const days = weekdayNames(fmt);
  const change = (id: number, patch: Partial<ArmDraft>) => setArms((all) => all.map((a) => (a.id === id ? { ...a, ...patch } : a)));

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const target = String(form.get("target") ?? "");
    const posts = String(form.get("stop_posts_per_arm") ?? "").trim();
    const end = String(form.get("stop_at") ?? "").trim();
    const endAt = end ? fmt.fromInput(end) : null;
    if (end && !endAt) return setError("End: not a date and time");
    const hypothesis = String(form.get("hypothesis") ?? "").trim();
    const body = {
      name: String(form.get("name") ?? ""),
      ...(hypothesis ? { hypothesis } : {}),
      ...(target.startsWith("account:") ? { platform_account_id: target.slice(8) } : target.startsWith("platform:") ? { platform_id: target.slice(9) } : {}),
      arms: arms.map((a) => ({
        name: a.name,
        strategy: a.strategy,
        ...(a.strategy === "slots"
          ? {
              slots: [
                {
                  days: a.days,
                  times: a.times
                    .split(",")
                    .map((t) => t.trim())
                    .filter(Boolean),
                },
              ],
            }
          : {}),
      })),
      allocation: String(form.get("allocation")),
      metric: String(form.get("metric")),
      ...(posts ? { stop_posts_per_arm: Number(posts) } : {}),
      ...(endAt ? { stop_at: endAt.toISOString() } : {}),
      timezone: String(form.get("timezone") ?? "").trim() || fmt.timeZone,
    };
    run(
      () => createTrialAction(body, ws),
      (data) => router.push(`/analytics/trials/${data.id}`),
    );
  }

  if (!targets.accounts.length)
    return <p className="text-sm text-slate-600 dark:text-slate-400">Connect an account first: a trial runs on the posts of an account.</p>;
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New trial" className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      <div>
        <label htmlFor="trial-name" className="label">
          Trial name
        </label>
        <input id="trial-name" name="name" className="input" maxLength={120} required disabled={pending} />
      </div>
      <div>
        <label htmlFor="trial-target" className="label">
          Runs on
        </label>
        <select id="trial-target" name="target" className="input" disabled={pending}>
          <optgroup label="One account">
            {targets.accounts.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Every account of a platform">
            {targets.platforms.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </optgroup>
        </select>
      </div>
      <div className="col-span-full">
        <label htmlFor="trial-hypothesis" className="label">
          Hypothesis (optional)
        </label>
        <textarea id="trial-hypothesis" name="hypothesis" className="input" rows={2} maxLength={1000} disabled={pending} />
      </div>

      <fieldset className="col-span-full space-y-3">
        <legend className="label">Arms</legend>
        {arms.map((arm, i) => (
          <div key={arm.id} className="grid grid-cols-1 gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-2 dark:border-slate-700" data-testid="arm">
            <div>
              <label htmlFor={`arm-${arm.id}-name`} className="label">
                Arm {i + 1} name
              </label>
              <input
                id={`arm-${arm.id}-name`}
                className="input"
                value={arm.name}
                maxLength={60}
                onChange={(e) => change(arm.id, { name: e.target.value })}
                disabled={pending}
              />
            </div>
            <div>
              <label htmlFor={`arm-${arm.id}-strategy`} className="label">
                Arm {i + 1} strategy
              </label>
              <select
                id={`arm-${arm.id}-strategy`}
                className="input"
                value={arm.strategy}
                onChange={(e) => change(arm.id, { strategy: e.target.value as ArmDraft["strategy"] })}
                disabled={pending}
              >
                {TRIAL_STRATEGIES.map((s) => (
                  <option key={s} value={s}>
                    {STRATEGY_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            {arm.strategy === "slots" && (
              <>
                <fieldset className="sm:col-span-2">
                  <legend className="text-sm font-medium">Arm {i + 1} days</legend>
                  <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
                    {days.map((name, d) => (
                      <label key={d} className="flex items-center gap-1 text-sm">
                        <input
                          type="checkbox"
                          className="h-4 w-4"
                          checked={arm.days.includes(d)}
                          onChange={(e) => change(arm.id, { days: e.target.checked ? [...arm.days, d].sort() : arm.days.filter((x) => x !== d) })}
                          disabled={pending}
                        />
                        {name}
                      </label>
                    ))}
                  </div>
                </fieldset>
                <div className="sm:col-span-2">
                  <label htmlFor={`arm-${arm.id}-times`} className="label">
                    Arm {i + 1} times (HH:mm, comma-separated)
                  </label>
                  <input
                    id={`arm-${arm.id}-times`}
                    className="input"
                    value={arm.times}
                    onChange={(e) => change(arm.id, { times: e.target.value })}
                    disabled={pending}
                  />
                </div>
              </>
            )}
            {arms.length > 2 && (
              <div className="sm:col-span-2">
                <button type="button" className="btn-secondary py-1" onClick={() => setArms((all) => all.filter((a) => a.id !== arm.id))} disabled={pending}>
                  Remove arm {i + 1}
                </button>
              </div>
            )}
          </div>
        ))}
        {arms.length < MAX_ARMS && (
          <button
            type="button"
            className="btn-secondary"
            disabled={pending}
            onClick={() =>
              setArms((all) => [...all, { id: nextId++, name: `Arm ${all.length + 1}`, strategy: "slots", days: [1, 2, 3, 4, 5], times: "18:00" }])
            }
          >
            Add arm
          </button>
        )}
      </fieldset>

      <div>
        <label htmlFor="trial-allocation" className="label">
          Allocation
        </label>
        <select id="trial-allocation" name="allocation" className="input" defaultValue="alternate" disabled={pending}>
          {TRIAL_ALLOCATIONS.map((a) => (
            <option key={a} value={a}>
              {ALLOCATION_LABELS[a]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="trial-metric" className="label">
          Metric
        </label>
        <select id="trial-metric" name="metric" className="input" defaultValue="engagement_rate" disabled={pending}>
          {TRIAL_METRICS.map((m) => (
            <option key={m} value={m}>
              {METRIC_LABELS[m]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="trial-posts" className="label">
          Stop after this many measured posts per arm
        </label>
        <input id="trial-posts" name="stop_posts_per_arm" type="number" min={2} max={1000} defaultValue={10} className="input" disabled={pending} />
      </div>
      <div>
        <label htmlFor="trial-end" className="label">
          … or at this time (optional)
        </label>
        <input id="trial-end" name="stop_at" type="datetime-local" className="input" disabled={pending} />
      </div>
      <div>
        <label htmlFor="trial-zone" className="label">
          Time zone of the slot times
        </label>
        <input id="trial-zone" name="timezone" className="input" defaultValue={fmt.timeZone} disabled={pending} />
      </div>
      <FormFooter error={error} pending={pending} label={["Start trial", "Starting…"]} />
    </form>
  );
}
