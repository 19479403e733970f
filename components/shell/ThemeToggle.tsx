"use client";
import { useState } from "react";

type Theme = "light" | "dark" | "system";
const NEXT: Record<Theme, Theme> = { system: "light", light: "dark", dark: "system" };
const LABEL: Record<Theme, string> = { system: "System theme", light: "Light theme", dark: "Dark theme" };

function apply(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", dark);
  document.documentElement.dataset.theme = theme;
  document.cookie = `theme=${theme}; path=/; max-age=31536000; samesite=lax`;
}

export function ThemeToggle({ initial }: { initial: string | undefined }) {
  const [theme, setTheme] = useState<Theme>(initial && initial in NEXT ? (initial as Theme) : "system");
  return (
    <button
      type="button"
      className="btn-secondary px-2"
      data-testid="theme-toggle"
      aria-label={`${LABEL[theme]} (click to switch)`}
      title={LABEL[theme]}
      onClick={() => {
        const next = NEXT[theme];
        setTheme(next);
        apply(next);
      }}
    >
      <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={1.8}>
        {theme === "dark" ? (
          <path d="M20 14.5A8 8 0 019.5 4a8 8 0 1010.5 10.5z" />
        ) : theme === "light" ? (
          <>
            <circle cx="12" cy="12" r="4" />
            <path d="M12 2v2M12 20v2M2 12h2M20 12h2M5 5l1.5 1.5M17.5 17.5L19 19M5 19l1.5-1.5M17.5 6.5L19 5" />
          </>
        ) : (
          <>
            <rect x="3" y="4" width="18" height="12" rx="2" />
            <path d="M8 20h8M12 16v4" />
          </>
        )}
      </svg>
      <span className="sr-only sm:not-sr-only sm:text-xs">{theme}</span>
    </button>
  );
}
