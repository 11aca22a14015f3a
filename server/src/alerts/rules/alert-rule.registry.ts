import type { AlertRuleKey, AlertRules } from '@uptake/shared';
import type { AlertCondition, AlertFacts, AlertRule } from './alert-rule';
import { behindRampRule } from './behind-ramp.rule';
import { shelfwareRule } from './shelfware.rule';
import { syncStaleRule } from './sync-stale.rule';
import { weekDropRule } from './week-drop.rule';

/** Every rule, by key: a rule key without its function does not compile. */
export const ALERT_RULES: { [K in AlertRuleKey]: AlertRule<K> } = {
  behind_ramp: behindRampRule,
  week_drop: weekDropRule,
  sync_stale: syncStaleRule,
  shelfware: shelfwareRule,
};

function ruleOf<K extends AlertRuleKey>(key: K): AlertRule<K> {
  return ALERT_RULES[key];
}

/** Days of snapshots before the evaluated day that the enabled rules need. */
export function lookBackDays(settings: AlertRules): number {
  return Math.max(
    0,
    ...(Object.keys(ALERT_RULES) as AlertRuleKey[])
      .filter((key) => settings[key].enabled)
      .map((key) => ruleOf(key).lookBackDays(settings[key] as never)),
  );
}

/** The conditions of every enabled rule that hold for the facts. */
export function evaluateRules(facts: AlertFacts, settings: AlertRules): AlertCondition[] {
  return (Object.keys(ALERT_RULES) as AlertRuleKey[])
    .filter((key) => settings[key].enabled)
    .flatMap((key) => ruleOf(key).evaluate(facts, settings[key] as never));
}
