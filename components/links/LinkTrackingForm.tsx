"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { saveLinkTrackingAction } from "@/app/_actions/links";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useToast } from "@/components/ui/Toast";
import { fillTemplate, UTM_KEYS, type LinkTrackingSettings, type UtmKey } from "@/lib/links/settings";

const LABELS: Record<UtmKey, string> = {
  utm_source: "utm_source",
  utm_medium: "utm_medium",
  utm_campaign: "utm_campaign",
  utm_content: "utm_content",
};

const EXAMPLE = { platform: "linkedin", title: "Spring sale", tags: ["spring-launch", "promo"], campaign: null };

/** Link tracking: on or off, and the UTM templates (admins; others see them read-only). */
export function LinkTrackingForm({
  initial,
  canManage,
  workspaceId,
}: {
  initial: LinkTrackingSettings & { short_link_base: string; base_is_local: boolean };
  canManage: boolean;
  workspaceId: string;
}) {
  const [v, setV] = useState<LinkTrackingSettings>({
    enabled: initial.enabled,
    utm_source: initial.utm_source,
    utm_medium: initial.utm_medium,
    utm_campaign: initial.utm_campaign,
    utm_content: initial.utm_content,
  });
  const { pending, error, run } = useActionRunner((p) => (p.startsWith("link_tracking.") ? p.slice("link_tracking.".length) : null));
  const notify = useToast();
  const router = useRouter();
  const example = UTM_KEYS.map((k) => [k, fillTemplate(v[k], EXAMPLE)] as const).filter(([, x]) => x);
  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => saveLinkTrackingAction({ link_tracking: v }, workspaceId),
          () => {
            notify("Link tracking saved");
            router.refresh();
          },
        );
      }}
    >
      <fieldset className="card space-y-2" disabled={!canManage}>
        <legend className="text-base font-semibold">Tracked links</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={v.enabled} onChange={(e) => setV((x) => ({ ...x, enabled: e.target.checked }))} />
          <span>
            <span className="font-medium">Track links in posts</span>
            <span className="block text-slate-600 dark:text-slate-400">
              When a post is published, each http(s) link in it becomes a short link under <code className="break-all">{initial.short_link_base}</code>. A click
              goes on to the link with the UTM parameters below and is counted per post, platform and day. Nothing about the person who clicks is kept; bots and
              link previews are not counted. A post can opt out in the composer.
            </span>
          </span>
        </label>
        {initial.base_is_local && (
          <p
            role="note"
            className="rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
          >
            The short links use a local address that only this machine can open. Set PUBLIC_URL to the app&apos;s public address before turning this on.
          </p>
        )}
      </fieldset>

      <fieldset className="card space-y-3" disabled={!canManage}>
        <legend className="text-base font-semibold">UTM parameters</legend>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Placeholders: <code>{"{platform}"}</code>, <code>{"{campaign}"}</code> (the post&apos;s own campaign, else its first tag), <code>{"{tag}"}</code>{" "}
          (first tag), <code>{"{tag:PREFIX}"}</code> (the first tag starting with PREFIX, without it), <code>{"{title}"}</code>. An empty one is left out;
          parameters a link already has are kept.
        </p>
        <div className="grid gap-3 sm:grid-cols-2">
          {UTM_KEYS.map((k) => (
            <div key={k}>
              <label htmlFor={`lt-${k}`} className="label">
                {LABELS[k]}
              </label>
              <input id={`lt-${k}`} className="input w-full" maxLength={100} value={v[k]} onChange={(e) => setV((x) => ({ ...x, [k]: e.target.value }))} />
            </div>
          ))}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Example for a LinkedIn post titled &ldquo;Spring sale&rdquo; tagged spring-launch, promo:{" "}
          <code className="break-all">{example.length ? `?${example.map(([k, x]) => `${k}=${encodeURIComponent(x)}`).join("&")}` : "(no parameters)"}</code>
        </p>
      </fieldset>

      {canManage ? (
        <div className="space-y-2">
          <FormError message={error} />
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Saving…" : "Save link tracking"}
          </button>
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">Only admins can change link tracking.</p>
      )}
    </form>
  );
}
