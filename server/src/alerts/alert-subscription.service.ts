import { Injectable } from '@nestjs/common';
import { AlertSubscriptionUpdateSchema, formatIssuePath, type AlertSubscription, type AlertSubscriptionUpdate } from '@uptake/shared';
import { AccountRepository } from '../auth/account.repository';
import { DepartmentDirectory } from '../auth/department-directory.provider';
import { assertAssignableDepartments } from '../auth/department-directory';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { SecretBox } from '../secrets/secret-box.service';
import { effectiveSubscription } from './alert-recipients.util';
import { AlertSubscriptionRepository } from './alert-subscription.repository';
import { accountOfUnsubscribeToken } from './alert-tokens.util';

/** Each account's alert emails: which departments, which rules, on or off; and the unsubscribe link. */
@Injectable()
export class AlertSubscriptionService {
  constructor(
    private readonly subscriptions: AlertSubscriptionRepository,
    private readonly accounts: AccountRepository,
    private readonly directory: DepartmentDirectory,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async get(accountId: number): Promise<AlertSubscription> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new UptakeError('NOT_FOUND', `no account ${accountId}`);
    const stored = await this.subscriptions.find(accountId);
    const effective = effectiveSubscription(account, stored ?? undefined);
    return { email: account.email, ...effective, channel: 'email', isDefault: stored === null };
  }

  async save(accountId: number, input: AlertSubscriptionUpdate): Promise<AlertSubscription> {
    const parsed = AlertSubscriptionUpdateSchema.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${formatIssuePath(issue.path) || 'subscription'}: ${issue.message}`);
      throw new UptakeError('ALERT_SUBSCRIPTION_INVALID', problems.join('; '));
    }
    const account = await this.accounts.findById(accountId);
    if (!account) throw new UptakeError('NOT_FOUND', `no account ${accountId}`);
    const departments = [...new Set(parsed.data.departments)];
    if (departments.length > 0) assertAssignableDepartments(departments, await this.directory.assignable());
    if (account.role === 'trainer') {
      const foreign = departments.filter((name) => !account.departments.includes(name));
      if (foreign.length > 0) {
        throw new UptakeError(
          'ALERT_SUBSCRIPTION_INVALID',
          `departments: a trainer receives alerts of their own departments only (${account.departments.join(', ') || 'none assigned'}), not ${foreign.join(', ')}`,
        );
      }
    }
    await this.subscriptions.save({
      accountId,
      departments,
      rules: [...new Set(parsed.data.rules)],
      channel: 'email',
      active: parsed.data.active,
      updatedAt: this.clock.now(),
    });
    return this.get(accountId);
  }

  /** The unsubscribe link: turns the account's alert emails off, keeping its other choices. */
  async unsubscribe(token: string): Promise<{ email: string }> {
    const accountId = accountOfUnsubscribeToken(this.box, token);
    const current = await this.get(accountId).catch(() => {
      throw new UptakeError('ALERT_TOKEN_INVALID', 'this unsubscribe link names an account that no longer exists');
    });
    await this.subscriptions.save({
      accountId,
      departments: current.departments,
      rules: current.rules,
      channel: 'email',
      active: false,
      updatedAt: this.clock.now(),
    });
    return { email: current.email };
  }
}
