import type { AlertRuleKey, Role } from '@uptake/shared';
import { hiddenGroups } from '../auth/complementary-suppression.util';
import type { DeliveryTarget } from './alert.repository';
import type { StoredSubscription } from './alert-subscription.repository';

/** Who reads an alert: an account (role, a trainer's departments), or a webhook (its channel's readers have no role). */
export type AlertReader = { role: Role; departments: readonly string[] } | 'webhook';

export interface AlertScope {
  rule: AlertRuleKey;
  department: string;
}

/**
 * Departments whose alerts are hidden from roles that see aggregates only (executive, viewer, and
 * webhooks): small groups and the groups hidden with them so that none can be worked out
 * (complementary-suppression.util.ts), from the seat holders of the evaluated day.
 */
export function departmentsHiddenFromAggregates(
  seatHolders: ReadonlyArray<{ department: string; seatHolders: number }>,
  total: number | null,
  minGroupSize: number,
): Set<string> {
  const groups = seatHolders.map((entry) => ({ name: entry.department, size: entry.seatHolders, seen: false }));
  return hiddenGroups(groups, { size: total, seen: false }, minGroupSize).hidden;
}

/**
 * Whether `reader` may see an alert. Admins see every alert. Installation-wide alerts (a
 * connection's sync) go to admins and webhooks only. A trainer sees the alerts of their own
 * departments only; executives, viewers and webhooks those of departments not hidden as small groups.
 */
export function maySee(alert: AlertScope, reader: AlertReader, hiddenDepartments: ReadonlySet<string>): boolean {
  if (reader !== 'webhook' && reader.role === 'admin') return true;
  if (alert.department === '*') return reader === 'webhook';
  if (reader !== 'webhook' && reader.role === 'trainer') return reader.departments.includes(alert.department);
  return !hiddenDepartments.has(alert.department);
}

export interface RecipientAccount {
  id: number;
  email: string;
  role: Role;
  departments: readonly string[];
  disabled: boolean;
}

export interface RecipientWebhook {
  id: number;
  name: string;
  departments: readonly string[];
}

/** An account's choice, or its role's default: admins get every alert, other roles none until they subscribe. */
export function effectiveSubscription(
  account: Pick<RecipientAccount, 'id' | 'role'>,
  stored: StoredSubscription | undefined,
): Pick<StoredSubscription, 'departments' | 'rules' | 'active'> {
  return stored ?? { departments: [], rules: [], active: account.role === 'admin' };
}

function wants(subscription: Pick<StoredSubscription, 'departments' | 'rules' | 'active'>, alert: AlertScope): boolean {
  if (!subscription.active) return false;
  if (subscription.rules.length > 0 && !subscription.rules.includes(alert.rule)) return false;
  return alert.department === '*' || subscription.departments.length === 0 || subscription.departments.includes(alert.department);
}

/** The outbox rows of a new alert: each enabled account that subscribed to it and may see it (when email is set up), and each webhook it matches. */
export function deliveryTargets(
  alert: AlertScope,
  recipients: {
    accounts: readonly RecipientAccount[];
    subscriptions: ReadonlyMap<number, StoredSubscription>;
    webhooks: readonly RecipientWebhook[];
    hiddenDepartments: ReadonlySet<string>;
    emailEnabled: boolean;
  },
): DeliveryTarget[] {
  const targets: DeliveryTarget[] = [];
  if (recipients.emailEnabled) {
    for (const account of recipients.accounts) {
      if (account.disabled || !maySee(alert, account, recipients.hiddenDepartments)) continue;
      if (!wants(effectiveSubscription(account, recipients.subscriptions.get(account.id)), alert)) continue;
      targets.push({ channel: 'email', targetId: account.id, recipient: account.email });
    }
  }
  for (const webhook of recipients.webhooks) {
    if (!maySee(alert, 'webhook', recipients.hiddenDepartments)) continue;
    if (alert.department !== '*' && webhook.departments.length > 0 && !webhook.departments.includes(alert.department)) continue;
    targets.push({ channel: 'webhook', targetId: webhook.id, recipient: webhook.name });
  }
  return targets;
}
