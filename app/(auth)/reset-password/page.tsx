import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/database";
import { lookupReset } from "@/lib/auth/password-reset";
import { ResetPasswordForm } from "@/components/auth/ResetPasswordForm";

export const metadata: Metadata = { title: "Choose a new password" };

export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const raw = (await searchParams).token;
  const token = typeof raw === "string" && raw.length <= 200 ? raw : null;
  const open = token ? await lookupReset(await getDb(), token) : null;
  if (!token || !open) {
    return (
      <div className="card p-6">
        <h1 className="mb-2 text-xl font-semibold">This link does not work</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">The reset link is invalid, used or expired. Links work once, for a limited time.</p>
        <Link href="/forgot-password" className="btn-secondary mt-4">
          Ask for a new link
        </Link>
      </div>
    );
  }
  return (
    <div className="card p-6">
      <h1 className="mb-1 text-xl font-semibold">Choose a new password</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        For <strong>{open.email}</strong>. Every place you are signed in will be signed out.
      </p>
      <ResetPasswordForm token={token} email={open.email} />
    </div>
  );
}
