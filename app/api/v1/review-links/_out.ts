import { appKeyring } from "@/lib/crypto/keyring";
import { getConfig } from "@/lib/config";
import { linkStatus, linkUrl } from "@/lib/review-links/manage";
import { reviewLinkOut } from "@/lib/operations/shapes";
import type { ReviewDecisionRow, ReviewLinkRow } from "@/db/queries/review-links";

/** A link as the API answers it, its secret URL read back from the sealed token. */
export function linkOut({ link, decisions }: { link: ReviewLinkRow; decisions: ReviewDecisionRow[] }) {
  const base = getConfig().publicUrl ?? getConfig().nextauthUrl;
  return reviewLinkOut(link, { url: linkUrl(appKeyring(), link, base), status: linkStatus(link), decisions });
}
