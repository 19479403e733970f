import { ComingSoonPage } from "@/components/ui/ComingSoon";

export const metadata = { title: "Content" };

export default function Page() {
  return <ComingSoonPage title="Content" what="The content list, composer and CSV import arrive with the content API." />;
}
