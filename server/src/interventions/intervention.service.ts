import { Injectable } from '@nestjs/common';
import {
  EFFECT_HOW,
  EFFECT_WINDOW_DAYS,
  interventionEffect,
  METRIC_KEYS,
  type CreateInterventionRequest,
  type DepartmentDay,
  type Intervention,
  type InterventionEffectView,
  type InterventionsResponse,
  type MetricKey,
} from '@uptake/shared';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { addDays } from '../common/time.util';
import { assertDay } from '../metrics/day-input.util';
import { MetricsService } from '../metrics/metrics.service';
import { SnapshotRepository, type SnapshotRow } from '../metrics/snapshot.repository';
import { PlanInForce } from '../plan/plan-in-force.service';
import { InterventionRepository, type StoredIntervention } from './intervention.repository';

const DEFAULT_MIN_GROUP_SIZE = 5;

/** Who logs or removes an intervention: an admin or the CLI may name any department, a trainer only those assigned. */
export interface InterventionActor {
  /** The account's email, or the CLI user. */
  name: string;
  /** 'all', or the departments this actor may log interventions for. */
  departments: 'all' | readonly string[];
  /** Whether the answer shows who logged each intervention (admins and the CLI). */
  seesLoggers: boolean;
}

/** A checked request: the body of POST /api/interventions or the CLI's options. */
export type InterventionInput = CreateInterventionRequest;

/**
 * The interventions log of the adoption programme: what was done, when, for which departments, and
 * each one's effect on every metric, estimated from the stored daily snapshots (difference in
 * differences: shared/src/interventions/intervention-effect.util.ts).
 */
@Injectable()
export class InterventionService {
  /** Effects of one intervention as of a day, kept until the snapshots change. */
  private readonly effects: CacheRegion<InterventionEffectView[]>;

  constructor(
    private readonly interventions: InterventionRepository,
    private readonly snapshots: SnapshotRepository,
    private readonly metrics: MetricsService,
    private readonly planInForce: PlanInForce,
    private readonly clock: Clock,
    cache: CacheService,
  ) {
    this.effects = cache.region('intervention-effects', ['snapshots', 'plan', 'crm_data'], { maxEntries: 1000 });
  }

  /** Logs an intervention; all-or-nothing: a bad day or department changes nothing. */
  async add(input: InterventionInput, actor: InterventionActor): Promise<Intervention> {
    assertDay('date', input.date);
    const today = await this.planInForce.today();
    if (input.date > today) {
      throw new UptakeError('INTERVENTION_INVALID', `date ${input.date} is after today (${today}): log what was done`, [
        { path: 'date', message: 'after today' },
      ]);
    }
    const known = new Set([...(await this.metrics.departmentNames()), ...(await this.snapshots.departments())]);
    const unknown = input.departments.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new UptakeError(
        'INTERVENTION_INVALID',
        `unknown department ${unknown.map((name) => `"${name}"`).join(', ')}; known: ${[...known].sort().join(', ') || 'none yet'}`,
        unknown.map((name) => ({ path: 'departments', message: `unknown department "${name}"` })),
      );
    }
    this.assertMayChange(actor, input.departments);
    const stored = await this.interventions.add({
      day: input.date,
      kind: input.kind,
      departments: input.departments,
      description: input.description.trim(),
      who: input.who?.trim() || actor.name,
      loggedBy: actor.name,
      loggedAt: this.clock.now(),
    });
    return view(stored, [], actor.seesLoggers);
  }

  /** Every intervention not removed, newest first, with its effect on every metric as of `asOf` (default today). */
  async list(asOf: string | undefined, actor: Pick<InterventionActor, 'seesLoggers'>): Promise<InterventionsResponse> {
    const day = asOf ?? (await this.planInForce.today());
    // Not after today: a later day would count the 4 weeks after as passed with only part of them stored.
    await this.metrics.assertDayInBounds('asOf', day);
    const minGroupSize = (await this.planInForce.plan())?.privacy.min_group_size ?? DEFAULT_MIN_GROUP_SIZE;
    const interventions: Intervention[] = [];
    let departments: Promise<string[]> | null = null;
    for (const stored of await this.interventions.list()) {
      const key = `${stored.id} ${stored.day} ${stored.departments.join('\u0000')} ${day} ${minGroupSize}`;
      const effects = await this.effects.one(key, async () =>
        this.effectsOf(stored, day, minGroupSize, await (departments ??= this.snapshots.departments())),
      );
      interventions.push(view(stored, effects, actor.seesLoggers));
    }
    return { asOf: day, minGroupSize, how: EFFECT_HOW, interventions };
  }

  /** Marks an intervention removed (kept in the table with who and when). */
  async remove(id: number, actor: InterventionActor): Promise<Intervention> {
    const stored = await this.interventions.find(id);
    if (!stored) throw new UptakeError('INTERVENTION_NOT_FOUND', `no intervention ${id}`);
    this.assertMayChange(actor, stored.departments);
    if (!(await this.interventions.remove(id, actor.name, this.clock.now()))) {
      throw new UptakeError('INTERVENTION_NOT_FOUND', `no intervention ${id}`);
    }
    return view(stored, [], actor.seesLoggers);
  }

  private assertMayChange(actor: InterventionActor, departments: readonly string[]): void {
    if (actor.departments === 'all') return;
    const allowed = actor.departments;
    const outside = departments.filter((name) => !allowed.includes(name));
    if (outside.length > 0) {
      throw new UptakeError(
        'FORBIDDEN',
        `${actor.name} may log interventions only for the departments assigned (${allowed.join(', ') || 'none'}), not ${outside.join(', ')}`,
      );
    }
  }

  /** The effect on every metric, from the snapshots of every department in the 8 weeks around the day. */
  private async effectsOf(
    intervention: StoredIntervention,
    asOf: string,
    minGroupSize: number,
    departments: readonly string[],
  ): Promise<InterventionEffectView[]> {
    const from = addDays(intervention.day, -EFFECT_WINDOW_DAYS);
    const to = addDays(intervention.day, EFFECT_WINDOW_DAYS - 1);
    const rows: SnapshotRow[] = [];
    for (const department of departments) rows.push(...(await this.snapshots.read(department, from, to)));
    const byMetric = new Map<MetricKey, DepartmentDay[]>(METRIC_KEYS.map((metric) => [metric, []]));
    for (const row of rows) {
      // A day after asOf is not known yet on the day shown.
      if (row.day > asOf) continue;
      byMetric.get(row.metric)?.push({ day: row.day, department: row.department, value: row.value, seatHolders: row.seatHolders });
    }
    return METRIC_KEYS.map((metric) => ({
      metric,
      ...interventionEffect({
        date: intervention.day,
        departments: intervention.departments,
        rows: byMetric.get(metric) ?? [],
        asOf,
        minGroupSize,
      }),
    }));
  }
}

function view(stored: StoredIntervention, effects: InterventionEffectView[], seesLoggers: boolean): Intervention {
  return {
    id: stored.id,
    date: stored.day,
    kind: stored.kind,
    departments: [...stored.departments],
    description: stored.description,
    who: stored.who,
    loggedAt: new Date(stored.loggedAt).toISOString(),
    loggedBy: seesLoggers ? stored.loggedBy : null,
    effects,
  };
}
