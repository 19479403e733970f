/**
 * What each kind of rule sees now, per subject: the value, whether it breaches the rule (fire
 * side) and whether it is clear (resolve side, past the hysteresis margin). A value between the
 * two holds whatever state the alert is in.
 */
import type { Db } from "@/db/client";
import { accountsInTrouble, attemptTotals, attemptsByPlatform, engagementByPlatform, liveRunnerCount, workspaceQueueLag } from "@/db/queries/alert-measures";
import { platformName } from "@/adapters/registry";
import { HYSTERESIS, type AlertParams, type AlertRuleKind, type AnyAlertParams } from "./kinds";

export interface Observation {
  /** "" for the rule as a whole; a platform id or an account id otherwise. */
  subject: string;
  label: string | null;
  value: number;
  threshold: number;
  breach: boolean;
  clear: boolean;
  /** Why it counts as clear when that is not the value recovering (too little data to judge). */
  clearReason?: "insufficient_data";
  extra?: Record<string, unknown>;
}

export async function observe(db: Db, workspaceId: string, kind: AlertRuleKind, params: AnyAlertParams, now: Date): Promise<Observation[]> {
  switch (kind) {
    case "failure_rate": {
      const p = params as AlertParams["failure_rate"];
      const t = await attemptTotals(db, workspaceId, p.window_minutes, now);
      const rate = t.attempts ? (100 * t.failed) / t.attempts : 0;
      const enough = t.attempts >= p.min_attempts;
      return [
        {
          subject: "",
          label: null,
          value: rate,
          threshold: p.over_percent,
          breach: enough && rate > p.over_percent,
          clear: !enough || rate <= p.over_percent * (1 - HYSTERESIS),
          ...(enough ? {} : { clearReason: "insufficient_data" as const }),
          extra: { attempts: t.attempts, failed: t.failed },
        },
      ];
    }
    case "platform_down": {
      const p = params as AlertParams["platform_down"];
      // A platform with no attempts in the window does not appear: its open alert counts as clear.
      return (await attemptsByPlatform(db, workspaceId, p.window_minutes, now)).map((r) => ({
        subject: r.platform,
        label: platformName(r.platform),
        value: r.failures,
        threshold: p.min_attempts,
        breach: r.successes === 0 && r.failures >= p.min_attempts,
        // One success, or no failure left in the window: the platform takes posts again.
        clear: r.successes > 0 || r.failures === 0,
        extra: { failures: r.failures, successes: r.successes },
      }));
    }
    case "queue_lag": {
      const p = params as AlertParams["queue_lag"];
      const q = await workspaceQueueLag(db, workspaceId, now);
      return [
        {
          subject: "",
          label: null,
          value: Math.round(q.lagSeconds),
          threshold: p.over_seconds,
          breach: q.lagSeconds > p.over_seconds,
          clear: q.lagSeconds <= p.over_seconds * (1 - HYSTERESIS),
          extra: { due: q.due },
        },
      ];
    }
    case "no_runner": {
      const p = params as AlertParams["no_runner"];
      const live = await liveRunnerCount(db, p.stale_seconds, now);
      return [{ subject: "", label: null, value: live, threshold: p.min_runners, breach: live < p.min_runners, clear: live >= p.min_runners }];
    }
    case "account_reconnect": {
      const p = params as AlertParams["account_reconnect"];
      // Accounts that are fine again (or deleted) are absent: their open alerts count as clear.
      return (await accountsInTrouble(db, workspaceId, p.include_errors)).map((a) => ({
        subject: a.id,
        label: `${a.name} (${platformName(a.platform)})`,
        value: 1,
        threshold: 1,
        breach: true,
        clear: false,
        extra: { status: a.status, reason: a.reason, platform: a.platform },
      }));
    }
    case "engagement_low": {
      const p = params as AlertParams["engagement_low"];
      return (await engagementByPlatform(db, workspaceId, p.period_hours, now, p.platform)).map((r) => {
        const value = r.rate * 100;
        const enough = r.posts >= p.min_posts;
        return {
          subject: r.platform,
          label: platformName(r.platform),
          value,
          threshold: p.below_percent,
          breach: enough && value < p.below_percent,
          clear: !enough || value >= p.below_percent * (1 + HYSTERESIS),
          ...(enough ? {} : { clearReason: "insufficient_data" as const }),
          extra: { posts: r.posts },
        };
      });
    }
  }
}
