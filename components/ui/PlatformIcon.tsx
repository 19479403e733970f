import { platformName } from "@/adapters/registry";

export { platformName };

/** A compact, high-contrast mark per platform (letters, not logos: no brand assets shipped). */
const MARKS: Record<string, { text: string; className: string }> = {
  x: { text: "X", className: "bg-black text-white" },
  linkedin: { text: "in", className: "bg-[#0a66c2] text-white" },
  threads: { text: "@", className: "bg-black text-white" },
  devto: { text: "DEV", className: "bg-black text-white" },
  medium: { text: "M", className: "bg-black text-white" },
  mastodon: { text: "Ma", className: "bg-[#563acc] text-white" },
  bluesky: { text: "Bs", className: "bg-[#0560c8] text-white" },
  facebook: { text: "f", className: "bg-[#0866ff] text-white" },
  instagram: { text: "IG", className: "bg-[#c13584] text-white" },
  wordpress: { text: "W", className: "bg-[#21759b] text-white" },
  webhook: { text: "⚓", className: "bg-slate-700 text-white" },
  sandbox: { text: "SB", className: "bg-amber-700 text-white" },
};

export function PlatformIcon({ platform, className = "" }: { platform: string; className?: string }) {
  const mark = MARKS[platform] ?? { text: platform.slice(0, 2), className: "bg-slate-600 text-white" };
  const name = platformName(platform);
  return (
    <span
      role="img"
      aria-label={name}
      title={name}
      className={`inline-flex h-4 min-w-4 shrink-0 items-center justify-center rounded px-0.5 text-[9px] font-bold leading-none ${mark.className} ${className}`}
    >
      <span aria-hidden>{mark.text}</span>
    </span>
  );
}
