import { Injectable } from '@nestjs/common';
import type { DepartmentPresenceResponse, PresenceOverviewResponse } from '@uptake/shared';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { Database } from '../database/database.service';
import { compareNames } from '../metrics/metric-values.util';
import { UnknownDepartmentError } from '../metrics/metrics.errors';
import { MetricsService } from '../metrics/metrics.service';
import { groupByManager } from '../people/people-groups.util';
import { PeopleRepository, type PersonActivity } from '../people/people.repository';
import { PlanInForce } from '../plan/plan-in-force.service';
import { presenceOf } from './presence.util';

/** Presence and work (who logs in against who works) per department, organisation and manager. */
@Injectable()
export class PresenceService {
  /** The organisation-wide answer reads every seat holder: kept until the data or the plan change. */
  private readonly cache: CacheRegion<PresenceOverviewResponse>;

  constructor(
    private readonly db: Database,
    private readonly people: PeopleRepository,
    private readonly metrics: MetricsService,
    private readonly planInForce: PlanInForce,
    cache: CacheService,
  ) {
    this.cache = cache.region('presence', ['crm_data', 'plan'], { maxEntries: 200 });
  }

  /** Every department with seat holders on `asOf` (default today), and the organisation. */
  async overview(asOf?: string): Promise<PresenceOverviewResponse> {
    const day = asOf ?? (await this.planInForce.today());
    await this.metrics.assertDayInBounds('asOf', day);
    const timezone = await this.planInForce.timezone();
    return this.cache.one(`${timezone} ${day}`, () => this.computeOverview(day, timezone));
  }

  private async computeOverview(day: string, timezone: string): Promise<PresenceOverviewResponse> {
    const everyone = await this.people.seatHolders(day, timezone);
    const byDepartment = new Map<string, PersonActivity[]>();
    for (const person of everyone) {
      const list = byDepartment.get(person.department) ?? [];
      list.push(person);
      byDepartment.set(person.department, list);
    }
    return {
      asOf: day,
      departments: [...byDepartment.keys()]
        .sort(compareNames)
        .map((department) => ({ department, ...presenceOf(byDepartment.get(department)!) })),
      organisation: presenceOf(everyone),
    };
  }

  /** One department on `asOf` (default today), per manager; throws UnknownDepartmentError for a department nobody knows. */
  async department(department: string, asOf?: string): Promise<DepartmentPresenceResponse> {
    const day = asOf ?? (await this.planInForce.today());
    await this.metrics.assertDayInBounds('asOf', day);
    const known = await this.metrics.departmentNames();
    if (!known.includes(department)) throw new UnknownDepartmentError(department, known);
    const people = await this.people.seatHolders(day, await this.planInForce.timezone(), department);
    return {
      asOf: day,
      department,
      total: presenceOf(people),
      byManager: groupByManager(people).map((group) => ({
        managerExternalId: group.managerExternalId,
        managerName: group.managerName,
        ...presenceOf(group.people),
      })),
    };
  }
}
