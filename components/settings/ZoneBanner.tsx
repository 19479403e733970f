"use client";
import { useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { setPreferencesAction } from "@/app/_actions/scheduling-settings";
import { confirmZoneAction } from "@/app/_actions/zone";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useBrowserZone } from "@/components/ui/useBrowserZone";
import { currentZoneName } from "@/lib/time/names";
import { inWords } from "./messages";

const shown = (zone: string) => zone.replace(/_/g, " ");

/**
 * Offers the browser's zone to a person who never confirmed one (people from before zones were
 * asked, invited people who joined elsewhere). One click sets or keeps it, and the banner is gone
 * for good. When the browser already agrees with the stored zone there is nothing to ask: it is
 * confirmed quietly. Rendered only after hydration (the server cannot know the browser's zone).
 */
export function ZoneBanner({ zone, confirmed }: { zone: string; confirmed: boolean }) {
  const browser = useBrowserZone();
  const router = useRouter();
  const { pending, error, run } = useActionRunner();
  const [done, setDone] = useState(false);
  const quietly = useRef(false);
  // A zone stored under an old name ("Asia/Calcutta") is the browser's own ("Asia/Kolkata").
  const same = browser !== null && browser === currentZoneName(zone);

  useEffect(() => {
    if (confirmed || !same || quietly.current) return;
    quietly.current = true;
    void confirmZoneAction({ timezone: zone });
  }, [confirmed, same, zone]);

  if (confirmed || done || browser === null || same) return null;
  const choose = (timezone: string) =>
    run(
      () => setPreferencesAction({ timezone }),
      () => {
        setDone(true);
        router.refresh();
      },
    );
  return (
    <section
      aria-label="Time zone"
      data-testid="zone-banner"
      className="mb-5 rounded-lg border border-brand-100 bg-brand-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-0 flex-[1_1_16rem]">
          Your browser is in <strong>{shown(browser)}</strong>; times here show in <strong>{shown(zone)}</strong>.
        </p>
        <div className="flex flex-wrap gap-2">
          <button type="button" className="btn-primary py-1" disabled={pending} onClick={() => choose(browser)}>
            Use {shown(browser)}
          </button>
          <button type="button" className="btn-secondary py-1" disabled={pending} onClick={() => choose(zone)}>
            Keep {shown(zone)}
          </button>
        </div>
      </div>
      <FormError message={inWords(error)} />
    </section>
  );
}
