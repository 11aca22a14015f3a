import { ORGANISATION } from '@uptake/shared';
import { Injectable } from '@nestjs/common';
import type { DepartmentMetrics, LaunchPlan, MetricsReport, MetricValues, OrganisationMetrics } from '@uptake/shared';
import { Clock } from '../common/clock';
import { deepFreeze } from '../common/deep-freeze.util';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { assertDayInBounds, dayBoundsOf, type DayBounds } from './day-bounds.util';
import { assertDay, assertDayRange } from './day-input.util';
import { evaluateGoals, expectedValues, needsLaunchValues, type PartialMetricValues } from './goal-evaluation.util';
import { compareNames, metricValues, NO_COUNTS, sumCounts } from './metric-values.util';
import { UnknownDepartmentError } from './metrics.errors';
import { METRICS_TAGS, MetricsRepository, type MetricCounts } from './metrics.repository';
import { timezoneOf } from '../plan/plan-in-force.service';

/** The department name snapshots and goals use for the whole organisation. */
export { ORGANISATION };

export interface ScopeValues {
  seatHolders: number;
  metrics: MetricValues;
}

/** Metric values of one day, without goals. */
export interface DayValues {
  day: string;
  timezone: string;
  /** Every department with seat holders on the day or listed in the plan, by name. */
  departments: Array<ScopeValues & { department: string }>;
  organisation: ScopeValues;
}

/**
 * Metric values from the stored raw data as it is now (so any past day works), with the plan's
 * expected values, attainment and health.
 */
@Injectable()
export class MetricsService {
  private readonly reports: CacheRegion<MetricsReport>;

  constructor(
    private readonly repo: MetricsRepository,
    private readonly plans: PlanInForce,
    cache: CacheService,
    private readonly clock: Clock = new Clock(),
  ) {
    this.reports = cache.region('metric-reports', METRICS_TAGS);
  }

  /** The days a request may read now (day-bounds.util.ts): up to today, from 3 years before launch. */
  async dayBounds(): Promise<DayBounds> {
    return dayBoundsOf(await this.plans.plan(), this.clock.now());
  }

  /** Refuses a day (named `name`) a request may not read: after today, or long before launch. */
  async assertDayInBounds(name: string, day: string): Promise<void> {
    assertDay(name, day);
    assertDayInBounds(name, day, await this.dayBounds());
  }

  /**
   * The `metrics --json` document: every department (or only `options.department`) and the
   * organisation. Kept until the data or the plan changes, and shared by every caller: frozen,
   * as a change by one would show in the answers of all.
   */
  async report(asOf: string, options: { department?: string } = {}): Promise<MetricsReport> {
    await this.assertDayInBounds('asOf', asOf);
    const key = options.department === undefined ? asOf : `${asOf} ${options.department}`;
    return this.reports.one(key, async () => deepFreeze(await this.computeReport(asOf, options.department)));
  }

  private async computeReport(asOf: string, department: string | undefined): Promise<MetricsReport> {
    const plan = await this.plans.plan();
    const today = await this.valuesAsOf(asOf, plan);
    let departments = today.departments;
    if (department !== undefined) {
      departments = departments.filter((entry) => entry.department === department);
      if (departments.length === 0) {
        throw new UnknownDepartmentError(
          department,
          today.departments.map((entry) => entry.department),
        );
      }
    }

    const scopes = [...departments.map((entry) => entry.department), ORGANISATION];
    const atLaunch = scopes.some((scope) => needsLaunchValues(plan, scope)) && plan ? await this.valuesAsOf(plan.launch_date, plan) : null;
    const launchValuesOf = (scope: string): MetricValues | null => {
      if (atLaunch === null) return null;
      if (scope === ORGANISATION) return atLaunch.organisation.metrics;
      return atLaunch.departments.find((entry) => entry.department === scope)?.metrics ?? null;
    };

    return {
      asOf,
      departments: departments.map((entry): DepartmentMetrics => ({
        department: entry.department,
        seatHolders: entry.seatHolders,
        metrics: entry.metrics,
        ...evaluateGoals(plan, entry.department, asOf, entry.metrics, launchValuesOf(entry.department)),
      })),
      organisation: {
        seatHolders: today.organisation.seatHolders,
        metrics: today.organisation.metrics,
        ...evaluateGoals(plan, ORGANISATION, asOf, today.organisation.metrics, launchValuesOf(ORGANISATION)),
      } satisfies OrganisationMetrics,
    };
  }

  /**
   * Values of every department with seat holders on `day` or listed in the plan, and of the
   * organisation, in the plan's time zone (UTC without a plan). `plan` avoids reading it again.
   */
  async valuesAsOf(day: string, plan?: LaunchPlan | null): Promise<DayValues> {
    assertDay('day', day);
    const current = plan === undefined ? await this.plans.plan() : plan;
    const timezone = timezoneOf(current);
    return this.valuesOf(day, timezone, await this.repo.countsAsOf(day, timezone), current);
  }

  /** The values of every day from `from` to `to` (both included), as `valuesAsOf` gives them, computed together. */
  async valuesForDays(from: string, to: string, plan?: LaunchPlan | null): Promise<DayValues[]> {
    assertDayRange(from, to);
    const current = plan === undefined ? await this.plans.plan() : plan;
    const timezone = timezoneOf(current);
    const days = await this.repo.countsForDays(from, to, timezone);
    return days.map(({ day, counts }) => this.valuesOf(day, timezone, counts, current));
  }

  private valuesOf(day: string, timezone: string, { departments, requiredCourses }: MetricCounts, plan: LaunchPlan | null): DayValues {
    const names = new Set(departments.map((counts) => counts.department));
    for (const listed of plan?.departments ?? []) names.add(listed.name);
    const byName = new Map(departments.map((counts) => [counts.department, counts]));
    const scopes = [...names].sort(compareNames).map((department) => {
      const counts = byName.get(department) ?? NO_COUNTS;
      return { department, seatHolders: counts.seatHolders, metrics: metricValues(counts, requiredCourses) };
    });
    const total = sumCounts(departments);
    return {
      day,
      timezone,
      departments: scopes,
      organisation: { seatHolders: total.seatHolders, metrics: metricValues(total, requiredCourses) },
    };
  }

  /** Expected values (the plan ramp) of `scope` (a department, or '*' for the organisation) on each of `days`. */
  async expectedSeries(scope: string, days: readonly string[]): Promise<PartialMetricValues[]> {
    const plan = await this.plans.plan();
    let atLaunch: MetricValues | null = null;
    if (plan !== null && needsLaunchValues(plan, scope)) {
      const launch = await this.valuesAsOf(plan.launch_date, plan);
      atLaunch =
        scope === ORGANISATION
          ? launch.organisation.metrics
          : (launch.departments.find((entry) => entry.department === scope)?.metrics ?? null);
    }
    return days.map((day) => expectedValues(plan, scope, day, atLaunch));
  }

  /** Names of every department known from the CRM data and the plan. */
  async departmentNames(): Promise<string[]> {
    const plan = await this.plans.plan();
    const names = new Set(await this.repo.departmentNames());
    for (const listed of plan?.departments ?? []) names.add(listed.name);
    return [...names].sort(compareNames);
  }

  /** The earliest instant of any activity in the CRM data (epoch ms), or null when there is none. */
  earliestActivity(): Promise<number | null> {
    return this.repo.earliestActivity();
  }
}
