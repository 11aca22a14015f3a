import { Injectable } from '@nestjs/common';
import {
  FORECAST_HOW,
  FORECAST_WINDOW_DAYS,
  forecastGoal,
  goalFor,
  METRIC_CATALOGUE,
  METRIC_KEYS,
  type Forecast,
  type ForecastsResponse,
  type LaunchPlan,
  type MetricSeriesResponse,
} from '@uptake/shared';
import { deepFreeze } from '../common/deep-freeze.util';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { addDays } from '../common/time.util';
import { compareNames } from '../metrics/metric-values.util';
import { MetricsService, ORGANISATION } from '../metrics/metrics.service';
import { SnapshotRepository } from '../metrics/snapshot.repository';
import { SnapshotService } from '../metrics/snapshot.service';
import { PlanInForce } from '../plan/plan-in-force.service';

/**
 * Forecasts of the goals: for the organisation and every department, each metric with a goal in
 * force for it (its own, else the plan's "*" goal), the day the line through the last 8 weeks of
 * stored daily snapshots reaches the target (shared/src/goals/forecast.util.ts).
 */
@Injectable()
export class ForecastService {
  /** Answers per day, kept until the snapshots, the data or the plan change; frozen, as every caller shares them. */
  private readonly cache: CacheRegion<ForecastsResponse>;

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly snapshotRows: SnapshotRepository,
    private readonly metrics: MetricsService,
    private readonly planInForce: PlanInForce,
    cache: CacheService,
  ) {
    this.cache = cache.region('forecasts', ['snapshots', 'plan', 'crm_data'], { maxEntries: 200 });
  }

  /** Every goal's forecast as of `asOf` (default today): the organisation first, then departments by name. */
  async forecasts(asOf?: string): Promise<ForecastsResponse> {
    const day = asOf ?? (await this.planInForce.today());
    await this.metrics.assertDayInBounds('asOf', day);
    return this.cache.one(day, async () => deepFreeze(await this.compute(day)));
  }

  private async compute(day: string): Promise<ForecastsResponse> {
    const plan = await this.planInForce.plan();
    if (!plan || plan.goals.length === 0) return { asOf: day, how: FORECAST_HOW, forecasts: [] };
    const departments = [...new Set([...(await this.metrics.departmentNames()), ...(await this.snapshotRows.departments())])].sort(
      compareNames,
    );
    const forecasts: Forecast[] = [];
    for (const scope of [ORGANISATION, ...departments]) forecasts.push(...(await this.forecastsOf(scope, day, plan)));
    return { asOf: day, how: FORECAST_HOW, forecasts };
  }

  /** The forecasts of one scope (a department or "*"), one per metric with a goal in force for it. */
  async forecastsOf(scope: string, asOf: string, plan: LaunchPlan): Promise<Forecast[]> {
    const goals = METRIC_KEYS.flatMap((metric) => {
      const goal = goalFor(plan, scope, metric);
      return goal ? [{ metric, goal }] : [];
    });
    if (goals.length === 0) return [];
    const bounds = await this.metrics.dayBounds();
    let from = addDays(asOf, -(FORECAST_WINDOW_DAYS - 1));
    if (bounds.earliest !== null && from < bounds.earliest) from = bounds.earliest;
    const series = await this.snapshots.series(scope, from, asOf);
    const sizes = seatHoldersOf(series);
    return goals.map(({ metric, goal }) => ({
      department: scope,
      metric,
      target: goal.target,
      by: goal.by,
      ...forecastGoal({
        points: series.points.map((point) => ({ day: point.day, value: point.metrics[metric] })),
        asOf,
        target: goal.target,
        by: goal.by,
        direction: METRIC_CATALOGUE[metric].direction,
      }),
      ...sizes,
    }));
  }
}

/** Seat holders on the last day with a snapshot, and the fewest on any such day. */
function seatHoldersOf(series: MetricSeriesResponse): { seatHolders: number | null; fewestSeatHolders: number | null } {
  const sizes = series.points.map((point) => point.seatHolders).filter((size): size is number => size !== null);
  return {
    seatHolders: sizes.length ? sizes[sizes.length - 1] : null,
    fewestSeatHolders: sizes.length ? Math.min(...sizes) : null,
  };
}
