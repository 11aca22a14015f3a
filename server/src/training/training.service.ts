import { Injectable } from '@nestjs/common';
import type { ActiveRate, LaunchPlan, PersonToTrain, TrainingLift, TrainingResponse, TrainReason } from '@uptake/shared';
import { addDays, dayOf } from '../common/time.util';
import { compareNames } from '../metrics/metric-values.util';
import { MetricsService, ORGANISATION } from '../metrics/metrics.service';
import { comparePeople, trainingComplete } from '../people/people-groups.util';
import { PeopleRepository, type PersonActivity } from '../people/people.repository';
import { PlanInForce } from '../plan/plan-in-force.service';
import { rankTeams } from './team-gap.util';
import { isTrainingOverdue, trainingDueDate } from './training-due.util';
import { peopleToTrainCsv } from './training-csv.util';
import { LIFT_WINDOW_DAYS, TrainingRepository, type DepartmentLoginsAroundCompletion } from './training.repository';

/** Days without a counted login after which a seat holder is listed to train. */
export const IDLE_DAYS = 14;

const HOW = {
  teams:
    'Departments by health (the weighted mean attainment of their goals), lowest first. Gap = expected (the plan ramp) − actual, ' +
    'or actual − expected for metrics where lower is better, so a positive gap is behind plan; the largest shortfall is the metric with the lowest attainment.',
  peopleToTrain:
    `Seat holders with no counted login (succeeded, not through the API) in the ${IDLE_DAYS} days ending on the day, ` +
    'or who have not completed every required course by the day.',
  lift:
    'Active rate: share of seat holders with a counted login in the 7 days ending on the day, for those who completed every required course and those who did not. ' +
    `Before/after: for seat holders whose last required course was completed at least ${LIFT_WINDOW_DAYS} days before the day, ` +
    `counted logins per week in the ${LIFT_WINDOW_DAYS} days before that completion day and in the ${LIFT_WINDOW_DAYS} days from it.`,
};

function activeRate(people: readonly PersonActivity[]): ActiveRate {
  const active7 = people.filter((person) => person.logins7 > 0).length;
  return { seatHolders: people.length, active7, activeRate: people.length > 0 ? active7 / people.length : null };
}

function lift(department: string, people: readonly PersonActivity[], around: DepartmentLoginsAroundCompletion | undefined): TrainingLift {
  const trained = activeRate(people.filter((person) => trainingComplete(person) === true));
  const untrained = activeRate(people.filter((person) => trainingComplete(person) === false));
  const weeks = LIFT_WINDOW_DAYS / 7;
  const cohort = around?.people ?? 0;
  return {
    department,
    trained,
    untrained,
    activeRateLift: trained.activeRate === null || untrained.activeRate === null ? null : trained.activeRate - untrained.activeRate,
    beforeAfter: {
      people: cohort,
      weeklyLoginsBefore: cohort > 0 ? (around?.loginsBefore ?? 0) / cohort / weeks : null,
      weeklyLoginsAfter: cohort > 0 ? (around?.loginsAfter ?? 0) / cohort / weeks : null,
    },
  };
}

/** The training view: teams by gap to plan, people to train, and whether training moved adoption. */
@Injectable()
export class TrainingService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly training: TrainingRepository,
    private readonly metrics: MetricsService,
    private readonly planInForce: PlanInForce,
  ) {}

  async trainingAsOf(asOf: string): Promise<TrainingResponse> {
    await this.metrics.assertDayInBounds('asOf', asOf);
    const timezone = await this.planInForce.timezone();
    const version = await this.planInForce.at(asOf);
    const [report, people] = await Promise.all([
      this.metrics.report(asOf),
      this.people.seatHolders(asOf, timezone, undefined, version?.id ?? null),
    ]);
    const plan = version?.plan ?? null;
    const requiredCourses = Math.max(0, ...people.map((person) => person.requiredCourses));
    return {
      asOf,
      requiredCourses,
      teams: rankTeams(report.departments),
      peopleToTrain: this.toTrain(people, plan, asOf),
      lift: requiredCourses === 0 ? [] : await this.lift(asOf, timezone, people),
      how: HOW,
    };
  }

  /** The people-to-train list of `asOf` as a CSV file. */
  async peopleToTrainCsv(asOf: string): Promise<string> {
    await this.metrics.assertDayInBounds('asOf', asOf);
    const timezone = await this.planInForce.timezone();
    const version = await this.planInForce.at(asOf);
    const people = await this.people.seatHolders(asOf, timezone, undefined, version?.id ?? null);
    return peopleToTrainCsv(this.toTrain(people, version?.plan ?? null, asOf));
  }

  private toTrain(people: readonly PersonActivity[], plan: LaunchPlan | null, asOf: string): PersonToTrain[] {
    return people
      .flatMap((person) => {
        const reasons: TrainReason[] = [];
        const incomplete = trainingComplete(person) === false;
        const dueDate = person.requiredCourses > 0 ? trainingDueDate(plan, person.createdAt) : null;
        if (person.logins14 === 0) reasons.push('no_login_14_days');
        if (incomplete) reasons.push('training_incomplete');
        if (isTrainingOverdue(dueDate, incomplete, asOf)) reasons.push('training_overdue');
        return reasons.length ? [{ person, reasons, dueDate }] : [];
      })
      .sort((a, b) => compareNames(a.person.department, b.person.department) || comparePeople(a.person, b.person))
      .map(({ person, reasons, dueDate }) => ({
        connectionId: person.connectionId,
        externalId: person.externalId,
        name: person.name,
        email: person.email,
        department: person.department,
        managerName: person.managerExternalId === null ? null : person.managerName?.trim() || person.managerExternalId,
        lastLoginAt: person.lastLoginAt === null ? null : new Date(person.lastLoginAt).toISOString(),
        reasons,
        requiredCoursesDone: person.requiredCoursesDone,
        requiredCourses: person.requiredCourses,
        dueDate,
      }));
  }

  private async lift(asOf: string, timezone: string, people: readonly PersonActivity[]): Promise<TrainingLift[]> {
    const lastEligibleDay = addDays(asOf, -LIFT_WINDOW_DAYS);
    const completionDays = people
      .filter((person) => trainingComplete(person) === true && person.lastRequiredCompletedAt !== null)
      .map((person) => dayOf(person.lastRequiredCompletedAt as number, timezone))
      .filter((day) => day <= lastEligibleDay);
    const around = await this.training.loginsAroundCompletion(asOf, timezone, completionDays);

    const departments = [...new Set(people.map((person) => person.department))].sort(compareNames);
    const organisationAround = around.reduce<DepartmentLoginsAroundCompletion>(
      (total, part) => ({
        ...total,
        people: total.people + part.people,
        loginsBefore: total.loginsBefore + part.loginsBefore,
        loginsAfter: total.loginsAfter + part.loginsAfter,
      }),
      { department: ORGANISATION, people: 0, loginsBefore: 0, loginsAfter: 0 },
    );
    return [
      ...departments.map((department) =>
        lift(
          department,
          people.filter((person) => person.department === department),
          around.find((entry) => entry.department === department),
        ),
      ),
      lift(ORGANISATION, people, organisationAround),
    ];
  }
}
