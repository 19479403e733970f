import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeNextPath } from "@/lib/auth/redirect";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  ended: "Your session ended because the password was changed or reset. Sign in again.",
  reset: "Your password was reset. Sign in with the new one.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; ended?: string; reset?: string }> }) {
  const { callbackUrl, ended, reset } = await searchParams;
  const next = safeNextPath(callbackUrl);
  const notice = reset ? NOTICES.reset : ended ? NOTICES.ended : null;
  return (
    <div className="card p-6">
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm next={next} notice={notice} />
      {getConfig().signupEnabled && (
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
          New here?{" "}
          <Link href="/signup" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
            Create an account
          </Link>
        </p>
      )}
    </div>
  );
}
