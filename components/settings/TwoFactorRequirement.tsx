"use client";
import { requireTwoFactorAction } from "@/app/_actions/team";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

/** The workspace's "require two-factor sign-in" switch, for admins. */
export function TwoFactorRequirement({ required }: { required: boolean }) {
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  return (
    <section className="card" aria-labelledby="require-2fa-title">
      <h2 id="require-2fa-title" className="mb-1 text-base font-semibold">
        Sign-in security
      </h2>
      <label className="flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-1 h-4 w-4"
          checked={required}
          disabled={pending}
          onChange={(e) => run(() => requireTwoFactorAction({ on: e.target.checked }, ws))}
          data-testid="require-two-factor"
        />
        <span>
          <span className="font-medium">Require two-factor sign-in for members</span>
          <span className="block text-slate-600 dark:text-slate-400">
            Members without it are asked to set it up before they can use the app. API tokens are not affected.
          </span>
        </span>
      </label>
      <div className="mt-2">
        <FormError message={error} />
      </div>
    </section>
  );
}
