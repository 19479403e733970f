"use client";
import { useState } from "react";
import Link from "next/link";
import { SignOutButton } from "@/components/auth/SignOutButton";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const [open, setOpen] = useState(false);
  const initials =
    name
      .split(/\s+/)
      .map((p) => p[0])
      .join("")
      .slice(0, 2)
      .toUpperCase() || "?";
  return (
    <div className="relative">
      <button
        type="button"
        className="flex h-9 w-9 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`Account menu for ${name}`}
        onClick={() => setOpen((o) => !o)}
      >
        {initials}
      </button>
      {open && (
        <div
          role="menu"
          className="absolute right-0 mt-2 w-60 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <div className="border-b border-slate-100 px-2 pb-2 text-sm dark:border-slate-800">
            <div className="font-medium">{name}</div>
            <div className="truncate text-slate-500">{email}</div>
          </div>
          <Link
            href="/settings/profile"
            role="menuitem"
            className="mt-1 block w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
            onClick={() => setOpen(false)}
          >
            Profile and sign-in
          </Link>
          <SignOutButton role="menuitem" className="mt-1 w-full rounded px-2 py-1.5 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800" />
        </div>
      )}
    </div>
  );
}
