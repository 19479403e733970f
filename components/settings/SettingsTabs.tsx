"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const TABS = [
  { href: "/settings/team", label: "Team" },
  { href: "/settings/accounts", label: "Accounts" },
  { href: "/settings/tokens", label: "API tokens" },
  { href: "/settings/approvals", label: "Approvals" },
  { href: "/settings/quality-gates", label: "Quality gates" },
  { href: "/settings/links", label: "Link tracking" },
  { href: "/settings/templates", label: "Templates" },
  { href: "/settings/preferences", label: "Preferences" },
  { href: "/settings/notifications", label: "Notifications" },
  { href: "/settings/blackouts", label: "Blackouts" },
  { href: "/settings/calendar-feed", label: "Calendar feed" },
  { href: "/settings/feeds", label: "Feeds" },
  { href: "/settings/review-links", label: "Review links" },
  { href: "/settings/webhooks", label: "Webhooks" },
  { href: "/settings/alerts", label: "Alerts" },
  { href: "/settings/audit", label: "Audit log" },
  { href: "/settings/retention", label: "Retention" },
  { href: "/settings/backup", label: "Backup" },
  { href: "/settings/profile", label: "Profile" },
];

export function SettingsTabs() {
  const path = usePathname();
  const nav = useRef<HTMLElement>(null);
  // On a phone the tabs scroll sideways: keep the current one in view.
  useEffect(() => {
    const current = nav.current?.querySelector<HTMLElement>('[aria-current="page"]');
    if (current && nav.current) nav.current.scrollLeft = Math.max(0, current.offsetLeft - nav.current.offsetLeft - 16);
  }, [path]);
  return (
    <nav
      ref={nav}
      aria-label="Settings"
      className="flex gap-1 overflow-x-auto lg:flex-wrap lg:overflow-visible border-b border-slate-200 dark:border-slate-800"
    >
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
