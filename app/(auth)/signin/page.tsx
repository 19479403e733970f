import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "@/components/auth/SignInForm";
import { safeNextPath } from "@/lib/auth/redirect";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  const next = safeNextPath(callbackUrl);
  return (
    <div className="card p-6">
      <h1 className="mb-4 text-xl font-semibold">Sign in</h1>
      <SignInForm next={next} />
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
