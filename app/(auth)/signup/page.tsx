import type { Metadata } from "next";
import Link from "next/link";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { getDb } from "@/lib/database";
import { lookupInvite } from "@/lib/workspaces";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ invite?: string }> }) {
  const { invite: token } = await searchParams;
  const invite = token ? await lookupInvite(await getDb(), token) : null;
  if (!invite && !getConfig().signupEnabled) {
    return (
      <div className="card p-6">
        <h1 className="mb-2 text-xl font-semibold">Sign-up is closed</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {token ? "This invite link is invalid, used or expired. " : ""}This server only admits invited people. Ask an admin of your workspace for an invite
          link.
        </p>
        <Link href="/signin" className="btn-secondary mt-4">
          Back to sign in
        </Link>
      </div>
    );
  }
  return (
    <div className="card p-6">
      <h1 className="mb-1 text-xl font-semibold">Create an account</h1>
      {invite ? (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          You were invited to <strong>{invite.workspaceName}</strong> as {invite.role}. New here? Create your account below. Already have one?{" "}
          <Link href="/signin" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
            Sign in
          </Link>{" "}
          and accept the invitation there.
        </p>
      ) : token ? (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-200">
          This invite link is invalid, used or expired. You can still create your own workspace.
        </p>
      ) : (
        <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">You get a workspace of your own, where you are admin.</p>
      )}
      <SignUpForm invite={invite ? { token: token!, email: invite.email } : null} />
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        Have an account?{" "}
        <Link href="/signin" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
          Sign in
        </Link>
      </p>
    </div>
  );
}
