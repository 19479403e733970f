"use client";
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { saveComposerAction } from "@/app/_actions/composer";
import { draftOf, parseTags, storedBody, type ComposerFields } from "@/lib/composer/draft";
import { issuesFor } from "@/lib/composer/counters";
import { hashtagsOf } from "@/lib/composer/preview";
import { snippetsFor } from "@/lib/templates/insert";
import { buildRRule, localInput, scheduleProblem } from "@/lib/composer/schedule";
import type { ApprovalInfo, ComposerAccount, ComposerInitial, ComposerMedia, ComposerSnippet } from "@/lib/composer/types";
import type { PlatformId } from "@/adapters/types";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useToast } from "@/components/ui/Toast";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { AccountPicker } from "./AccountPicker";
import { BodyFields, type BodyState } from "./BodyFields";
import { MediaPicker } from "./MediaPicker";
import { PlatformPanel } from "./PlatformPanel";
import { SchedulePicker } from "./SchedulePicker";
import { CheckPanel } from "@/components/gates/CheckPanel";

type Mode = "draft" | "schedule" | "now" | "queue";
const DONE: Record<Mode, (n: number) => string> = {
  draft: () => "Draft saved",
  schedule: (n) => `Scheduled ${n} post${n === 1 ? "" : "s"}`,
  now: (n) => `Publishing ${n} post${n === 1 ? "" : "s"} now`,
  queue: (n) => `Queued ${n} post${n === 1 ? "" : "s"} in the next free slot`,
};

