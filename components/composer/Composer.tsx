"use client";
import { useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { saveComposerAction } from "@/app/_actions/composer";
import { draftOf, parseTags, storedBody, type ComposerFields } from "@/lib/composer/draft";
import { issuesFor } from "@/lib/composer/counters";
import { hashtagsOf } from "@/lib/composer/preview";
import { snippetsFor } from "@/lib/templates/insert";
import { buildRRule, localInput, scheduleProblem } from "@/lib/composer/schedule";
import { saveMessage, type SaveMode } from "@/lib/composer/outcome";
import { asksScope, planEdit, planIsEmpty, type EditScope } from "@/lib/composer/reconcile";
import type { ApprovalInfo, ComposerAccount, ComposerInitial, ComposerLinkTracking, ComposerMedia, ComposerSnippet, ItemApproval } from "@/lib/composer/types";
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
import { SubmitButton } from "@/components/approvals/SubmitButton";
import { ScheduleEditDialog, type EditQuestion } from "./ScheduleEditDialog";
import { PostLinkTrackingFields, postTrackingPayload, type PostTrackingState } from "@/components/links/PostLinkTrackingFields";

/** "add": Add another time, a second time for the ticked accounts next to the open schedules. */
type Mode = SaveMode;
type SaveOptions = { scope?: EditScope; confirmed?: string[] };
const posts = (n: number) => `${n} post${n === 1 ? "" : "s"}`;

/** The composer: content, accounts, per-platform counters and previews, schedule, and the save buttons. */
export function Composer({
  initial,
  accounts,
  zones,
  approval,
  snippets = [],
  itemApproval,
  linkTracking,
}: {
  initial: ComposerInitial;
  accounts: ComposerAccount[];
  zones: string[];
  approval: ApprovalInfo;
  snippets?: ComposerSnippet[];
  itemApproval?: ItemApproval;
  /** The workspace's link tracking; without it, or off, links are counted as written. */
  linkTracking?: ComposerLinkTracking;
}) {
  const router = useRouter();
  const notify = useToast();
  const ws = useWorkspaceId();
  const { pending, error, run } = useActionRunner();
  const [mode, setMode] = useState<Mode | null>(null);
  const [body, setBody] = useState<BodyState>({
    title: initial.title,
    body: initial.body,
    contentType: initial.contentType,
    parts: initial.parts.length ? initial.parts : [""],
    tagsInput: initial.tags.join(", "),
  });
  const [media, setMedia] = useState<ComposerMedia[]>(initial.media);
  // The alt text stored with each file when the form opened (a new upload has none): what differs
  // from it goes with the save.
  const [savedAlt] = useState<Record<string, string | null>>(() => Object.fromEntries(initial.media.map((m) => [m.id, m.altText?.trim() || null])));
  const [selected, setSelected] = useState<string[]>(initial.accountIds.filter((id) => accounts.some((a) => a.id === id)));
  const [variants, setVariants] = useState<Partial<Record<PlatformId, string>>>(initial.variants);
  const [firstComments, setFirstComments] = useState<Partial<Record<PlatformId, string>>>(initial.firstComments);
  const [schedule, setSchedule] = useState(initial.schedule);
  const [recurrence, setRecurrence] = useState(initial.recurrence);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [question, setQuestion] = useState<EditQuestion | null>(null);
  const [asked, setAsked] = useState<{ m: Mode; opts: SaveOptions } | null>(null);
  const [tracking, setTracking] = useState<PostTrackingState>({
    track: initial.linkTracking?.enabled !== false,
    campaign: initial.linkTracking?.utm_campaign ?? "",
  });
  const tracked = !!linkTracking?.enabled && tracking.track;
  const open = initial.open ?? [];
  const anchorId = initial.anchorId ?? null;
  const editing = open.length > 0;

  const tags = parseTags(body.tagsInput);
  const fields: ComposerFields = {
    title: body.title,
    body: body.body,
    contentType: body.contentType,
    parts: body.parts,
    tags,
    media,
    linkBase: tracked ? linkTracking!.base : null,
  };
  const chosen = accounts.filter((a) => selected.includes(a.id));
  const platforms = useMemo(() => [...new Set(chosen.map((a) => a.platform))], [chosen]);
  const allSnippets = [...hashtagsOf(tags).map((h) => ({ label: h, text: h, kind: "tag" as const })), ...snippetsFor(snippets, platforms)];

  function check(m: Mode): Record<string, string | undefined> {
    const e: Record<string, string | undefined> = {};
    if (!body.title.trim()) e.title = "Title is required.";
    if (!storedBody(fields).trim()) e.body = "Write something to post.";
    if (tags.length > 30) e.tags = "At most 30 tags.";
    if (m !== "draft" && !selected.length) e.accounts = "Choose at least one account to post to.";
    if (m === "schedule" || m === "add") e.schedule = scheduleProblem(schedule) ?? undefined;
    if (m !== "draft" && !e.accounts) {
      const blocking = platforms
        .flatMap((p) =>
          issuesFor(
            p,
            draftOf(fields, variants[p], firstComments[p]),
            chosen.filter((a) => a.platform === p).map((a) => a.config),
          ),
        )
        .filter((i) => i.severity === "error");
      if (blocking.length)
        e.platforms = `Fix what is marked under ${[...new Set(blocking.map((i) => i.platform))].map((p) => accounts.find((a) => a.platform === p)?.platformName ?? p).join(", ")} first, or save a draft.`;
    }
    return Object.fromEntries(Object.entries(e).filter(([, v]) => v));
  }

  function save(m: Mode, opts: SaveOptions = {}) {
    const e = check(m);
    const rrule = buildRRule(recurrence);
    const scheduling = m === "schedule" || m === "add";
    const intent = m === "add" ? ("add_time" as const) : ("schedule" as const);
    const request = (scope: EditScope) => ({ accounts: selected, local: localInput(schedule), timezone: schedule.zone, anchorId, scope, intent });
    // Content with open schedules: the questions come first, nothing is sent before the answers.
    // Publish now moves "the post" to now (never the whole series).
    const edits = editing && (scheduling || m === "now");
    if (edits && !Object.keys(e).length) {
      const changes = !planIsEmpty(planEdit(open, request("post"))) || !!rrule;
      if (m === "schedule" && asksScope(open, anchorId) && changes && !opts.scope) {
        setAsked({ m, opts });
        setQuestion({ step: "scope" });
        return;
      }
      if (m === "schedule" && rrule && opts.scope !== "series")
        e.schedule = "This post already has schedules: to add a repeating series next to them, use Add another time.";
      const plan = planEdit(open, request(opts.scope ?? "post"));
      if (!e.schedule && plan.cancel.length && !opts.confirmed) {
        setAsked({ m, opts });
        setQuestion({ step: "cancel", cancel: plan.cancel });
        return;
      }
    }
    setErrors(e);
    if (Object.keys(e).length) return;
    setMode(m);
    const payload = {
      ...(initial.id ? { id: initial.id, version: initial.version ?? 1 } : {}),
      content: {
        title: body.title.trim(),
        content: storedBody(fields),
        content_type: body.contentType,
        tags,
        media_ids: media.map((x) => x.id),
        // Only where the workspace tracks links: elsewhere the post's choice is kept as it was.
        ...(linkTracking?.enabled ? { link_tracking: postTrackingPayload(tracking) } : {}),
      },
      alt_texts: Object.fromEntries(
        media.filter((x) => (x.altText?.trim() || null) !== (savedAlt[x.id] ?? null)).map((x) => [x.id, x.altText?.trim() || null]),
      ),
      variants: Object.fromEntries(platforms.map((p) => [p, variants[p] ?? null])),
      first_comments: Object.fromEntries(platforms.map((p) => [p, firstComments[p]?.trim() || null])),
      mode: m === "add" ? ("schedule" as const) : m,
      platform_account_ids: m === "draft" ? [] : selected,
      ...(scheduling || m === "now"
        ? { schedule: { scheduled_time: localInput(schedule), timezone: schedule.zone, ...(scheduling && rrule ? { recurrence: { rrule } } : {}) } }
        : {}),
      ...(edits
        ? {
            edit: {
              anchor_id: anchorId,
              scope: opts.scope ?? "post",
              intent,
              known: open.map((s) => ({ id: s.id, version: s.version })),
              confirm_cancel: opts.confirmed ?? [],
            },
          }
        : {}),
    };
    run(
      () => saveComposerAction(payload, ws),
      (data) => {
        // One toast: what happened, whether it waits for a reviewer, and a summary of any warnings.
        const { message, kind } = saveMessage({
          mode: m,
          schedules: data.schedules,
          summary: data.summary,
          warnings: data.warnings,
          waitingForApproval: approval.required,
          keptOpen: editing ? open.length : 0,
        });
        notify(message, kind);
        router.push(`/content/${data.id}`);
        router.refresh();
      },
    );
  }

  function answerScope(scope: EditScope) {
    const a = asked;
    setQuestion(null);
    if (a) save(a.m, { ...a.opts, scope });
  }

  function confirmCancel() {
    const a = asked;
    const cancel = question?.step === "cancel" ? question.cancel.map((s) => s.id) : [];
    setQuestion(null);
    if (a) save(a.m, { ...a.opts, confirmed: cancel });
  }

  const busy = (m: Mode, label: string, busyLabel: string) => (pending && mode === m ? busyLabel : label);
  return (
    <form
      className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_22rem]"
      onSubmit={(e) => {
        e.preventDefault();
        save("draft");
      }}
      noValidate
      aria-label="Composer"
    >
      <div className="min-w-0 space-y-5">
        <section className="card space-y-4" aria-label="Content">
          <BodyFields state={body} onChange={(p) => setBody((b) => ({ ...b, ...p }))} snippets={allSnippets} errors={errors} />
          <MediaPicker media={media} saved={savedAlt} onChange={setMedia} />
        </section>
        <AccountPicker accounts={accounts} selected={selected} onChange={setSelected} error={errors.accounts} />
        {linkTracking?.enabled && <PostLinkTrackingFields value={tracking} onChange={setTracking} base={linkTracking.base} />}
        {platforms.length > 0 && (
          <div className="space-y-4">
            <h2 className="text-base font-semibold">Per platform</h2>
            {platforms.map((p) => (
              <PlatformPanel
                key={p}
                platform={p}
                accounts={chosen.filter((a) => a.platform === p)}
                fields={fields}
                media={media}
                variant={variants[p] ?? ""}
                onVariant={(text) => setVariants((v) => ({ ...v, [p]: text }))}
                firstComment={firstComments[p] ?? ""}
                onFirstComment={(text) => setFirstComments((v) => ({ ...v, [p]: text }))}
              />
            ))}
          </div>
        )}
      </div>
      <aside className="min-w-0 space-y-5">
        <div className="card">
          <SchedulePicker
            value={schedule}
            onChange={setSchedule}
            recurrence={recurrence}
            onRecurrence={setRecurrence}
            zones={zones}
            accounts={chosen}
            accountIds={selected}
            error={errors.schedule}
          />
        </div>
        <CheckPanel
          draft={{
            title: body.title,
            content: storedBody(fields),
            contentType: body.contentType,
            tags,
            mediaIds: media.map((m) => m.id),
            altTexts: media.map((m) => m.altText ?? null),
            variants,
            platforms,
          }}
        />
        <div className="card space-y-3">
          {editing && itemApproval?.waiting ? (
            <div
              className="space-y-2 rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
              data-testid="waiting-for-approval"
            >
              <p>
                <strong>Scheduled — waiting for approval.</strong>{" "}
                {itemApproval.inReview
                  ? "A reviewer has this version; nothing goes out until it is approved."
                  : "Nothing goes out until a reviewer approves this version."}
              </p>
              {itemApproval.canSubmit && initial.id && ws && <SubmitButton contentId={initial.id} workspaceId={ws} />}
            </div>
          ) : (
            approval.required && (
              <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
                This workspace requires approval for your posts: scheduled posts wait until a reviewer approves this version.
              </p>
            )
          )}
          {errors.platforms && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-300">
              {errors.platforms}
            </p>
          )}
          <FormError message={error} />
          <div className="grid grid-cols-2 gap-2">
            <button type="button" className="btn-primary col-span-2" disabled={pending} onClick={() => save("schedule")}>
              {busy("schedule", "Schedule", "Scheduling…")}
            </button>
            {editing && (
              <button type="button" className="btn-secondary col-span-2" disabled={pending} onClick={() => save("add")}>
                {busy("add", "Add another time", "Adding…")}
              </button>
            )}
            <button type="submit" className="btn-secondary" disabled={pending}>
              {busy("draft", "Save draft", "Saving…")}
            </button>
            <button type="button" className="btn-secondary" disabled={pending} onClick={() => save("now")}>
              {busy("now", "Publish now", "Publishing…")}
            </button>
            {!editing && (
              <button
                type="button"
                className="btn-secondary col-span-2"
                disabled={pending}
                onClick={() => save("queue")}
                title="The first free posting slot of each chosen account"
              >
                {busy("queue", "Next free slot", "Queueing…")}
              </button>
            )}
            {!editing && (
              <button
                type="button"
                className="btn-secondary col-span-2"
                disabled={pending}
                onClick={() => save("best")}
                title="Each chosen account at its own best free time in the next two weeks"
              >
                {busy("best", "Best free time", "Finding the best times…")}
              </button>
            )}
          </div>
          {editing ? (
            <ul className="list-disc space-y-1 pl-4 text-xs text-slate-600 dark:text-slate-400" data-testid="save-explained">
              <li>
                Schedule moves the {posts(open.length)} scheduled to the date and time above; a newly ticked account is added, an unticked one is cancelled (you
                confirm first).
              </li>
              <li>Add another time keeps them and adds the time above for the ticked accounts.</li>
              <li>Publish now sends it now instead of at its time.</li>
              <li>Save draft saves your changes and keeps the scheduled posts as they are.</li>
            </ul>
          ) : (
            <p className="text-xs text-slate-600 dark:text-slate-400">
              Next free slot uses each account&apos;s posting slots (set under the account&apos;s queue times). Best free time puts each account&apos;s post at
              its best-scoring free time in the next two weeks, keeping its gap, daily cap and blackouts.
            </p>
          )}
        </div>
      </aside>
      <ScheduleEditDialog
        question={question}
        onScope={answerScope}
        onConfirm={confirmCancel}
        onClose={() => {
          setQuestion(null);
          setAsked(null);
        }}
      />
    </form>
  );
}
