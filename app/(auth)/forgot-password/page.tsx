import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/ForgotPasswordForm";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Forgot password" };

export default function ForgotPasswordPage() {
  const canEmail = !!getConfig().smtp.url;
  return (
    <div className="card p-6">
      <h1 className="mb-1 text-xl font-semibold">Forgot your password?</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        {canEmail
          ? "Enter the email you sign in with and we will send you a link to choose a new password."
          : "This server does not send email: an admin of your workspace can make a reset link for you."}
      </p>
      <ForgotPasswordForm canEmail={canEmail} />
      <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">
        Remembered it?{" "}
        <Link href="/signin" className="font-medium text-brand-600 hover:underline dark:text-brand-100">
          Sign in
        </Link>
      </p>
    </div>
  );
}
