"use client";
import { useRouter } from "next/navigation";
import { acceptInviteAction, declineInviteAction } from "@/app/_actions/invites";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { FormError } from "@/components/ui/FormError";

export interface PendingInvite {
  id: string;
  workspaceName: string;
  role: string;
}

/** Invitations waiting for the signed-in person, above every dashboard page. */
export function InviteBanner({ invites, enterOnAccept = false }: { invites: PendingInvite[]; enterOnAccept?: boolean }) {
  const { pending, error, run } = useActionRunner();
  const router = useRouter();
  if (invites.length === 0) return null;
  return (
    <section aria-label="Invitations" className="mb-5 space-y-2">
      {invites.map((i) => (
        <div
          key={i.id}
          data-testid="invite-banner"
          className="flex flex-wrap items-center gap-3 rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="flex-1">
            You are invited to <strong>{i.workspaceName}</strong> as {i.role}.
          </p>
          <button
            type="button"
            className="btn-primary py-1"
            disabled={pending}
            onClick={() =>
              run(
                () => acceptInviteAction({ inviteId: i.id }),
                () => (enterOnAccept ? router.replace("/") : router.refresh()),
              )
            }
          >
            Accept
          </button>
          <button
            type="button"
            className="btn-secondary py-1"
            disabled={pending}
            onClick={() =>
              run(
                () => declineInviteAction({ inviteId: i.id }),
                () => router.refresh(),
              )
            }
          >
            Decline
          </button>
        </div>
      ))}
      <FormError message={error} />
    </section>
  );
}
