import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { getRetention, previewRetention } from "@/lib/retention";
import { RetentionForm } from "@/components/settings/RetentionForm";

export const metadata: Metadata = { title: "Retention" };

export default async function RetentionPage() {
  const { db, actor } = await requireMember();
  const view = await getRetention(db, actor);
  const preview = await previewRetention(db, actor, {});
  return <RetentionForm key={JSON.stringify(view.settings)} view={view} preview={preview} canEdit={can(actor.role, "workspace:manage")} />;
}
