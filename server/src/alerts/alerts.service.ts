import { Inject, Injectable } from '@nestjs/common';
import {
  ALERT_RULE_DESCRIPTIONS,
  ALERT_RULE_KEYS,
  type AlertDelivery,
  type AlertRunResult,
  type AlertsResponse,
  type AlertView,
  type Role,
} from '@uptake/shared';
import { PlanInForce } from '../plan/plan-in-force.service';
import { AlertDeliveryService } from './alert-delivery.service';
import { AlertEvaluationService } from './alert-evaluation.service';
import { AlertFactsRepository } from './alert-facts.repository';
import { departmentsHiddenFromAggregates, maySee } from './alert-recipients.util';
import { AlertRepository, type StoredAlert, type StoredDelivery } from './alert.repository';
import { ALERTS_SETTINGS, type AlertsSettings } from './alerts.settings';

/** Who asks for the alerts: an account, or the command line (which sees everything). */
export type AlertViewer = { accountId: number; role: Role; departments: readonly string[] } | 'cli';

const iso = (at: number | null) => (at === null ? null : new Date(at).toISOString());

function deliveryView(delivery: StoredDelivery): AlertDelivery {
  return {
    id: delivery.id,
    channel: delivery.channel,
    recipient: delivery.recipient,
    status: delivery.status,
    attempts: delivery.attempts,
    lastError: delivery.lastError,
    nextAttemptAt: delivery.status === 'pending' ? iso(delivery.nextAttemptAt) : null,
    sentAt: iso(delivery.sentAt),
  };
}

/** Alerts as the Alerts page, the API and `uptake alerts` show them; `run` evaluates and delivers now. */
@Injectable()
export class AlertsService {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly facts: AlertFactsRepository,
    private readonly evaluation: AlertEvaluationService,
    private readonly delivery: AlertDeliveryService,
    private readonly planInForce: PlanInForce,
    @Inject(ALERTS_SETTINGS) private readonly settings: AlertsSettings,
  ) {}

  /** Evaluates the rules (unless another replica is doing so) and sends what is due. */
  async run(): Promise<AlertRunResult> {
    const evaluated = await this.evaluation.evaluate();
    const deliveries = await this.delivery.deliverDue();
    return {
      evaluatedDay: evaluated?.day ?? null,
      opened: evaluated?.opened ?? 0,
      closed: evaluated?.closed ?? 0,
      stillOpen: evaluated?.stillOpen ?? 0,
      deliveries,
    };
  }

  /**
   * Open and closed alerts, newest first, with their deliveries, cut to what the viewer may see
   * (alert-recipients.util.ts `maySee`); a non-admin sees only the deliveries to themselves, without
   * the error texts (they name mail servers and hosts).
   */
  async list(viewer: AlertViewer, options: { status: 'open' | 'closed' | 'all'; limit: number }): Promise<AlertsResponse> {
    const stored = await this.alerts.list(options.status, options.limit);
    const visible = await this.visibleTo(viewer, stored);
    const deliveries = await this.alerts.deliveriesOf(visible.map((alert) => alert.id));
    // error texts name mail servers and hosts: admins only
    const admin = viewer === 'cli' || viewer.role === 'admin';
    const own = (delivery: StoredDelivery) =>
      viewer === 'cli' || viewer.role === 'admin' || (delivery.channel === 'email' && delivery.targetId === viewer.accountId);
    const settings = await this.evaluation.rules();
    return {
      alerts: visible.map((alert): AlertView => ({
        id: alert.id,
        rule: alert.rule,
        department: alert.department,
        metric: alert.metric,
        subject: alert.subject,
        title: alert.title,
        detail: alert.detail,
        startedOn: alert.startedOn,
        openedAt: new Date(alert.openedAt).toISOString(),
        closedAt: iso(alert.closedAt),
        status: alert.closedAt === null ? 'open' : 'closed',
        deliveries: deliveries
          .filter((delivery) => delivery.alertId === alert.id && own(delivery))
          .map((delivery) =>
            admin ? deliveryView(delivery) : { ...deliveryView(delivery), lastError: delivery.lastError && 'not delivered yet' },
          ),
      })),
      rules: ALERT_RULE_KEYS.map((key) => ({
        key,
        label: ALERT_RULE_DESCRIPTIONS[key].label,
        enabled: settings[key].enabled,
        description: ALERT_RULE_DESCRIPTIONS[key].describe(settings),
      })),
      settings,
      emailConfigured: this.settings.smtpUrl !== null,
    };
  }

  private async visibleTo(viewer: AlertViewer, alerts: StoredAlert[]): Promise<StoredAlert[]> {
    if (viewer === 'cli' || viewer.role === 'admin') return alerts;
    let hidden = new Set<string>();
    if (viewer.role !== 'trainer') {
      const today = await this.planInForce.today();
      const day = await this.facts.newestSnapshotDay(today);
      if (day !== null) {
        const scopes = await this.facts.snapshots(day, day);
        const seatHolders = [...scopes.entries()]
          .filter(([department]) => department !== '*')
          .map(([department, days]) => ({ department, seatHolders: days.get(day)?.seatHolders ?? 0 }));
        const minGroupSize = (await this.planInForce.plan())?.privacy.min_group_size ?? 5;
        hidden = departmentsHiddenFromAggregates(seatHolders, scopes.get('*')?.get(day)?.seatHolders ?? null, minGroupSize);
      }
    }
    return alerts.filter((alert) => maySee(alert, viewer, hidden));
  }
}
