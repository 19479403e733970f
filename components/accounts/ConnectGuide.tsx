import type { Guide } from "@/lib/accounts/guides";
import { CopyField } from "@/components/ui/CopyField";
import type { ConnectPlatform } from "./types";

const muted = "text-slate-600 dark:text-slate-400";

function Links({ guide }: { guide: Guide }) {
  if (!guide.links.length) return null;
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
      {guide.links.map((l) => (
        <li key={l.href}>
          <a href={l.href} target="_blank" rel="noopener noreferrer" className="font-medium text-sky-800 underline underline-offset-2 dark:text-sky-300">
            {l.label}
            <span className="sr-only"> (opens in a new tab)</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function Scopes({ platform }: { platform: ConnectPlatform }) {
  if (!platform.scopes.length) return null;
  return (
    <p className="text-sm">
      Scopes / permissions to grant:{" "}
      {platform.scopes.map((s, i) => (
        <span key={s}>
          {i > 0 && " "}
          <code className="inline-block rounded bg-slate-100 px-1 py-0.5 text-xs whitespace-nowrap dark:bg-slate-800">{s}</code>
        </span>
      ))}
    </p>
  );
}

/** Step 2: what the platform needs, in plain words, for the chosen way of connecting. */
export function ConnectGuide({
  platform,
  guide,
  mode,
  redirectUri,
}: {
  platform: ConnectPlatform;
  guide: Guide;
  mode: "oauth" | "token";
  redirectUri: string;
}) {
  const steps = mode === "oauth" ? (guide.oauthSteps ?? []) : guide.steps;
  return (
    <div className="space-y-3" data-testid="connect-guide">
      <p className={`text-sm ${muted}`}>{guide.summary}</p>
      <Links guide={guide} />
      {steps.length > 0 && (
        <ol className="list-decimal space-y-1 pl-5 text-sm">
          {steps.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ol>
      )}
      <Scopes platform={platform} />
      {mode === "oauth" && (
        <div>
          <p className="label" id="redirect-uri-label">
            Redirect URI to register with {platform.name}
          </p>
          <p className={`mb-1 text-xs ${muted}`}>This server&apos;s address for the sign-in to come back to; it must match exactly.</p>
          <CopyField value={redirectUri} label={`Redirect URI to register with ${platform.name}`} />
        </div>
      )}
    </div>
  );
}
