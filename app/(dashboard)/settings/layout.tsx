import { PageHeader } from "@/components/ui/PageHeader";
import { SettingsTabs } from "@/components/settings/SettingsTabs";

export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsTabs />
      <div className="mt-5">{children}</div>
    </>
  );
}
