import type { ConnectResult } from "./types";

/** The platform's answer to the save: ready, or saved but not working and why. */
export function ConnectOutcome({ result, platformName }: { result: ConnectResult; platformName: string }) {
  if (result.status === "active") {
    return (
      <p
        role="status"
        data-testid="connect-outcome"
        data-status="active"
        className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
      >
        Connected {result.name}: {platformName} accepted the credentials{result.verifiedAs ? ` (${result.verifiedAs})` : ""}. It is ready to schedule on.
      </p>
    );
  }
  if (result.status === "disabled") {
    return (
      <p
        role="status"
        data-testid="connect-outcome"
        data-status="disabled"
        className="rounded-md bg-slate-100 p-3 text-sm text-slate-800 dark:bg-slate-800 dark:text-slate-100"
      >
        Saved {result.name}; it stays disabled until an admin enables it. {result.reason ?? ""}
      </p>
    );
  }
  return (
    <div
      role="alert"
      data-testid="connect-outcome"
      data-status={result.status}
      className="rounded-md bg-red-50 p-3 text-sm text-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-medium">
        {result.name} was saved but does not work yet ({result.status === "needs_reconnect" ? "needs reconnecting" : "error"}).
      </p>
      <p className="mt-1 break-words">{result.reason ?? `${platformName} did not accept the credentials.`}</p>
    </div>
  );
}
