import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { getGateRules } from "@/lib/gates";
import { QualityGatesForm } from "@/components/gates/QualityGatesForm";

export const metadata: Metadata = { title: "Quality gates" };

export default async function QualityGatesPage() {
  const { db, actor } = await requireMember();
  const rules = await getGateRules(db, actor.workspaceId);
  return <QualityGatesForm key={JSON.stringify(rules)} initial={rules} canEdit={can(actor.role, "workspace:manage")} />;
}
