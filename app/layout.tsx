import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Scheduler", template: "%s · Scheduler" },
  description: "Plan, approve and publish posts to every platform, exactly once.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

// Applies the saved theme before the first paint; `system` follows the OS setting.
const themeScript = `(function(){try{var m=document.cookie.match(/(?:^|; )theme=(light|dark|system)/);var t=m?m[1]:"system";var d=t==="dark"||(t==="system"&&matchMedia("(prefers-color-scheme: dark)").matches);document.documentElement.classList.toggle("dark",d);document.documentElement.dataset.theme=t}catch(e){}})()`;

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const theme = (await cookies()).get("theme")?.value;
  // Set by proxy.ts: the Content-Security-Policy runs only scripts that carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en" className={theme === "dark" ? "dark" : undefined} data-theme={theme ?? "system"} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
