import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { PLATFORMS } from "@/adapters/types";
import { can } from "@/lib/auth/permissions";
import { platformName } from "@/adapters/registry";
import { formatFor } from "@/app/_server/format";
import { listTemplatesWithVersions } from "@/lib/templates";
import { listHashtagGroups, listSignatures } from "@/lib/templates/snippets";
import { TemplateManager } from "@/components/templates/TemplateManager";
import { HashtagGroups } from "@/components/templates/HashtagGroups";
import { Signatures } from "@/components/templates/Signatures";
import type { TemplateItem } from "@/components/templates/types";

export const metadata: Metadata = { title: "Templates" };

const names = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);

/** Templates (with their versions), hashtag groups and signatures of the workspace. */
export default async function TemplatesPage() {
  const { db, actor } = await requireMember();
  const [{ templates: rows, versions }, groups, signatures, fmt] = await Promise.all([
    listTemplatesWithVersions(db, actor),
    listHashtagGroups(db, actor),
    listSignatures(db, actor),
    formatFor(db, actor),
  ]);
  const templates: TemplateItem[] = rows.map((t) => ({
    id: t.id,
    name: t.name,
    body: t.body,
    variables: names(t.variables),
    platforms: t.defaultPlatforms ?? [],
    tags: t.defaultTags ?? [],
    version: t.currentVersion,
    versions: (versions.get(t.id) ?? []).map((v) => ({
      version: v.version,
      name: v.name,
      body: v.body,
      platforms: v.defaultPlatforms ?? [],
      tags: v.defaultTags ?? [],
      by: v.createdByName,
      when: fmt.dateTime(v.createdAt),
    })),
  }));
  const options = PLATFORMS.map((id) => ({ id, name: platformName(id) }));
  const canWrite = can(actor.role, "content:write");
  return (
    <div className="space-y-8">
      <section aria-labelledby="tpl-heading" className="space-y-3">
        <div>
          <h2 id="tpl-heading" className="text-lg font-semibold">
            Templates
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Reusable texts for the composer&apos;s Insert menu. Every save keeps a version you can restore.
          </p>
        </div>
        <TemplateManager templates={templates} options={options} canWrite={canWrite} />
      </section>
      <section aria-labelledby="snippets-heading" className="space-y-3">
        <div>
          <h2 id="snippets-heading" className="text-lg font-semibold">
            Hashtag groups and signatures
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">Offered in the composer while one of their platforms is being edited.</p>
        </div>
        <HashtagGroups
          groups={groups.map((g) => ({ id: g.id, name: g.name, hashtags: g.hashtags, platforms: g.platforms ?? [] }))}
          options={options}
          canWrite={canWrite}
        />
        <Signatures
          signatures={signatures.map((s) => ({ id: s.id, name: s.name, body: s.body, platform: s.platform }))}
          options={options}
          canWrite={canWrite}
        />
      </section>
    </div>
  );
}
