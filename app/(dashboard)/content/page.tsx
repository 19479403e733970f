import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/PageHeader";
import { ComingSoon } from "@/components/ui/ComingSoon";

export const metadata: Metadata = { title: "Content" };

export default function Page() {
  return (
    <>
      <PageHeader title="Content" />
      <ComingSoon what="The content list, composer and CSV import arrive with the content API." />
    </>
  );
}
