"use client";
import { createHashtagGroupAction, deleteHashtagGroupAction, updateHashtagGroupAction } from "@/app/_actions/templates";
import { PlatformChecks } from "./PlatformChecks";
import { SnippetLibrary, type SnippetKind } from "./SnippetLibrary";
import type { HashtagGroupItem, PlatformOption } from "./types";

const hashtagGroup: SnippetKind<HashtagGroupItem, { hashtags: string[]; platforms: string[] }> = {
  noun: "hashtag group",
  title: "Hashtag groups",
  titleId: "groups-title",
  rowPrefix: "group",
  addPrefix: "new-group",
  rowTestId: "hashtag-group-row",
  addLabel: "Add group",
  unnamed: "Give the group a name.",
  emptyHint: "Add one to insert several hashtags at once.",
  Fields: ({ prefix, value, options, pending }) => (
    <>
      <div>
        <label htmlFor={`${prefix}-tags`} className="label">
          Hashtags <span className="font-normal text-slate-600 dark:text-slate-400">(spaces or commas between)</span>
        </label>
        <input
          id={`${prefix}-tags`}
          name="hashtags"
          className="input"
          defaultValue={value?.hashtags.join(" ")}
          placeholder="#launch #news"
          disabled={pending}
        />
      </div>
      <PlatformChecks name="platforms" legend="Offer it for" options={options} value={value?.platforms} disabled={pending} />
    </>
  ),
  read: (fd) => {
    const hashtags = String(fd.get("hashtags") ?? "")
      .split(/[\s,]+/)
      .map((h) => h.trim())
      .filter((h) => h && h !== "#");
    return hashtags.length ? { hashtags, platforms: fd.getAll("platforms").map(String) } : "Add at least one hashtag.";
  },
  text: (g) => g.hashtags.join(" "),
  textClass: "text-sm break-words",
  platforms: (g) => g.platforms,
  create: createHashtagGroupAction,
  update: updateHashtagGroupAction,
  remove: deleteHashtagGroupAction,
};

/** Hashtag groups: a set of hashtags inserted together, optionally only for some platforms. */
export function HashtagGroups({ groups, options, canWrite }: { groups: HashtagGroupItem[]; options: PlatformOption[]; canWrite: boolean }) {
  return <SnippetLibrary kind={hashtagGroup} items={groups} options={options} canWrite={canWrite} />;
}