/** The composer: content, accounts, per-platform counters and previews, schedule, and the save buttons. */
export function Composer({ initial, accounts, zones, approval, snippets = [] }: { initial: ComposerInitial; accounts: ComposerAccount[]; zones: string[]; approval: ApprovalInfo; snippets?: ComposerSnippet[] }) {
  const router = useRouter();
  const notify = useToast();
  const ws = useWorkspaceId();
  const { pending, error, run } = useActionRunner();
  const [mode, setMode] = useState<Mode | null>(null);
  const [body, setBody] = useState<BodyState>({ title: initial.title, body: initial.body, contentType: initial.contentType, parts: initial.parts.length ? initial.parts : [""], tagsInput: initial.tags.join(", ") });
  const [media, setMedia] = useState<ComposerMedia[]>(initial.media);
  const [selected, setSelected] = useState<string[]>(initial.accountIds.filter((id) => accounts.some((a) => a.id === id)));
  const [variants, setVariants] = useState<Partial<Record<PlatformId, string>>>(initial.variants);
  const [schedule, setSchedule] = useState(initial.schedule);
  const [recurrence, setRecurrence] = useState(initial.recurrence);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const tags = parseTags(body.tagsInput);
  const fields: ComposerFields = { title: body.title, body: body.body, contentType: body.contentType, parts: body.parts, tags, media };
  const chosen = accounts.filter((a) => selected.includes(a.id));
  const platforms = useMemo(() => [...new Set(chosen.map((a) => a.platform))], [chosen]);
  const allSnippets = [...hashtagsOf(tags).map((h) => ({ label: h, text: h, kind: "tag" as const })), ...snippetsFor(snippets, platforms)];

  function check(m: Mode): Record<string, string | undefined> {
    const e: Record<string, string | undefined> = {};
    if (!body.title.trim()) e.title = "Title is required.";
    if (!storedBody(fields).trim()) e.body = "Write something to post.";
    if (tags.length > 30) e.tags = "At most 30 tags.";
    if (m !== "draft" && !selected.length) e.accounts = "Choose at least one account to post to.";
    if (m === "schedule") e.schedule = scheduleProblem(schedule) ?? undefined;
    if (m !== "draft" && !e.accounts) {
      const blocking = platforms.flatMap((p) => issuesFor(p, draftOf(fields, variants[p]), chosen.filter((a) => a.platform === p).map((a) => a.config))).filter((i) => i.severity === "error");
      if (blocking.length) e.platforms = `Fix what is marked under ${[...new Set(blocking.map((i) => i.platform))].map((p) => accounts.find((a) => a.platform === p)?.platformName ?? p).join(", ")} first, or save a draft.`;
    }
    return Object.fromEntries(Object.entries(e).filter(([, v]) => v));
  }

  function save(m: Mode) {
    const e = check(m);
    setErrors(e);
    if (Object.keys(e).length) return;
    setMode(m);
    const rrule = buildRRule(recurrence);
    const payload = {
      ...(initial.id ? { id: initial.id, version: initial.version ?? 1 } : {}),
      content: { title: body.title.trim(), content: storedBody(fields), content_type: body.contentType, tags, media_ids: media.map((x) => x.id) },
      variants: Object.fromEntries(platforms.map((p) => [p, variants[p] ?? null])),
      mode: m,
      platform_account_ids: m === "draft" ? [] : selected,
      ...(m === "schedule" || m === "now" ? { schedule: { scheduled_time: localInput(schedule), timezone: schedule.zone, ...(m === "schedule" && rrule ? { recurrence: { rrule } } : {}) } } : {}),
    };
    run(() => saveComposerAction(payload, ws), (data) => {
      notify(DONE[m](data.schedules));
      for (const w of data.warnings) notify(w, "info");
      router.push(`/content/${data.id}`);
      router.refresh();
    });
  }

  const busy = (m: Mode, label: string, busyLabel: string) => (pending && mode === m ? busyLabel : label);
  return (
    <form className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]" onSubmit={(e) => { e.preventDefault(); save("draft"); }} noValidate aria-label="Composer">
      <div className="min-w-0 space-y-5">
        <section className="card space-y-4" aria-label="Content">
          <BodyFields state={body} onChange={(p) => setBody((b) => ({ ...b, ...p }))} snippets={allSnippets} errors={errors} />
          <MediaPicker media={media} onChange={setMedia} />
        </section>
        <AccountPicker accounts={accounts} selected={selected} onChange={setSelected} error={errors.accounts} />
        {platforms.length > 0 && (
          <div className="space-y-4">
            <h2 className="text-base font-semibold">Per platform</h2>
            {platforms.map((p) => (
              <PlatformPanel key={p} platform={p} accounts={chosen.filter((a) => a.platform === p)} fields={fields} media={media} variant={variants[p] ?? ""} onVariant={(text) => setVariants((v) => ({ ...v, [p]: text }))} />
            ))}
          </div>
        )}
      </div>
      <aside className="min-w-0 space-y-5">
        <div className="card">
          <SchedulePicker value={schedule} onChange={setSchedule} recurrence={recurrence} onRecurrence={setRecurrence} zones={zones} account={chosen[0]} error={errors.schedule} />
        </div>
        <CheckPanel draft={{ title: body.title, content: storedBody(fields), contentType: body.contentType, tags, mediaIds: media.map((m) => m.id), variants, platforms }} />
        <div className="card space-y-3">
          {approval.required && (
            <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              This workspace requires approval for your posts: scheduled posts wait until a reviewer approves this version.
            </p>
          )}
          {errors.platforms && <p role="alert" className="text-sm text-red-700 dark:text-red-300">{errors.platforms}</p>}
          <FormError message={error} />
          <div className="grid grid-cols-2 gap-2">
            <button type="button" className="btn-primary col-span-2" disabled={pending} onClick={() => save("schedule")}>{busy("schedule", "Schedule", "Scheduling…")}</button>
            <button type="submit" className="btn-secondary" disabled={pending}>{busy("draft", "Save draft", "Saving…")}</button>
            <button type="button" className="btn-secondary" disabled={pending} onClick={() => save("now")}>{busy("now", "Publish now", "Publishing…")}</button>
            <button type="button" className="btn-secondary col-span-2" disabled={pending} onClick={() => save("queue")} title="The first free posting slot of each chosen account">{busy("queue", "Next free slot", "Queueing…")}</button>
          </div>
          <p className="text-xs text-slate-600 dark:text-slate-400">Next free slot uses each account&apos;s posting slots (set under the account&apos;s queue times).</p>
        </div>
      </aside>
    </form>
  );
}
