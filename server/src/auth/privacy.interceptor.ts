import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type {
  ForecastsResponse,
  DepartmentPresenceResponse,
  MetricSeriesResponse,
  MetricsReport,
  OverviewResponse,
  PeopleResponse,
  RestatementPage,
  PresenceOverviewResponse,
  RoiResponse,
  TrainingResponse,
} from '@uptake/shared';
import type { Request } from 'express';
import { from, mergeMap, type Observable } from 'rxjs';
import { addDays } from '../common/time.util';
import { MetricsService } from '../metrics/metrics.service';
import { SnapshotService } from '../metrics/snapshot.service';
import { PlanInForce } from '../plan/plan-in-force.service';
import { peopleToTrainCsv } from '../training/training-csv.util';
import { TrainingService } from '../training/training.service';
import { AuditService } from './audit.service';
import { suppressForecasts } from './forecast-suppression.util';
import { safeUrl } from './auth.guard';
import { actorOf, clientIp, peopleAccessOf, principalOf, seesPeopleOf, type Principal } from './principal';
import {
  suppressOverview,
  suppressReport,
  suppressRoi,
  suppressSeries,
  suppressTraining,
  type DaySizes,
  type PrivacyViewer,
} from './privacy-suppression.util';
import { suppressDepartmentPresence, suppressPresenceOverview } from './presence-suppression.util';
import { policyFor, type RoutePolicy } from './route-policy';
import { statusOnly } from './status-only.util';
import { suppressRestatements } from './restatement-suppression.util';

const DEFAULT_MIN_GROUP_SIZE = 5;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Filters every answer as its route's policy says (small groups hidden, people of other
 * departments removed) and writes the audit log: each people-level view before the data leaves,
 * each successful change afterwards. The one place where answers are cut to the viewer.
 */
