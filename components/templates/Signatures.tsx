"use client";
import { createSignatureAction, deleteSignatureAction, updateSignatureAction } from "@/app/_actions/templates";
import { SnippetLibrary, type SnippetKind } from "./SnippetLibrary";
import type { PlatformOption, SignatureItem } from "./types";

const signature: SnippetKind<SignatureItem, { body: string; platform: string | null }> = {
  noun: "signature",
  title: "Signatures",
  titleId: "signatures-title",
  rowPrefix: "sig",
  addPrefix: "new-signature",
  rowTestId: "signature-row",
  addLabel: "Add signature",
  unnamed: "Give the signature a name.",
  emptyHint: "Add one to close posts the same way every time.",
  Fields: ({ prefix, value, options, pending }) => (
    <>
      <div>
        <label htmlFor={`${prefix}-platform`} className="label">
          Platform
        </label>
        <select id={`${prefix}-platform`} name="platform" className="input" defaultValue={value?.platform ?? ""} disabled={pending}>
          <option value="">Every platform</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <div className="col-span-full">
        <label htmlFor={`${prefix}-body`} className="label">
          Text
        </label>
        <textarea id={`${prefix}-body`} name="body" rows={2} className="input h-auto" maxLength={2000} defaultValue={value?.body} disabled={pending} />
      </div>
    </>
  ),
  read: (fd) => {
    const body = String(fd.get("body") ?? "");
    return body.trim() ? { body, platform: String(fd.get("platform") ?? "") || null } : "Write the signature's text.";
  },
  text: (s) => s.body,
  textClass: "whitespace-pre-wrap text-sm break-words",
  platforms: (s) => (s.platform ? [s.platform] : []),
  create: createSignatureAction,
  update: updateSignatureAction,
  remove: deleteSignatureAction,
};

/** Signatures: a closing line inserted at the caret, for one platform or all of them. */
export function Signatures({ signatures, options, canWrite }: { signatures: SignatureItem[]; options: PlatformOption[]; canWrite: boolean }) {
  return <SnippetLibrary kind={signature} items={signatures} options={options} canWrite={canWrite} />;
}
