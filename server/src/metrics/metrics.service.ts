import { ORGANISATION } from '@uptake/shared';
import { Injectable, Optional } from '@nestjs/common';
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
import { planSegments, timezoneOf, versionAt } from '../plan/plan-in-force.service';
import type { StoredPlanVersion } from '../plan/plan.repository';
import { ProvenanceRepository, provenanceOf, type FirstObservations } from './provenance.repository';
import { dayOf } from '../common/time.util';
import { StoredDayRepository } from './stored-day.repository';

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
 * expected values, attainment and health. Each day reads the plan in force on it (required fields,
 * goals, weights, departments: versionAt); the time zone is always the newest version's.
 */
@Injectable()
export class MetricsService {
  private readonly reports: CacheRegion<MetricsReport>;

  constructor(
    private readonly repo: MetricsRepository,
    private readonly plans: PlanInForce,
    cache: CacheService,
    private readonly clock: Clock = new Clock(),
    @Optional() private readonly observations?: ProvenanceRepository,
    /** Past days with a snapshot up to date are read from it rather than computed. */
    @Optional() private readonly stored?: StoredDayRepository,
  ) {
    // values come from the CRM data and the plan, past days from their snapshots, provenance from the sync runs
    this.reports = cache.region('metric-reports', [...METRICS_TAGS, 'snapshots', 'sync_state']);
  }

  /** Every plan version (oldest first) and the time zone of every day: the newest version's. */
  private async planVersions(): Promise<{ versions: readonly StoredPlanVersion[]; timezone: string }> {
    const versions = await this.plans.all();
    return { versions, timezone: timezoneOf(versions[versions.length - 1]?.plan) };
  }

  /** When each connection was first observed (provenance.repository.ts); none without the repository (unit tests). */
  firstObservations(): Promise<FirstObservations> {
    return this.observations?.firstObservations() ?? Promise.resolve({ connections: [], departments: new Map() });
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
    const { versions, timezone } = await this.planVersions();
    const plan = versionAt(versions, asOf)?.plan ?? null;
    const today = await this.valuesAsOf(asOf);
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
    const atLaunch = scopes.some((scope) => needsLaunchValues(plan, scope)) && plan ? await this.valuesAsOf(plan.launch_date) : null;
    const launchValuesOf = (scope: string): MetricValues | null => {
      if (atLaunch === null) return null;
      if (scope === ORGANISATION) return atLaunch.organisation.metrics;
      return atLaunch.departments.find((entry) => entry.department === scope)?.metrics ?? null;
    };
    const observed = await this.firstObservations();
    const organisationProvenance = provenanceOf(observed, null, asOf, timezone);

    return {
      asOf,
      provenance: organisationProvenance,
      departments: departments.map((entry): DepartmentMetrics => ({
        department: entry.department,
        seatHolders: entry.seatHolders,
        metrics: entry.metrics,
        ...evaluateGoals(plan, entry.department, asOf, entry.metrics, launchValuesOf(entry.department)),
        provenance: provenanceOf(observed, entry.department, asOf, timezone),
      })),
      organisation: {
        seatHolders: today.organisation.seatHolders,
        metrics: today.organisation.metrics,
        ...evaluateGoals(plan, ORGANISATION, asOf, today.organisation.metrics, launchValuesOf(ORGANISATION)),
        provenance: organisationProvenance,
      } satisfies OrganisationMetrics,
    };
  }

  /**
   * Values of every department with seat holders on `day` or listed in the plan in force on it, and
   * of the organisation, in the newest plan's time zone (UTC without a plan).
   */
  async valuesAsOf(day: string): Promise<DayValues> {
    assertDay('day', day);
    const { timezone } = await this.planVersions();
    // a past day's stored snapshot, when up to date, is the same values (DESIGN.md "History"), at the cost of one look-up
    if (this.stored && day < dayOf(this.clock.now(), timezone)) {
      const scopes = await this.stored.read(day);
      if (scopes) {
        const organisation = scopes[scopes.length - 1];
        return {
          day,
          timezone,
          departments: scopes.slice(0, -1),
          organisation: { seatHolders: organisation.seatHolders, metrics: organisation.metrics },
        };
      }
    }
    return this.computeValuesAsOf(day);
  }

  /** The values of `day` computed from the stored data (never from a snapshot): what a snapshot of the day stores. */
  async computeValuesAsOf(day: string): Promise<DayValues> {
    assertDay('day', day);
    const { versions, timezone } = await this.planVersions();
    const version = versionAt(versions, day);
    return this.valuesOf(day, timezone, await this.repo.countsAsOf(day, timezone, version?.id ?? null), version?.plan ?? null);
  }

  /**
   * The values of every day from `from` to `to` (both included), as `valuesAsOf` gives them,
   * computed together: one read of the raw data per run of days with the same plan in force.
   * `only: 'activity'`: seat holders and the login metrics are right, the others are not computed.
   */
  async valuesForDays(from: string, to: string, only?: 'activity'): Promise<DayValues[]> {
    assertDayRange(from, to);
    const { versions, timezone } = await this.planVersions();
    const values: DayValues[] = [];
    for (const segment of planSegments(versions, from, to)) {
      const days = await this.repo.countsForDays(segment.from, segment.to, timezone, segment.version?.id ?? null, only);
      for (const { day, counts } of days) values.push(this.valuesOf(day, timezone, counts, segment.version?.plan ?? null));
    }
    return values;
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

  /**
   * Expected values (the plan ramp) of `scope` (a department, or '*' for the organisation) on each
   * of `days`, each by the goals of the plan in force on that day.
   */
  async expectedSeries(scope: string, days: readonly string[]): Promise<PartialMetricValues[]> {
    const { versions } = await this.planVersions();
    // The values measured at a launch date, for goals without a baseline (versions may move the launch date).
    const launchValues = new Map<string, MetricValues | null>();
    const atLaunchOf = async (plan: LaunchPlan): Promise<MetricValues | null> => {
      if (!launchValues.has(plan.launch_date)) {
        const launch = await this.valuesAsOf(plan.launch_date);
        launchValues.set(
          plan.launch_date,
          scope === ORGANISATION
            ? launch.organisation.metrics
            : (launch.departments.find((entry) => entry.department === scope)?.metrics ?? null),
        );
      }
      return launchValues.get(plan.launch_date) ?? null;
    };
    const expected: PartialMetricValues[] = [];
    for (const day of days) {
      const plan = versionAt(versions, day)?.plan ?? null;
      const atLaunch = plan !== null && needsLaunchValues(plan, scope) ? await atLaunchOf(plan) : null;
      expected.push(expectedValues(plan, scope, day, atLaunch));
    }
    return expected;
  }

  /** Names of every department known from the CRM data and any plan version (each lists its own on the days it is in force). */
  async departmentNames(): Promise<string[]> {
    const { versions } = await this.planVersions();
    const names = new Set(await this.repo.departmentNames());
    for (const version of versions) for (const listed of version.plan.departments) names.add(listed.name);
    return [...names].sort(compareNames);
  }

  /** The earliest instant of any activity in the CRM data (epoch ms), or null when there is none. */
  earliestActivity(): Promise<number | null> {
    return this.repo.earliestActivity();
  }
}
