import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { prefillSchedule, NO_RECURRENCE } from "@/lib/composer/schedule";
import { PageHeader } from "@/components/ui/PageHeader";
import { Composer } from "@/components/composer/Composer";
import { composerContext, timeZones } from "./data";

export const metadata: Metadata = { title: "New content" };

/** The composer for new content; a calendar slot opens it as ?at=<ISO instant>&zone=<IANA zone>. */
export default async function NewContentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { db, actor } = await requireMember();
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  if (!can(actor.role, "content:write")) {
    return (
      <>
        <PageHeader title="New content" />
        <p className="card text-sm text-slate-700 dark:text-slate-300">Viewers can read content but not write it. Ask an admin for the editor role.</p>
      </>
    );
  }
  const { accounts, zone, approval, snippets, linkTracking } = await composerContext(db, actor);
  const schedule = prefillSchedule({ at: one(sp.at), zone: one(sp.zone) }, zone);
  return (
    <>
      <PageHeader title="New content" description="Write once, adjust per platform, then schedule, publish or save a draft." />
      <Composer
        accounts={accounts}
        zones={timeZones()}
        approval={approval}
        snippets={snippets}
        linkTracking={linkTracking}
        initial={{
          id: null,
          version: null,
          status: "draft",
          title: "",
          body: "",
          contentType: "post",
          parts: [""],
          tags: [],
          media: [],
          variants: {},
          firstComments: {},
          accountIds: [],
          schedule,
          recurrence: NO_RECURRENCE,
        }}
      />
    </>
  );
}
