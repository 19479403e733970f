import { ComingSoonPage } from "@/components/ui/ComingSoon";

export const metadata = { title: "Approvals" };

export default function Page() {
  return <ComingSoonPage title="Approvals" what="Approvals and review comments arrive with the team workflow." />;
}
