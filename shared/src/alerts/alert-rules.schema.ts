import { z } from 'zod';

/**
 * The alert rules Uptake evaluates. A new rule is one key here, its settings in
 * `AlertRulesSchema`, and one pure function registered on the server (server/src/alerts/rules/).
 */
export const ALERT_RULE_KEYS = ['behind_ramp', 'week_drop', 'sync_stale', 'shelfware'] as const;
export type AlertRuleKey = (typeof ALERT_RULE_KEYS)[number];
export const AlertRuleKeySchema = z.enum(ALERT_RULE_KEYS, { message: `expected one of ${ALERT_RULE_KEYS.join(', ')}` });

const enabled = z.boolean().default(true);

/** The `alerts:` section of the launch plan: every rule is on by default with the defaults below. */
export const AlertRulesSchema = z.strictObject({
  behind_ramp: z.strictObject({ enabled, days: z.number().int('days must be a whole number').min(1).max(365).default(7) }).prefault({}),
  week_drop: z.strictObject({ enabled, points: z.number().gt(0, 'points must be greater than 0').max(100).default(10) }).prefault({}),
  sync_stale: z
    .strictObject({ enabled, periods: z.number().int('periods must be a whole number').min(1).max(100).default(2) })
    .prefault({}),
  shelfware: z
    .strictObject({ enabled, share: z.number().gt(0, 'share must be greater than 0').max(1, 'share must be at most 1').default(0.3) })
    .prefault({}),
});

export type AlertRulesInput = z.input<typeof AlertRulesSchema>;
export type AlertRules = z.output<typeof AlertRulesSchema>;

/** The rules' settings when the plan says nothing (or there is no plan). */
export const DEFAULT_ALERT_RULES: AlertRules = AlertRulesSchema.parse({});

export interface AlertRuleDescription {
  label: string;
  /** What the rule checks, with its setting, in one sentence. */
  describe(rules: AlertRules): string;
}

export const ALERT_RULE_DESCRIPTIONS: Record<AlertRuleKey, AlertRuleDescription> = {
  behind_ramp: {
    label: 'Behind the ramp',
    describe: (rules) =>
      `A department's metric is worse than the plan's ramp (expected value) on each of the last ${rules.behind_ramp.days} days with snapshots.`,
  },
  week_drop: {
    label: 'Week-over-week drop',
    describe: (rules) =>
      `A department's share metric is more than ${rules.week_drop.points} points worse than 7 days before (a rise for lower-is-better metrics).`,
  },
  sync_stale: {
    label: 'Failing or stale sync',
    describe: (rules) => `An enabled connection has had no successful sync for ${rules.sync_stale.periods} periods of its schedule.`,
  },
  shelfware: {
    label: 'Shelfware',
    describe: (rules) =>
      `Seats without a monthly active user are more than ${Math.round(rules.shelfware.share * 1000) / 10}% of a department's seats.`,
  },
};