@Injectable()
export class PrivacyInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditService,
    private readonly modules: ModuleRef,
    private readonly planInForce: PlanInForce,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    const { key, policy } = policyFor(request.method, (request.route as { path?: string } | undefined)?.path);
    const principal = principalOf(request);
    return next.handle().pipe(mergeMap((body: unknown) => from(this.answer(request, key, policy, principal, body))));
  }

  private async answer(request: Request, key: string, policy: RoutePolicy, principal: Principal | null, body: unknown): Promise<unknown> {
    const filtered = principal && policy.privacy ? await this.filter(request, policy, principal, body) : { body, audit: null };
    if (principal && filtered.audit) {
      // Written before the answer leaves: a view that cannot be logged is not shown.
      await this.audit.record(actorOf(principal, clientIp(request)), {
        target: `${request.method} ${safeUrl(request.originalUrl)}`,
        ...filtered.audit,
      });
    } else if (principal && policy.audit) {
      await this.audit.record(actorOf(principal, clientIp(request)), {
        action: policy.audit,
        target: `${request.method} ${safeUrl(request.originalUrl)}`,
      });
    }
    if (principal && UNSAFE.has(request.method.toUpperCase()) && !policy.ownAudit) {
      await this.audit.record(actorOf(principal, clientIp(request)), {
        action: 'api.change',
        target: `${request.method} ${safeUrl(request.originalUrl)}`,
        // The route and its path parameters only: bodies may hold credentials.
        detail: { route: key, params: { ...request.params } },
      });
    }
    return principal?.role !== 'admin' && policy.statusOnly ? statusOnly(policy.statusOnly, filtered.body) : filtered.body;
  }

  private async filter(
    request: Request,
    policy: RoutePolicy,
    principal: Principal,
    body: unknown,
  ): Promise<{
    body: unknown;
    audit: { action: NonNullable<RoutePolicy['audit']>; department?: string | null; detail?: Record<string, unknown> } | null;
  }> {
    const viewer: PrivacyViewer = {
      seesEveryone: peopleAccessOf(principal.role) === 'all',
      seesPeopleOf: (department) => seesPeopleOf(principal, department),
    };
    const minGroupSize = async () => (await this.planInForce.plan())?.privacy.min_group_size ?? DEFAULT_MIN_GROUP_SIZE;
    switch (policy.privacy) {
      case 'report':
        return { body: suppressReport(body as MetricsReport, await minGroupSize(), viewer), audit: null };
      case 'overview': {
        const overview = body as OverviewResponse;
        const weekEarlier =
          viewer.seesEveryone || overview.weekEarlier === null ? undefined : await this.sizesOn(addDays(overview.asOf, -7));
        return { body: suppressOverview(overview, await minGroupSize(), viewer, weekEarlier), audit: null };
      }
      case 'series': {
        const series = body as MetricSeriesResponse;
        const sizes = viewer.seesEveryone
          ? undefined
          : await this.modules.get(SnapshotService, { strict: false }).seatHoldersByDay(series.from, series.to);
        return { body: suppressSeries(series, await minGroupSize(), viewer, sizes), audit: null };
      }
      case 'roi': {
        const roi = body as RoiResponse;
        const points = roi.adoption.points;
        const sizes =
          viewer.seesEveryone || points.length === 0
            ? undefined
            : await this.modules.get(SnapshotService, { strict: false }).seatHoldersByDay(points[0].day, points[points.length - 1].day);
        return { body: suppressRoi(roi, await minGroupSize(), viewer, sizes), audit: null };
      }
      case 'restatements': {
        const page = body as RestatementPage;
        if (viewer.seesEveryone || page.items.length === 0) return { body, audit: null };
        const days = page.items.map((item) => item.day).sort();
        const sizes = await this.modules.get(SnapshotService, { strict: false }).seatHoldersByDay(days[0], days[days.length - 1]);
        return { body: suppressRestatements(page, await minGroupSize(), viewer, sizes), audit: null };
      }
      case 'training': {
        const training = suppressTraining(body as TrainingResponse, await minGroupSize(), viewer);
        const people = training.peopleToTrain;
        const audit = people.length
          ? {
              action: 'training.people.view' as const,
              detail: { asOf: training.asOf, rows: people.length, departments: [...new Set(people.map((person) => person.department))] },
            }
          : null;
        return { body: training, audit };
      }
      case 'people': {
        const people = body as PeopleResponse;
        return {
          body,
          audit: { action: 'people.view', department: people.department, detail: { asOf: people.asOf, rows: people.people.length } },
        };
      }
      case 'forecasts': {
        const forecasts = body as ForecastsResponse;
        const sizes = viewer.seesEveryone
          ? undefined
          : (await this.modules.get(SnapshotService, { strict: false }).seatHoldersByDay(forecasts.asOf, forecasts.asOf)).get(
              forecasts.asOf,
            );
        return { body: suppressForecasts(forecasts, await minGroupSize(), viewer, sizes), audit: null };
      }
      case 'trainingCsv':
        return this.trainingCsv(request, principal, body as string, viewer);
      case 'presence':
        return { body: suppressPresenceOverview(body as PresenceOverviewResponse, await minGroupSize(), viewer), audit: null };
      case 'departmentPresence': {
        const presence = body as DepartmentPresenceResponse;
        if (viewer.seesPeopleOf(presence.department)) return { body, audit: null };
        const sizes = await this.sizesOn(presence.asOf);
        return { body: suppressDepartmentPresence(presence, await minGroupSize(), viewer, sizes), audit: null };
      }
      default:
        return { body, audit: null };
    }
  }

  /** The people-to-train CSV: whole for admins; for a trainer, rebuilt from the departments assigned. */
  private async trainingCsv(request: Request, principal: Principal, csv: string, viewer: PrivacyViewer) {
    const asOf = typeof request.query.asOf === 'string' ? request.query.asOf : await this.today();
    if (viewer.seesEveryone) {
      return { body: csv, audit: { action: 'training.people.export' as const, detail: { asOf, departments: 'all' } } };
    }
    const training = await this.modules.get(TrainingService, { strict: false }).trainingAsOf(asOf);
    const people = training.peopleToTrain.filter((person) => viewer.seesPeopleOf(person.department));
    return {
      body: peopleToTrainCsv(people),
      audit: { action: 'training.people.export' as const, detail: { asOf, rows: people.length, departments: [...principal.departments] } },
    };
  }

  /** Seat holders of every department on `day`, as the metrics report of that day counts them. */
  private async sizesOn(day: string): Promise<DaySizes> {
    const report = await this.modules.get(MetricsService, { strict: false }).report(day);
    return {
      organisation: report.organisation.seatHolders,
      departments: new Map(report.departments.map((entry) => [entry.department, entry.seatHolders])),
    };
  }

  private async today(): Promise<string> {
    return this.planInForce.today();
  }
}
