"use client";
import { useState } from "react";
import type { PlatformId } from "@/adapters/types";
import { createAccountAction, startOAuthAction, updateAccountAction } from "@/app/_actions/accounts";
import { BASE_URL_FIELD, CONFIG_FIELDS, CREDENTIAL_FIELDS, OAUTH_SKIPS, type Field } from "@/lib/accounts/fields";
import { GUIDES } from "@/lib/accounts/guides";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { ConnectGuide } from "./ConnectGuide";
import { FieldInputs, pick } from "./ConnectFields";
import { PlatformPicker } from "./PlatformPicker";
import { ConnectOutcome } from "./ConnectOutcome";
import type { ConnectPlatform, ConnectResult, ReconnectTarget } from "./types";

type Mode = "oauth" | "token";

const defaultMode = (p: ConnectPlatform): Mode => (p.oauth && GUIDES[p.id].oauth === "recommended" ? "oauth" : "token");
const text = (form: FormData, key: string) => String(form.get(key) ?? "").trim();

/** Overrides of a platform's one official address: for a proxy, or a test server. */
const ADVANCED: Field[] = [{ key: "api_base_url", label: "API base URL", required: false, hint: "empty: the platform's own" }];
const ADVANCED_OAUTH: Field[] = [
  ...ADVANCED,
  { key: "authorize_url", label: "Authorization URL", required: false, hint: "empty: the platform's sign-in page" },
];

/**
 * "Connect an account": pick the platform, read what it needs, then sign in (OAuth) or paste a
 * token. Saving asks the platform at once and shows its answer. With `reconnect`, the same steps
 * replace an existing account's credentials.
 */
export function ConnectAccount({
  platforms,
  redirectUri,
  reconnect,
}: {
  platforms: ConnectPlatform[];
  redirectUri: string;
  reconnect: ReconnectTarget | null;
}) {
  const fixed = reconnect ? (platforms.find((p) => p.id === reconnect.platform) ?? null) : null;
  const [chosen, setChosen] = useState<PlatformId | null>(fixed?.id ?? null);
  const platform = fixed ?? platforms.find((p) => p.id === chosen) ?? null;
  const [mode, setMode] = useState<Mode>(platform ? defaultMode(platform) : "token");
  const [result, setResult] = useState<ConnectResult | null>(null);
  const ws = useWorkspaceId();
  const labelOf = (path: string) => {
    if (!platform) return null;
    const key = path.split(".").pop() ?? path;
    const all = [BASE_URL_FIELD[platform.id], ...CONFIG_FIELDS[platform.id], ...CREDENTIAL_FIELDS[platform.id], ...ADVANCED_OAUTH].filter(Boolean) as Field[];
    return key === "name" ? "Name" : key === "client_secret" ? "Client secret" : (all.find((f) => f.key === key)?.label ?? null);
  };
  const { pending, error, setError, run } = useActionRunner(labelOf);

  function choose(p: PlatformId) {
    setChosen(p);
    setMode(defaultMode(platforms.find((x) => x.id === p)!));
    setResult(null);
    setError(null);
  }

  const title = reconnect ? `Reconnect ${reconnect.name}` : "Connect an account";
  return (
    <section id="connect" className="card scroll-mt-20 space-y-5" aria-labelledby="connect-title">
      <div>
        <h2 id="connect-title" className="text-base font-semibold">
          {title}
        </h2>
        {reconnect ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {reconnect.statusReason ? `Why: ${reconnect.statusReason}. ` : ""}New credentials are checked with {platform?.name ?? "the platform"} when you save
            them.{" "}
            <a href="/settings/accounts" className="underline underline-offset-2">
              Cancel
            </a>
          </p>
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every account is checked with its platform when you save it; its status is the platform&apos;s answer.
          </p>
        )}
      </div>
      {!fixed && <PlatformPicker platforms={platforms} value={chosen} onChange={choose} />}
      {platform && (
        <PlatformSteps
          key={`${platform.id}-${mode}`}
          platform={platform}
          mode={mode}
          setMode={(m) => {
            setMode(m);
            setError(null);
          }}
          redirectUri={redirectUri}
          reconnect={reconnect}
          pending={pending}
          onSubmit={(form, el) => {
            setResult(null);
            const base = BASE_URL_FIELD[platform.id];
            const advanced = platform.defaultBaseUrl ? pick(form, "adv", mode === "oauth" ? ADVANCED_OAUTH : ADVANCED) : {};
            const configFields = mode === "oauth" ? CONFIG_FIELDS[platform.id].filter((f) => !OAUTH_SKIPS.has(f.key)) : CONFIG_FIELDS[platform.id];
            const config: Record<string, unknown> = { ...(base ? pick(form, "base", [base]) : {}), ...pick(form, "config", configFields), ...advanced };
            const name = reconnect ? reconnect.name : text(form, "name");
            if (mode === "oauth") {
              if (text(form, "client_id")) config.client_id = text(form, "client_id");
              const secret = text(form, "client_secret");
              run(
                () =>
                  startOAuthAction(
                    { platform: platform.id, name, config, ...(secret ? { client_secret: secret } : {}), ...(reconnect ? { account_id: reconnect.id } : {}) },
                    ws,
                  ),
                (data) => window.location.assign(data.authorizeUrl),
              );
              return;
            }
            const credentials = pick(form, "cred", CREDENTIAL_FIELDS[platform.id]);
            if (reconnect) {
              run(
                () => updateAccountAction({ id: reconnect.id, patch: { credentials, ...(Object.keys(config).length ? { config } : {}) } }, ws),
                (data) => setResult({ name: data.name, status: data.status, reason: data.reason }),
              );
              return;
            }
            run(
              () => createAccountAction({ platform: platform.id, name, config, credentials }, ws),
              (data) => {
                el.reset();
                setResult({ name: data.name, status: data.status, reason: data.reason, verifiedAs: data.verifiedAs });
              },
            );
          }}
        />
      )}
      {result && platform && <ConnectOutcome result={result} platformName={platform.name} />}
      <FormError message={error} />
    </section>
  );
}

