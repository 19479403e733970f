"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/team", label: "Team" },
  { href: "/settings/accounts", label: "Accounts" },
  { href: "/settings/tokens", label: "API tokens" },
  { href: "/settings/preferences", label: "Preferences" },
  { href: "/settings/blackouts", label: "Blackouts" },
  { href: "/settings/calendar-feed", label: "Calendar feed" },
];

export function SettingsTabs() {
  const path = usePathname();
  return (
    <nav aria-label="Settings" className="flex gap-1 overflow-x-auto border-b border-slate-200 dark:border-slate-800">
      {TABS.map((t) => {
        const active = path.startsWith(t.href);
        return (
          <Link
            key={t.href}
            href={t.href}
            aria-current={active ? "page" : undefined}
            className={`whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-600 text-brand-700 dark:text-white" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}
