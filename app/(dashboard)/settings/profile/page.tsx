import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { ChangePasswordForm } from "@/components/security/ChangePasswordForm";
import { TwoFactorPanel } from "@/components/security/TwoFactorPanel";

export const metadata: Metadata = { title: "Profile and sign-in" };

/** The person's own sign-in settings: password and two-factor sign-in (not tied to a workspace). */
export default async function ProfilePage() {
  const { db, user } = await requireMember();
  const tf = await twoFactorStatus(db, user.id);
  return (
    <div className="space-y-6">
      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title" className="text-base font-semibold">
          {user.name}
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">{user.email}</p>
      </section>
      <section className="card" aria-labelledby="two-factor-title">
        <h2 id="two-factor-title" className="mb-1 text-base font-semibold">
          Two-factor sign-in
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">A code from an app on your phone, asked for after your password.</p>
        <TwoFactorPanel
          state={{ enabled: tf.enabled, enabledAt: tf.enabledAt?.toISOString() ?? null, required: tf.required, recoveryCodesLeft: tf.recoveryCodesLeft }}
        />
      </section>
      <section className="card" aria-labelledby="password-title">
        <h2 id="password-title" className="mb-3 text-base font-semibold">
          Change password
        </h2>
        <ChangePasswordForm email={user.email} />
      </section>
    </div>
  );
}
