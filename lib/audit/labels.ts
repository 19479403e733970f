/** Audit actions in words, for the audit screen; the stored names stay as they are. */
const LABELS: Record<string, string> = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.two_factor_enabled": "Two-factor sign-in turned on",
  "auth.two_factor_disabled": "Two-factor sign-in turned off",
  "auth.recovery_code_used": "Recovery code used",
  "auth.recovery_codes_renewed": "New recovery codes made",
  "auth.password_reset_requested": "Password reset requested",
  "auth.password_reset_link_created": "Password reset link made by an admin",
  "auth.password_reset": "Password reset",
  "auth.password_changed": "Password changed",
  "workspace.two_factor_requirement": "Two-factor requirement changed",
  "workspace.link_tracking": "Link tracking settings changed",
  "token.create": "API token created",
  "token.revoke": "API token revoked",
  "evergreen.create": "Evergreen category created",
  "evergreen.update": "Evergreen category changed",
  "evergreen.delete": "Evergreen category deleted",
  "evergreen.items_add": "Items added to an evergreen category",
  "evergreen.items_remove": "Items removed from an evergreen category",
  "evergreen.fill": "Empty slots filled from an evergreen category",
  "feed.create": "Feed added",
  "feed.update": "Feed changed",
  "feed.delete": "Feed deleted",
  "feed.poll": "Feed polled by hand",
  "review_link.create": "Review link shared",
  "review_link.revoke": "Review link revoked",
  "review_link.decide": "Decision through a review link",
  "schedule.comment_retry": "First comment retried",
};

/** `template.update` reads "Template: update" unless it has words of its own above. */
export function actionLabel(action: string): string {
  const known = LABELS[action];
  if (known) return known;
  const [subject, ...rest] = action.split(".");
  const words = (s: string) => s.replaceAll("_", " ");
  if (!rest.length) return words(action);
  const s = words(subject!);
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}: ${words(rest.join(" "))}`;
}
