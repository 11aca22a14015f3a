import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_ALERT_RULES, type AlertRules } from '@uptake/shared';
import { CronTime } from 'cron';
import { AccountRepository } from '../auth/account.repository';
import { Clock } from '../common/clock';
import { addDays } from '../common/time.util';
import { ConnectionService } from '../connections/connection.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { SyncRepository } from '../sync/sync.repository';
import { AlertFactsRepository } from './alert-facts.repository';
import { AlertLeaseRepository } from './alert-lease.repository';
import { departmentsHiddenFromAggregates, deliveryTargets } from './alert-recipients.util';
import { AlertSubscriptionRepository } from './alert-subscription.repository';
import { AlertWebhookRepository } from './alert-webhook.repository';
import { AlertRepository } from './alert.repository';
import { ALERTS_SETTINGS, type AlertsSettings } from './alerts.settings';
import { conditionKey, type AlertFacts, type ConnectionFacts } from './rules/alert-rule';
import { evaluateRules, lookBackDays } from './rules/alert-rule.registry';

export const EVALUATION_LEASE = 'evaluate';
const EVALUATION_LEASE_MS = 10 * 60_000;

export interface EvaluationResult {
  /** The day evaluated (newest with snapshots); null when there are none yet. */
  day: string | null;
  opened: number;
  closed: number;
  stillOpen: number;
}

/** The gap between the two ticks of `schedule` that follow `from`, in ms (at least a minute). */
export function schedulePeriodMs(schedule: string, from: number): number {
  try {
    const cron = new CronTime(schedule, 'UTC');
    const first = cron.getNextDateFrom(new Date(from), 'UTC');
    const second = cron.getNextDateFrom(first.toJSDate(), 'UTC');
    return Math.max(60_000, second.toMillis() - first.toMillis());
  } catch {
    return 60 * 60_000;
  }
}

/**
 * Evaluates the rules of the plan's `alerts:` section over the newest snapshots and the sync
 * history, opens an alert (with its outbox rows, in one transaction) for each condition that has
 * none open, and closes the open alerts whose condition cleared. One replica at a time (a lease).
 */
@Injectable()
export class AlertEvaluationService {
  private readonly logger = new Logger(AlertEvaluationService.name);
  private readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;

  constructor(
    private readonly alerts: AlertRepository,
    private readonly facts: AlertFactsRepository,
    private readonly leases: AlertLeaseRepository,
    private readonly webhooks: AlertWebhookRepository,
    private readonly subscriptions: AlertSubscriptionRepository,
    private readonly accounts: AccountRepository,
    private readonly connections: ConnectionService,
    private readonly syncRuns: SyncRepository,
    private readonly planInForce: PlanInForce,
    private readonly clock: Clock,
    @Inject(ALERTS_SETTINGS) private readonly settings: AlertsSettings,
  ) {}

  async rules(): Promise<AlertRules> {
    return (await this.planInForce.plan())?.alerts ?? DEFAULT_ALERT_RULES;
  }

  /** Null when another replica is evaluating. */
  async evaluate(): Promise<EvaluationResult | null> {
    const now = this.clock.now();
    if (!(await this.leases.acquire(EVALUATION_LEASE, this.holder, now, EVALUATION_LEASE_MS))) return null;
    try {
      return await this.evaluateHeld(now);
    } finally {
      await this.leases.release(EVALUATION_LEASE, this.holder);
    }
  }

  private async evaluateHeld(now: number): Promise<EvaluationResult> {
    const plan = await this.planInForce.plan();
    const rules = plan?.alerts ?? DEFAULT_ALERT_RULES;
    const timezone = await this.planInForce.timezone();
    const today = await this.planInForce.today();
    const day = await this.facts.newestSnapshotDay(today);
    const scopes = day === null ? new Map() : await this.facts.snapshots(addDays(day, -lookBackDays(rules)), day);
    const atLaunch = plan && day !== null ? await this.facts.snapshots(plan.launch_date, plan.launch_date) : new Map();
    const facts: AlertFacts = {
      day: day ?? today,
      now,
      timezone,
      plan,
      departments: [...scopes.entries()]
        .filter(([department]) => department !== '*')
        .map(([department, days]) => ({
          department,
          days,
          atLaunch: plan ? (atLaunch.get(department)?.get(plan.launch_date)?.values ?? null) : null,
        })),
      connections: await this.connectionFacts(),
    };
    const conditions = evaluateRules(facts, rules).filter((condition) => day !== null || condition.rule === 'sync_stale');

    const open = await this.alerts.open();
    const openKeys = new Set(open.map((alert) => alert.conditionKey));
    const holding = new Set(conditions.map(conditionKey));
    const cleared = open.filter((alert) => !holding.has(alert.conditionKey));
    await this.alerts.close(
      cleared.map((alert) => alert.id),
      now,
    );

    const fresh = conditions.filter((condition) => !openKeys.has(conditionKey(condition)));
    let opened = 0;
    if (fresh.length > 0) {
      const organisation = day === null ? undefined : scopes.get('*')?.get(day);
      const seatHolders = facts.departments.map((d) => ({
        department: d.department,
        seatHolders: d.days.get(facts.day)?.seatHolders ?? 0,
      }));
      const recipients = {
        accounts: await this.accounts.list(),
        subscriptions: await this.subscriptions.all(),
        webhooks: await this.webhooks.list(),
        hiddenDepartments: departmentsHiddenFromAggregates(
          seatHolders,
          organisation?.seatHolders ?? null,
          plan?.privacy.min_group_size ?? 5,
        ),
        emailEnabled: this.settings.smtpUrl !== null,
      };
      for (const condition of fresh) {
        const alert = await this.alerts.openAlert(condition, deliveryTargets(condition, recipients), now);
        if (alert) opened += 1;
      }
    }
    if (opened + cleared.length > 0) this.logger.log(`alerts: ${opened} opened, ${cleared.length} closed`);
    return { day, opened, closed: cleared.length, stillOpen: open.length - cleared.length };
  }

  private async connectionFacts(): Promise<ConnectionFacts[]> {
    const successes = await this.facts.lastSuccessOfEach();
    const lastRuns = await this.syncRuns.lastRunOfEach();
    return (await this.connections.list())
      .filter((connection) => connection.enabled && connection.removedAt === null)
      .map((connection) => {
        const lastSuccessAt = successes.get(connection.id) ?? null;
        const last = lastRuns.get(connection.id);
        return {
          name: connection.name,
          schedule: connection.schedule,
          createdAt: connection.createdAt,
          periodMs: schedulePeriodMs(connection.schedule, lastSuccessAt ?? connection.createdAt),
          lastSuccessAt,
          lastRun: last ? { status: last.status, at: last.finishedAt ?? last.startedAt } : null,
        };
      });
  }
}
