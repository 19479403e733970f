import { ComingSoonPage } from "@/components/ui/ComingSoon";

export const metadata = { title: "Calendar" };

export default function Page() {
  return <ComingSoonPage title="Calendar" what="The drag-and-drop calendar arrives with the dashboard work." />;
}
