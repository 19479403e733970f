"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { NAV } from "./nav";
import { WorkspaceSwitcher, type WorkspaceOption } from "./WorkspaceSwitcher";
import { ThemeToggle } from "./ThemeToggle";
import { UserMenu } from "./UserMenu";
import { WorkspaceProvider } from "./WorkspaceContext";
import { Shortcuts } from "./Shortcuts";
import { NotificationBell } from "@/components/notifications/NotificationBell";
import { ToastProvider } from "@/components/ui/Toast";
import { can, type Role } from "@/lib/auth/permissions";

function Icon({ d }: { d: string }) {
  return (
    <svg
      aria-hidden
      viewBox="0 0 24 24"
      className="h-5 w-5 shrink-0"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}

function NavLinks({ onNavigate, approvalsPending = 0 }: { onNavigate?: () => void; approvalsPending?: number }) {
  const path = usePathname();
  return (
    <ul className="space-y-1">
      {NAV.map((item) => {
        const active = item.href === "/" ? path === "/" : path === item.href || path.startsWith(item.href + "/");
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
                active
                  ? "bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white"
                  : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
              }`}
            >
              <Icon d={item.icon} />
              {item.label}
              {item.href === "/approvals" && approvalsPending > 0 && (
                <span className="ml-auto rounded-full bg-amber-500 px-2 py-0.5 text-xs font-semibold text-slate-950" data-testid="approvals-badge">
                  {approvalsPending}
                  <span className="sr-only"> waiting for your review</span>
                </span>
              )}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function AppShell(props: {
  children: React.ReactNode;
  user: { name: string; email: string };
  workspaces: WorkspaceOption[];
  currentWorkspaceId: string;
  role: string;
  theme: string | undefined;
  /** Items waiting for this person's review (approvers only): the Approvals nav badge. */
  approvalsPending?: number;
}) {
  const [open, setOpen] = useState(false);
  const canWrite = can(props.role as Role, "content:write");

  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <aside className="hidden w-60 shrink-0 border-r border-slate-200 bg-white px-3 py-4 lg:block dark:border-slate-800 dark:bg-slate-900">
        <div className="mb-4 flex items-center gap-2 px-3 text-base font-semibold">
          <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" /> Scheduler
        </div>
        <nav aria-label="Main">
          <NavLinks approvalsPending={props.approvalsPending} />
        </nav>
      </aside>
      {open && (
        <div className="fixed inset-0 z-40 lg:hidden" role="dialog" aria-modal="true" aria-label="Navigation">
          <button aria-label="Close menu" tabIndex={-1} className="absolute inset-0 bg-slate-900/40" onClick={() => setOpen(false)} />
          <nav aria-label="Main" className="absolute inset-y-0 left-0 w-64 overflow-y-auto bg-white px-3 py-4 shadow-xl dark:bg-slate-900">
            <div className="mb-4 flex items-center justify-between px-3">
              <span className="flex items-center gap-2 text-base font-semibold">
                <span aria-hidden className="inline-block h-6 w-6 rounded-md bg-brand-600" /> Scheduler
              </span>
              <button type="button" className="btn-secondary px-2 py-1" aria-label="Close menu" onClick={() => setOpen(false)}>
                <Icon d="M6 6l12 12M18 6L6 18" />
              </button>
            </div>
            <NavLinks onNavigate={() => setOpen(false)} approvalsPending={props.approvalsPending} />
          </nav>
        </div>
      )}
      <Shortcuts canWrite={canWrite} />
      <div className="min-w-0 flex-1">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/90 px-3 backdrop-blur sm:px-4 dark:border-slate-800 dark:bg-slate-900/90">
          <button className="btn-secondary px-2 lg:hidden" aria-label="Open menu" aria-expanded={open} onClick={() => setOpen(true)}>
            <Icon d="M4 6h16M4 12h16M4 18h16" />
          </button>
          <WorkspaceSwitcher workspaces={props.workspaces} currentId={props.currentWorkspaceId} />
          <span
            className="hidden rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-600 sm:inline dark:bg-slate-800 dark:text-slate-300"
            data-testid="role-badge"
          >
            {props.role}
          </span>
          <div className="ml-auto flex items-center gap-2">
            <NotificationBell />
            <ThemeToggle initial={props.theme} />
            <UserMenu name={props.user.name} email={props.user.email} />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-3 py-5 sm:px-6">
          <WorkspaceProvider value={props.currentWorkspaceId}>
            <ToastProvider>{props.children}</ToastProvider>
          </WorkspaceProvider>
        </main>
      </div>
    </div>
  );
}
