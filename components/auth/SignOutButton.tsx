"use client";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";

export function SignOutButton({ className = "btn-secondary", role }: { className?: string; role?: string }) {
  const router = useRouter();
  return (
    <button
      type="button"
      role={role}
      className={className}
      onClick={async () => {
        await signOut({ redirect: false });
        router.replace("/signin");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
