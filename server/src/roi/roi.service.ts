import { Injectable } from '@nestjs/common';
import type { AdoptionPoint, RoiResponse } from '@uptake/shared';
import { addDays } from '../common/time.util';
import { DataCoverageRepository } from '../metrics/data-coverage.repository';
import { compareNames } from '../metrics/metric-values.util';
import { MetricsRepository } from '../metrics/metrics.repository';
import { ORGANISATION } from '../metrics/metrics.service';
import { SnapshotService } from '../metrics/snapshot.service';
import { departmentRoi, formatNumber, monthsBetween, organisationRoi, type RoiDepartmentInput } from './roi-figures.util';
import { RoiRepository } from './roi.repository';
import { PlanInForce } from '../plan/plan-in-force.service';

/** Without a plan (no launch date), the adoption trend covers this many days up to the day. */
export const UNPLANNED_TREND_DAYS = 90;

/** The executive view: licence spend, shelfware, cost per active user, adoption against plan, pipeline. */
@Injectable()
export class RoiService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly roi: RoiRepository,
    private readonly snapshots: SnapshotService,
    private readonly planInForce: PlanInForce,
    private readonly coverage: DataCoverageRepository,
  ) {}

  async roiAsOf(asOf: string): Promise<RoiResponse> {
    // Up to today: the trend below runs from launch to asOf, so a day far in the future meant a series of centuries.
    await this.snapshots.assertDayInBounds('asOf', asOf);
    // seats and costs of the plan in force on asOf; days in the newest plan's time zone
    const stored = await this.planInForce.at(asOf);
    const plan = stored?.plan ?? null;
    const timezone = await this.planInForce.timezone();
    const currency = plan?.currency ?? 'EUR';
    const context = { asOf, currency };
    const [{ departments: counts }, pipelines, dataCoverage] = await Promise.all([
      this.metrics.countsAsOf(asOf, timezone, stored?.id ?? null),
      this.roi.pipelineAsOf(asOf, timezone),
      this.coverage.coverage(timezone),
    ]);

    const names = new Set([...(plan?.departments ?? []).map((department) => department.name), ...counts.map((entry) => entry.department)]);
    const inputs = [...names].sort(compareNames).map((department): RoiDepartmentInput => {
      const line = plan?.departments.find((entry) => entry.name === department);
      const count = counts.find((entry) => entry.department === department);
      return {
        department,
        planned: line ? { seats: line.seats, costPerSeatMonth: line.licence_cost_per_seat_month } : null,
        seatHolders: count?.seatHolders ?? 0,
        monthlyActiveUsers: count?.activeUsers30 ?? 0,
        pipeline: pipelines.find((entry) => entry.department === department) ?? null,
      };
    });
    const departments = inputs.map((input) => departmentRoi(input, context));
    const organisation = organisationRoi(departments, context);

    const spend = organisation.monthlySpend.value ?? 0;
    const months = plan && plan.launch_date <= asOf ? monthsBetween(plan.launch_date, asOf) : [];
    const spendHow = plan
      ? `Seats × licence cost per seat of the launch plan in force on ${asOf} (version ${stored?.version}), summed over its departments: ${formatNumber(spend)} ${currency} ` +
        `in every month from the launch month ${plan.launch_date.slice(0, 7)} to ${asOf.slice(0, 7)}`
      : 'No launch plan: no licence spend is known';

    const from = plan?.launch_date ?? addDays(asOf, -(UNPLANNED_TREND_DAYS - 1));
    let points: AdoptionPoint[] = [];
    if (from <= asOf) {
      // Launch to asOf, at most launch to today: as long as the install is old, so more than the 3 years of a series request.
      const series = await this.snapshots.series(ORGANISATION, from, asOf, { maxDays: Number.POSITIVE_INFINITY });
      points = series.points.map((point) => ({
        day: point.day,
        actual: point.metrics.active_users,
        expected: point.expected.active_users ?? null,
        provenance: point.provenance,
      }));
    }

    return {
      asOf,
      currency,
      launchDate: plan?.launch_date ?? null,
      organisation,
      departments,
      spendByMonth: { months: months.map((month) => ({ month, spend })), how: spendHow },
      adoption: {
        metric: 'active_users',
        points,
        how:
          `Organisation active users (share of seat holders with a counted login in 7 days) from the daily snapshot of each day since ${plan ? `launch (${from})` : from}, ` +
          'as seen on that day; expected: the ramp of the plan’s organisation ("*") active_users goal. Days without a snapshot are empty.',
      },
      dataCoverage,
    };
  }
}
