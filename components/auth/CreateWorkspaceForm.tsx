"use client";
import { useRouter } from "next/navigation";
import { createWorkspaceAction } from "@/app/_actions/invites";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { FormError } from "@/components/ui/FormError";
import { browserZone } from "@/components/ui/useBrowserZone";

export function CreateWorkspaceForm() {
  const { pending, error, run } = useActionRunner();
  const router = useRouter();
  return (
    <form
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get("name") ?? "");
        run(
          () => createWorkspaceAction({ name, timezone: browserZone() }),
          () => router.replace("/"),
        );
      }}
    >
      <div>
        <label htmlFor="new-workspace" className="label">
          Or start a workspace of your own
        </label>
        <input id="new-workspace" name="name" required maxLength={80} className="input" placeholder="Acme Marketing" />
      </div>
      <FormError message={error} />
      <button type="submit" className="btn-primary" disabled={pending}>
        Create workspace
      </button>
    </form>
  );
}
