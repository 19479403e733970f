"use client";
import { useId } from "react";

export interface PostTrackingState {
  track: boolean;
  campaign: string;
}

/** The composer's part of link tracking: opt this post out, or name its campaign. */
export function PostLinkTrackingFields({ value, onChange, base }: { value: PostTrackingState; onChange: (v: PostTrackingState) => void; base: string }) {
  const id = useId();
  return (
    <fieldset className="card space-y-2" data-testid="post-link-tracking">
      <legend className="text-base font-semibold">Link tracking</legend>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={value.track} onChange={(e) => onChange({ ...value, track: e.target.checked })} />
        <span>
          <span className="font-medium">Track the links in this post</span>
          <span className="block break-words text-slate-600 dark:text-slate-400">
            Links go out as short links under {base}/l/ and are counted with the short length.
          </span>
        </span>
      </label>
      {value.track && (
        <div>
          <label htmlFor={`${id}-campaign`} className="label">
            Campaign (utm_campaign, optional)
          </label>
          <input
            id={`${id}-campaign`}
            className="input w-full"
            maxLength={100}
            value={value.campaign}
            placeholder="first tag"
            onChange={(e) => onChange({ ...value, campaign: e.target.value.replace(/[{}]/g, "") })}
          />
        </div>
      )}
    </fieldset>
  );
}

/** The content's `link_tracking` for a save: null when the post follows the workspace. */
export function postTrackingPayload(v: PostTrackingState): { enabled?: false; utm_campaign?: string } | null {
  if (!v.track) return { enabled: false };
  const campaign = v.campaign.trim();
  return campaign ? { utm_campaign: campaign } : null;
}
