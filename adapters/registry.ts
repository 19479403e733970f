/**
 * Every platform's static descriptor and validator, keyed by PlatformId. Plain data plus pure
 * functions, so the content API and the composer (client side) import the same module.
 */
import * as bluesky from "./bluesky/descriptor";
import * as devto from "./devto/descriptor";
import * as facebook from "./facebook/descriptor";
import * as instagram from "./instagram/descriptor";
import * as linkedin from "./linkedin/descriptor";
import * as mastodon from "./mastodon/descriptor";
import * as medium from "./medium/descriptor";
import * as sandbox from "./sandbox/descriptor";
import * as threads from "./threads/descriptor";
import * as webhook from "./webhook/descriptor";
import * as wordpress from "./wordpress/descriptor";
import * as x from "./x/descriptor";
import { commentIssues } from "./comments";
import { PLATFORMS } from "./types";
import type { PlatformDescriptor, PlatformId, PostDraft, ValidationIssue, Validator } from "./types";

export { measureText, THREAD_JOINER } from "./rules";

const MODULES: Record<PlatformId, { descriptor: PlatformDescriptor; validate: Validator }> = {
  sandbox,
  x,
  linkedin,
  threads,
  devto,
  medium,
  // Each Mastodon server sets its own length; verification stores it as config.max_characters.
  mastodon: {
    descriptor: mastodon.descriptor,
    validate: (draft, config) => {
      const max = config?.max_characters;
      return mastodon.validate(draft, typeof max === "number" && Number.isInteger(max) && max > 0 ? max : 500);
    },
  },
  bluesky,
  facebook,
  instagram,
  wordpress,
  webhook,
};

export const DESCRIPTORS: Record<PlatformId, PlatformDescriptor> = Object.fromEntries(PLATFORMS.map((id) => [id, MODULES[id].descriptor])) as Record<
  PlatformId,
  PlatformDescriptor
>;

export function isPlatformId(value: unknown): value is PlatformId {
  return typeof value === "string" && (PLATFORMS as readonly string[]).includes(value);
}

/** The platform's display name ("Mastodon"), or the stored id for a platform this version lacks. */
export function platformName(platform: string): string {
  return isPlatformId(platform) ? DESCRIPTORS[platform].name : platform;
}

export function getDescriptor(id: PlatformId): PlatformDescriptor {
  return DESCRIPTORS[id];
}

/** The platform's issues with a draft; pass the account's config to apply what it learned. */
export function validateFor(id: PlatformId, draft: PostDraft, accountConfig?: Record<string, unknown> | null): ValidationIssue[] {
  return [...MODULES[id].validate(draft, accountConfig), ...commentIssues(id, MODULES[id].descriptor.name, draft, accountConfig)];
}

/**
 * All issues for all requested platforms: platforms in the order given (repeats ignored), each
 * platform's issues in its rules' fixed order, so the same draft always yields the same list.
 */
export function validateForPlatforms(draft: PostDraft, platforms: readonly PlatformId[]): ValidationIssue[] {
  return [...new Set(platforms)].flatMap((id) => validateFor(id, draft));
}