function PlatformSteps(props: {
  platform: ConnectPlatform;
  mode: Mode;
  setMode: (m: Mode) => void;
  redirectUri: string;
  reconnect: ReconnectTarget | null;
  pending: boolean;
  onSubmit: (form: FormData, el: HTMLFormElement) => void;
}) {
  const { platform, mode, reconnect, pending } = props;
  const guide = GUIDES[platform.id];
  const canOAuth = platform.oauth && guide.oauth !== "none";
  const base = BASE_URL_FIELD[platform.id];
  const values = reconnect?.config ?? {};
  const configFields = mode === "oauth" ? CONFIG_FIELDS[platform.id].filter((f) => !OAUTH_SKIPS.has(f.key)) : CONFIG_FIELDS[platform.id];
  const tokenWord = platform.id === "webhook" ? "Enter the receiver" : platform.id === "sandbox" ? "Name it" : "Paste a token";
  return (
    <div className="space-y-5">
      <div className="space-y-3">
        <h3 className="text-sm font-semibold">2. What {platform.name} needs</h3>
        {canOAuth && (
          <fieldset>
            <legend className="sr-only">How to connect {platform.name}</legend>
            <div className="flex flex-wrap gap-2">
              {(["oauth", "token"] as const).map((m) => (
                <label
                  key={m}
                  className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-1.5 text-sm has-[:checked]:border-sky-600 has-[:checked]:bg-sky-50 dark:border-slate-600 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950"
                >
                  <input type="radio" name="connect-mode" value={m} checked={mode === m} onChange={() => props.setMode(m)} className="accent-sky-700" />
                  {m === "oauth" ? `Sign in with ${platform.name}${guide.oauth === "recommended" ? " (recommended)" : ""}` : "Paste a token"}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <ConnectGuide platform={platform} guide={guide} mode={mode} redirectUri={props.redirectUri} />
      </div>
      <form
        className="space-y-3"
        noValidate
        aria-label={`Connect ${platform.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          props.onSubmit(new FormData(e.currentTarget), e.currentTarget);
        }}
      >
        <h3 className="text-sm font-semibold">3. {mode === "oauth" ? `Sign in with ${platform.name}` : tokenWord}</h3>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {!reconnect && (
            <div>
              <label htmlFor="connect-name" className="label">
                Name
              </label>
              <input
                id="connect-name"
                name="name"
                required
                maxLength={100}
                className="input"
                placeholder={`e.g. ${platform.name} main`}
                aria-describedby="connect-name-hint"
              />
              <p id="connect-name-hint" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
                How this account is called here
              </p>
            </div>
          )}
          {base && <FieldInputs prefix="base" fields={[base]} values={values} />}
          {mode === "oauth" && (
            <>
              <div>
                <label htmlFor="connect-client-id" className="label">
                  Client ID
                  {platform.id === "mastodon" && <span className="font-normal text-slate-600 dark:text-slate-400"> (optional: registered for you)</span>}
                </label>
                <input id="connect-client-id" name="client_id" className="input" autoComplete="off" spellCheck={false} defaultValue={values.client_id} />
              </div>
              <div>
                <label htmlFor="connect-client-secret" className="label">
                  Client secret <span className="font-normal text-slate-600 dark:text-slate-400">(if your app has one)</span>
                </label>
                <input id="connect-client-secret" name="client_secret" type="password" className="input" autoComplete="off" />
              </div>
            </>
          )}
          <FieldInputs prefix="config" fields={configFields} values={values} />
          {mode === "token" && <FieldInputs prefix="cred" fields={CREDENTIAL_FIELDS[platform.id]} secret />}
        </div>
        {platform.defaultBaseUrl && platform.id !== "sandbox" && (
          <details className="text-sm">
            <summary className="cursor-pointer font-medium">Advanced: API address</summary>
            <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              Only for a proxy or a test server; {platform.name}&apos;s own is {platform.defaultBaseUrl}.
            </p>
            <div className="mt-2 grid grid-cols-1 gap-3 sm:grid-cols-2">
              <FieldInputs prefix="adv" fields={mode === "oauth" ? ADVANCED_OAUTH : ADVANCED} values={values} />
            </div>
          </details>
        )}
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? (mode === "oauth" ? "Opening…" : "Checking…") : mode === "oauth" ? `Continue to ${platform.name}` : "Save and verify"}
        </button>
      </form>
    </div>
  );
}
