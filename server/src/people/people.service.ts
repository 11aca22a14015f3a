import { Injectable } from '@nestjs/common';
import type { PeopleResponse, PersonRow } from '@uptake/shared';
import { UnknownDepartmentError } from '../metrics/metrics.errors';
import { MetricsService } from '../metrics/metrics.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { comparePeople, groupByManager, metricsOfPeople, trainingComplete } from './people-groups.util';
import { PeopleRepository, type PersonActivity } from './people.repository';
import { quadrantOf } from '../presence/presence.util';

function isoOrNull(instant: number | null): string | null {
  return instant === null ? null : new Date(instant).toISOString();
}

/** The people table of a department row by row, as the API returns it. */
export function toPersonRow(person: PersonActivity): PersonRow {
  return {
    connectionId: person.connectionId,
    externalId: person.externalId,
    name: person.name,
    email: person.email,
    managerExternalId: person.managerExternalId,
    managerName: person.managerExternalId === null ? null : person.managerName?.trim() || person.managerExternalId,
    lastLoginAt: isoOrNull(person.lastLoginAt),
    logins7: person.logins7,
    logins30: person.logins30,
    recordCompleteness: person.trackedRecords > 0 ? person.completenessSum / person.trackedRecords : null,
    trackedRecords: person.trackedRecords,
    openOpportunities: person.openOpportunities,
    staleOpportunities: person.staleOpportunities,
    requiredCoursesDone: person.requiredCoursesDone,
    requiredCourses: person.requiredCourses,
    trainingComplete: trainingComplete(person),
    activities7: person.activities7,
    lastActivityAt: isoOrNull(person.lastActivityAt),
    presence: quadrantOf(person),
  };
}

/** People-level data of a department: each seat holder, and the metrics per manager. */
@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly metrics: MetricsService,
    private readonly planInForce: PlanInForce,
  ) {}

  /** The plan's time zone (UTC without a plan). */
  async timezone(): Promise<string> {
    return this.planInForce.timezone();
  }

  /** Seat holders of `department` on `asOf`; throws UnknownDepartmentError for a department nobody knows. */
  async department(department: string, asOf: string): Promise<PeopleResponse> {
    await this.metrics.assertDayInBounds('asOf', asOf);
    const known = await this.metrics.departmentNames();
    if (!known.includes(department)) throw new UnknownDepartmentError(department, known);
    const inForce = await this.planInForce.at(asOf);
    const people = [...(await this.people.seatHolders(asOf, await this.timezone(), department, inForce?.id ?? null))].sort(comparePeople);
    const requiredCourses = people[0]?.requiredCourses ?? 0;
    return {
      asOf,
      department,
      seatHolders: people.length,
      people: people.map(toPersonRow),
      byManager: groupByManager(people).map((group) => ({
        managerExternalId: group.managerExternalId,
        managerName: group.managerName,
        seatHolders: group.people.length,
        people: group.people.map((person) => person.externalId),
        metrics: metricsOfPeople(group.people, requiredCourses),
      })),
    };
  }
}
