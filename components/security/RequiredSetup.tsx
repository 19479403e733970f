"use client";
import { useRouter } from "next/navigation";
import { TwoFactorSetup } from "./TwoFactorSetup";

/** The enrolment a workspace requires; once done, on to the dashboard. */
export function RequiredSetup() {
  const router = useRouter();
  return (
    <TwoFactorSetup
      onDone={() => {
        router.replace("/");
        router.refresh();
      }}
    />
  );
}
