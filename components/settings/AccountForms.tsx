"use client";
import { useState } from "react";
import { createAccountAction, startOAuthAction } from "@/app/(dashboard)/settings/accounts/actions";
import { BASE_URL_FIELD, CONFIG_FIELDS, CREDENTIAL_FIELDS, type Field } from "@/lib/accounts/fields";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import type { PlatformId } from "@/adapters/types";

export interface PlatformOption {
  id: PlatformId;
  name: string;
  oauth: boolean;
}

const text = (form: FormData, key: string) => String(form.get(key) ?? "").trim();

function Inputs({ prefix, fields, secret }: { prefix: string; fields: Field[]; secret?: boolean }) {
  return (
    <>
      {fields.map((f) => (
        <div key={f.key}>
          <label htmlFor={`${prefix}-${f.key}`} className="label">
            {f.label}
            {!f.required && <span className="font-normal text-slate-500 dark:text-slate-400"> (optional)</span>}
          </label>
          <input id={`${prefix}-${f.key}`} name={`${prefix}.${f.key}`} type={secret ? "password" : "text"} autoComplete="off" required={f.required} className="input" aria-describedby={f.hint ? `${prefix}-${f.key}-hint` : undefined} />
          {f.hint && <p id={`${prefix}-${f.key}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">{f.hint}</p>}
        </div>
      ))}
    </>
  );
}

function PlatformSelect({ id, platforms, value, onChange }: { id: string; platforms: PlatformOption[]; value: PlatformId; onChange: (p: PlatformId) => void }) {
  return (
    <div>
      <label htmlFor={id} className="label">Platform</label>
      <select id={id} className="input" value={value} onChange={(e) => onChange(e.target.value as PlatformId)}>
        {platforms.map((p) => (
          <option key={p.id} value={p.id}>{p.name}</option>
        ))}
      </select>
    </div>
  );
}

/** Adds an account with its credentials (encrypted on the server, never shown again). */
export function AddAccountForm({ platforms }: { platforms: PlatformOption[] }) {
  const [platform, setPlatform] = useState<PlatformId>(platforms.find((p) => p.id === "webhook")?.id ?? platforms[0]!.id);
  const [added, setAdded] = useState<string | null>(null);
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  const base = BASE_URL_FIELD[platform];
  const config = [...(base ? [base] : []), ...CONFIG_FIELDS[platform]];

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    const form = new FormData(el);
    const pick = (prefix: string, fields: Field[]) => Object.fromEntries(fields.map((f) => [f.key, text(form, `${prefix}.${f.key}`)]).filter(([, v]) => v !== ""));
    const capacity = text(form, "capacity");
    const per = text(form, "per_seconds");
    setAdded(null);
    run(
      () =>
        createAccountAction(
          {
            platform,
            name: text(form, "name"),
            config: pick("config", config),
            credentials: pick("cred", CREDENTIAL_FIELDS[platform]),
            ...(capacity && per ? { rate_limit: { capacity: Number(capacity), per_seconds: Number(per) } } : {}),
          },
          ws,
        ),
      (data) => {
        el.reset();
        setAdded(data.name);
      },
    );
  }

  return (
    <section className="card" aria-labelledby="add-account-title">
      <h2 id="add-account-title" className="mb-3 text-base font-semibold">Add an account with credentials</h2>
      <form onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" noValidate>
        <PlatformSelect id="acct-platform" platforms={platforms} value={platform} onChange={setPlatform} />
        <div>
          <label htmlFor="acct-name" className="label">Name</label>
          <input id="acct-name" name="name" required maxLength={100} className="input" placeholder="Company page" />
        </div>
        <Inputs prefix="config" fields={config} />
        <Inputs prefix="cred" fields={CREDENTIAL_FIELDS[platform]} secret />
        <fieldset className="col-span-full grid grid-cols-2 gap-3">
          <legend className="label">Rate limit override (optional; empty uses the platform&apos;s documented pace)</legend>
          <div>
            <label htmlFor="acct-capacity" className="label">Posts</label>
            <input id="acct-capacity" name="capacity" type="number" min={1} className="input" />
          </div>
          <div>
            <label htmlFor="acct-per" className="label">Per seconds</label>
            <input id="acct-per" name="per_seconds" type="number" min={1} className="input" />
          </div>
        </fieldset>
        <div className="col-span-full flex items-center gap-3">
          <button type="submit" className="btn-primary" disabled={pending}>{pending ? "Adding…" : "Add account"}</button>
          {added && <span role="status" className="text-sm text-emerald-700 dark:text-emerald-300">Added {added}. Verify it to check the credentials.</span>}
        </div>
      </form>
      <FormError message={error} />
    </section>
  );
}

/** OAuth connect: the platform asks the person to allow access, then sends them back here. */
export function ConnectForm({ platforms }: { platforms: PlatformOption[] }) {
  const oauth = platforms.filter((p) => p.oauth);
  const [platform, setPlatform] = useState<PlatformId | undefined>(oauth[0]?.id);
  const { pending, error, run } = useActionRunner();
  const ws = useWorkspaceId();
  if (!platform) return null;
  const base = BASE_URL_FIELD[platform];

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const config: Record<string, unknown> = {};
    if (text(form, "client_id")) config.client_id = text(form, "client_id");
    if (base && text(form, "base")) config.api_base_url = text(form, "base");
    for (const f of CONFIG_FIELDS[platform!]) if (text(form, `config.${f.key}`)) config[f.key] = text(form, `config.${f.key}`);
    const secret = text(form, "client_secret");
    run(
      () => startOAuthAction({ platform: platform!, name: text(form, "name"), config, ...(secret ? { client_secret: secret } : {}) }, ws),
      (data) => window.location.assign(data.authorizeUrl),
    );
  }

  return (
    <section className="card" aria-labelledby="connect-title">
      <h2 id="connect-title" className="mb-1 text-base font-semibold">Connect with OAuth</h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Uses your app on the platform; you will be asked to allow access and come back here.</p>
      <form onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" noValidate>
        <PlatformSelect id="oauth-platform" platforms={oauth} value={platform} onChange={setPlatform} />
        <div>
          <label htmlFor="oauth-name" className="label">Name</label>
          <input id="oauth-name" name="name" required maxLength={100} className="input" />
        </div>
        {base && (
          <div>
            <label htmlFor="oauth-base" className="label">{base.label}</label>
            <input id="oauth-base" name="base" required={base.required} className="input" placeholder={base.hint} />
          </div>
        )}
        <div>
          <label htmlFor="oauth-client" className="label">Client id{platform === "mastodon" && <span className="font-normal text-slate-500 dark:text-slate-400"> (optional: registered for you)</span>}</label>
          <input id="oauth-client" name="client_id" className="input" autoComplete="off" />
        </div>
        <div>
          <label htmlFor="oauth-secret" className="label">Client secret <span className="font-normal text-slate-500 dark:text-slate-400">(if your app has one)</span></label>
          <input id="oauth-secret" name="client_secret" type="password" className="input" autoComplete="off" />
        </div>
        <Inputs prefix="config" fields={CONFIG_FIELDS[platform]} />
        <div className="col-span-full">
          <button type="submit" className="btn-secondary" disabled={pending}>{pending ? "Opening…" : "Connect"}</button>
        </div>
      </form>
      <FormError message={error} />
    </section>
  );
}
