import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { getLinkTracking, linkTrackingView } from "@/lib/links";
import { LinkTrackingForm } from "@/components/links/LinkTrackingForm";

export const metadata: Metadata = { title: "Link tracking" };

export default async function LinkTrackingPage() {
  const { db, actor } = await requireMember();
  const view = linkTrackingView(await getLinkTracking(db, actor.workspaceId));
  return <LinkTrackingForm key={JSON.stringify(view)} initial={view} canManage={can(actor.role, "workspace:manage")} workspaceId={actor.workspaceId} />;
}
