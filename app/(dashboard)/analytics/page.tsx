import { ComingSoonPage } from "@/components/ui/ComingSoon";

export const metadata = { title: "Analytics" };

export default function Page() {
  return <ComingSoonPage title="Analytics" what="Charts arrive with the dashboard work." />;
}
