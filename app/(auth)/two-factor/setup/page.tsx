import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { requireUser } from "@/app/_server/session";
import { RequiredSetup } from "@/components/security/RequiredSetup";
import { SignOutButton } from "@/components/auth/SignOutButton";

export const metadata: Metadata = { title: "Set up two-factor sign-in" };

/** Where a member is held when a workspace of theirs requires a second factor and they have none. */
export default async function TwoFactorSetupPage() {
  const { status } = await requireUser();
  if (status !== "needs_two_factor") redirect("/settings/profile");
  return (
    <div className="card p-6">
      <h1 className="mb-1 text-xl font-semibold">Set up two-factor sign-in</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        A workspace you belong to requires a code from an authenticator app when you sign in. Set it up to continue.
      </p>
      <RequiredSetup />
      <div className="mt-6 border-t border-slate-200 pt-4 dark:border-slate-800">
        <SignOutButton />
      </div>
    </div>
  );
}
