import { ComingSoonPage } from "@/components/ui/ComingSoon";

export const metadata = { title: "Jobs" };

export default function Page() {
  return <ComingSoonPage title="Jobs" what="The job monitor arrives with the publishing engine." />;
}
