import { z } from 'zod';
import { METRIC_KEYS } from '../metrics/metric-catalogue';
import { LaunchPlanSchema } from '../plan/launch-plan.schema';
import { effectiveFromProblem } from '../plan/effective-from.util';
import { PresenceQuadrantSchema } from './presence.schemas';
import {
  ConnectionKindSchema,
  ConnectionSchema,
  DataCoverageSchema,
  HealthStatusSchema,
  IsoDateSchema,
  MetricValuesSchema,
  ProvenanceSchema,
} from './api.schemas';

/*
 * The dashboard API: the department people table, the executive (ROI) view, the training view,
 * goal editing with version history, and connection management. Every response of these routes
 * is one of the schemas below; requests are strict (unknown fields are a 400 VALIDATION_FAILED).
 *
 * Conventions, as in api.schemas.ts:
 * - days are YYYY-MM-DD in the plan's time zone; instants are ISO 8601 strings in UTC;
 * - shares are 0..1 (not percent); money is in the plan's `currency`, per month, unrounded;
 * - null means "not defined" (no seat holders, a denominator of 0, not in the plan), never 0.
 * - errors are `{ error: { code, message, details? } }` (ErrorResponseSchema).
 */

const count = z.number().int().min(0);
const MetricKeySchema = z.enum(METRIC_KEYS);

// ---------------------------------------------------------------------------------------------
// GET /api/departments/:name/people?asOf=YYYY-MM-DD   (default asOf: today)
// 404 DEPARTMENT_UNKNOWN when no seat holder, plan or snapshot knows the department.
// ---------------------------------------------------------------------------------------------

/** One seat holder of the department on `asOf`. */
export const PersonRowSchema = z.object({
  /** Connection the user comes from; (connectionId, externalId) is unique, use it as the row key. */
  connectionId: z.number().int(),
  /** The user's id in the CRM. */
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** The CRM id of the manager, null when the CRM gives none. */
  managerExternalId: z.string().nullable(),
  /** The manager's name (falls back to the manager's id when the manager is not a known user); null without manager. */
  managerName: z.string().nullable(),
  /** Latest counted login (success, not the API channel) on or before end(asOf); null when none ever. */
  lastLoginAt: z.string().nullable(),
  /** Counted logins in the 7 days ending end(asOf). */
  logins7: count,
  /** Counted logins in the 30 days ending end(asOf). */
  logins30: count,
  /** Mean over their own tracked records of required fields filled / required fields; null when they own no tracked record. */
  recordCompleteness: z.number().nullable(),
  /** Tracked records (object types with required fields in the plan) they own, not deleted, created by end(asOf). */
  trackedRecords: count,
  /** Their opportunities open at asOf (same rule as the stale_opportunities metric). */
  openOpportunities: count,
  /** Of those, the stale ones. */
  staleOpportunities: count,
  /** Required courses they completed on or before end(asOf). */
  requiredCoursesDone: count,
  /** Courses marked required in any training row (the same for everyone). */
  requiredCourses: count,
  /** Every required course completed; null when no course is required at all. */
  trainingComplete: z.boolean().nullable(),
  /** Activities (not deleted) they own that took place in the 7 days ending end(asOf). */
  activities7: count,
  /** Their latest activity (not deleted) on or before end(asOf); null when none ever. */
  lastActivityAt: z.string().nullable(),
  /** Presence and work in the 7 days ending end(asOf): a counted login, and work (the active_contributors rule). */
  presence: PresenceQuadrantSchema,
});

/** Seat holders of the department grouped by their manager (direct reports only), with the metrics over them. */
export const ManagerGroupSchema = z.object({
  /** Null: the group of seat holders without a manager. */
  managerExternalId: z.string().nullable(),
  /** Display name: the manager's name, else their id; "No manager" for the null group. */
  managerName: z.string(),
  seatHolders: count,
  /** External ids of the seat holders in this group, in the order of `people`. */
  people: z.array(z.string()),
  /** The metric catalogue's definitions restricted to these seat holders. */
  metrics: MetricValuesSchema,
});

export const PeopleResponseSchema = z.object({
  asOf: IsoDateSchema,
  department: z.string(),
  seatHolders: count,
  /** Sorted by name (then external id). */
  people: z.array(PersonRowSchema),
  /** Sorted by manager name; the "No manager" group last. */
  byManager: z.array(ManagerGroupSchema),
});

// ---------------------------------------------------------------------------------------------
// GET /api/roi?asOf=YYYY-MM-DD   (Executive view)
// ---------------------------------------------------------------------------------------------

/** A number with a short sentence saying how it was computed (shown on hover/focus). */
export const FigureSchema = z.object({
  value: z.number().nullable(),
  how: z.string(),
});

/** Open opportunities at asOf split into fresh and stale (the stale_opportunities rule); amounts sum `amount` (empty = 0). */
export const PipelineSchema = z.object({
  openAmount: z.number(),
  openCount: count,
  freshAmount: z.number(),
  freshCount: count,
  staleAmount: z.number(),
  staleCount: count,
  how: z.string(),
});

export const RoiScopeSchema = z.object({
  /** Seats bought for the department in the launch plan (null: not in the plan). Organisation: sum over the plan. */
  seats: FigureSchema,
  /** Licence cost per seat per month (null: not in the plan). Organisation: spend / seats. */
  licenceCostPerSeatMonth: FigureSchema,
  /** seats × cost per seat (null: not in the plan). */
  monthlySpend: FigureSchema,
  seatHolders: FigureSchema,
  /** Seat holders with a counted login in the 30 days ending end(asOf) (a count, not a share). */
  monthlyActiveUsers: FigureSchema,
  /** max(seats − monthly active users, 0); seat holders instead of seats when the plan has none for the department. Organisation: sum of departments. */
  shelfwareSeats: FigureSchema,
  /** shelfware seats × cost per seat (null: cost unknown). Organisation: sum of departments. */
  shelfwareCostPerMonth: FigureSchema,
  /** monthly spend / monthly active users (null when either is unknown or there is no monthly active user). */
  costPerMonthlyActiveUser: FigureSchema,
  pipeline: PipelineSchema,
  /** Set when the group is smaller than the plan's min_group_size and the caller may not see people-level data: values are hidden. */
  suppressed: z.boolean().optional(),
});

export const RoiDepartmentSchema = RoiScopeSchema.extend({
  department: z.string(),
  /** False for a department that has seat holders but no line in the launch plan. */
  inPlan: z.boolean(),
});

export const MonthlySpendSchema = z.object({
  /** YYYY-MM */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  spend: z.number(),
});

export const AdoptionPointSchema = z.object({
  day: IsoDateSchema,
  /** Organisation active_users from the daily snapshot (null: no snapshot that day). */
  actual: z.number().nullable(),
  /** The plan ramp of the organisation's active_users goal (null: no such goal). */
  expected: z.number().nullable(),
  /** Whether the day's value was observed on the day or reconstructed from data seen later. */
  provenance: ProvenanceSchema,
});

export const RoiResponseSchema = z.object({
  asOf: IsoDateSchema,
  /** ISO 4217 code from the plan ("EUR" when there is no plan). */
  currency: z.string(),
  launchDate: IsoDateSchema.nullable(),
  organisation: RoiScopeSchema,
  /** Plan departments and departments with seat holders, by name. */
  departments: z.array(RoiDepartmentSchema),
  /** Licence spend per month from the launch month to the asOf month (empty without a plan or before launch). */
  spendByMonth: z.object({ months: z.array(MonthlySpendSchema), how: z.string() }),
  /** Organisation active_users per day since launch (without a plan: the 90 days to asOf), with the plan ramp. */
  adoption: z.object({ metric: z.literal('active_users'), points: z.array(AdoptionPointSchema), how: z.string() }),
  /** Whether there is login data and when the data ends (monthly active users and shelfware need logins). */
  dataCoverage: DataCoverageSchema,
});

// ---------------------------------------------------------------------------------------------
// GET /api/training?asOf=YYYY-MM-DD          (Training view)
// GET /api/training/people.csv?asOf=...      (people to train as CSV: text/csv, attachment
//   "people-to-train-<asOf>.csv"; columns: external_id,name,email,department,manager,
//   last_login,reasons,required_courses_done,required_courses; reasons joined by "; ")
// ---------------------------------------------------------------------------------------------

/** One metric with a goal: expected (ramp) vs actual; gap > 0 means behind plan. */
export const MetricGapSchema = z.object({
  metric: MetricKeySchema,
  expected: z.number(),
  actual: z.number().nullable(),
  /** higher-is-better: expected − actual; lower-is-better: actual − expected; null without an actual value. */
  gap: z.number().nullable(),
  attainment: z.number().nullable(),
});

export const TeamGapSchema = z.object({
  department: z.string(),
  seatHolders: count,
  health: z.number().nullable(),
  status: HealthStatusSchema.nullable(),
  /** The metric furthest behind: lowest attainment, then largest gap; null when no metric has a goal and a value. */
  largestShortfall: MetricGapSchema.nullable(),
  /** Every metric with a goal and a value, furthest behind first. */
  gaps: z.array(MetricGapSchema),
  /** Set when the group is smaller than the plan's min_group_size and the caller may not see people-level data: values are hidden. */
  suppressed: z.boolean().optional(),
});

export const TrainReasonSchema = z.enum(['no_login_14_days', 'training_incomplete', 'training_overdue']);

export const PersonToTrainSchema = z.object({
  connectionId: z.number().int(),
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  department: z.string(),
  managerName: z.string().nullable(),
  /** Latest counted login on or before end(asOf), null when none. */
  lastLoginAt: z.string().nullable(),
  /**
   * no_login_14_days: no counted login in [start of asOf−13, end(asOf)]; training_incomplete: a required
   * course not completed by end(asOf); training_overdue: besides, its due date (dueDate) is before asOf.
   */
  reasons: z.array(TrainReasonSchema).min(1),
  requiredCoursesDone: count,
  requiredCourses: count,
  /** When the required courses are due (YYYY-MM-DD, the plan's training.due_by or start + due_within_days); null: no due date. */
  dueDate: z.string().nullable().optional(),
});

/** Active rate (7 days, as of asOf) of one group of seat holders. */
export const ActiveRateSchema = z.object({
  seatHolders: count,
  active7: count,
  /** active7 / seatHolders; null when the group is empty. */
  activeRate: z.number().nullable(),
});

export const TrainingLiftSchema = z.object({
  /** A department name, or "*" for the organisation. */
  department: z.string(),
  /** Seat holders who completed every required course by end(asOf). */
  trained: ActiveRateSchema,
  /** Seat holders who did not. */
  untrained: ActiveRateSchema,
  /** trained.activeRate − untrained.activeRate; null when either is null. */
  activeRateLift: z.number().nullable(),
  /**
   * Seat holders whose completion day (latest completed_at of their required courses) is at least
   * 28 days before asOf: average counted logins per week in the 28 days before that day and in the
   * 28 days from it.
   */
  beforeAfter: z.object({
    people: count,
    weeklyLoginsBefore: z.number().nullable(),
    weeklyLoginsAfter: z.number().nullable(),
  }),
  /** Set when the group is smaller than the plan's min_group_size and the caller may not see people-level data: values are hidden. */
  suppressed: z.boolean().optional(),
});

export const TrainingResponseSchema = z.object({
  asOf: IsoDateSchema,
  /** Courses marked required in any training row. */
  requiredCourses: count,
  /** Worst health first (no health last), then by name. */
  teams: z.array(TeamGapSchema),
  /** By department, then name. */
  peopleToTrain: z.array(PersonToTrainSchema),
  /** Per department by name, then the organisation ("*"); empty when no course is required. */
  lift: z.array(TrainingLiftSchema),
  /** How each part was computed, for the page's help text. */
  how: z.object({ teams: z.string(), peopleToTrain: z.string(), lift: z.string() }),
});

// ---------------------------------------------------------------------------------------------
// GET /api/plan   -> PlanHistoryResponseSchema (current and every version newest first)
// PUT /api/plan   body PlanUpdateRequestSchema -> 200 PlanVersionViewSchema (the new version)
//   400 VALIDATION_FAILED with details [{ path: "plan.goals[0].target", message }] on a bad plan.
// ---------------------------------------------------------------------------------------------

export const PlanVersionViewSchema = z.object({
  version: z.number().int(),
  createdAt: z.string(),
  /** Who stored the version (changedBy of the edit, or the CLI user); null for anyone but an admin. */
  createdBy: z.string().nullable(),
  /** Where it came from: a file path for `plan apply`, "dashboard" or "dashboard: <comment>" for an edit; null for anyone but an admin. */
  source: z.string().nullable(),
  /** The first day (in the plan's time zone) this version is the plan in force; the day it was stored unless given. */
  effectiveFrom: IsoDateSchema,
  plan: LaunchPlanSchema,
  /** Human-readable differences from the previous version (empty for version 1), e.g. "goal Sales EMEA / stale_opportunities: target 0.2 → 0.15". */
  changes: z.array(z.string()),
});

export const PlanHistoryResponseSchema = z.object({
  current: PlanVersionViewSchema.nullable(),
  history: z.array(PlanVersionViewSchema),
});

export const PlanUpdateRequestSchema = z
  .strictObject({
    /** The whole launch plan as the plan file format (snake_case keys), validated like `plan apply`. */
    plan: LaunchPlanSchema,
    changedBy: z.string().trim().min(1, 'changedBy must name who changes the plan').max(200),
    comment: z.string().trim().max(400).optional(),
    /** The first day the version is in force (YYYY-MM-DD, not before the launch date); default the day it is stored. */
    effectiveFrom: z.string().trim().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.effectiveFrom === undefined) return;
    const problem = effectiveFromProblem(body.effectiveFrom, body.plan.launch_date);
    if (problem !== null) ctx.addIssue({ code: 'custom', path: ['effectiveFrom'], message: problem });
  });

// ---------------------------------------------------------------------------------------------
// GET   /api/connections           -> ConnectionDetail[] (ConnectionSchema plus redacted `options`)
// POST  /api/connections           body CreateConnectionRequestSchema -> 201 ConnectionDetail
//   400 VALIDATION_FAILED / CONNECTOR_KIND_UNKNOWN / CONNECTOR_OPTIONS_INVALID / CONNECTION_INVALID
//   (bad name or cron schedule); 409 CONNECTION_EXISTS.
// POST  /api/connections/:id/test  -> 200 ConnectionTestResponseSchema (ok false with the error)
// PATCH /api/connections/:id       body UpdateConnectionRequestSchema -> 200 ConnectionDetail
//   404 CONNECTION_NOT_FOUND; 400 CONNECTION_INVALID for a bad cron schedule or priority,
//   CONNECTOR_OPTIONS_INVALID for options the connector refuses; 409 CONNECTION_REMOVED.
// DELETE /api/connections/:id      query RemoveConnectionQuerySchema -> 200 RemoveConnectionResponse
//   409 CONNECTION_CONFIRMATION_REQUIRED (purge without confirm = the name), SYNC_ALREADY_RUNNING.
// ---------------------------------------------------------------------------------------------

/**
 * A connection as the dashboard lists it: ConnectionSchema plus its options, with every credential
 * (option names containing secret, password, token or key) replaced by "set" or "not set".
 */
export const ConnectionDetailSchema = ConnectionSchema.extend({
  options: z.record(z.string(), z.string()),
});

export const CreateConnectionRequestSchema = z.strictObject({
  name: z.string().trim().min(1).max(64),
  kind: ConnectionKindSchema,
  options: z.record(z.string(), z.string()).default({}),
  /** Cron expression (UTC), default hourly "0 * * * *". */
  schedule: z.string().trim().min(1).optional(),
});

export const ConnectionTestResponseSchema = z.object({
  ok: z.boolean(),
  /** What the connector will sync (when ok). */
  summary: z.string().optional(),
  /** Why the test failed (when not ok). */
  error: z.string().optional(),
});

export const UpdateConnectionRequestSchema = z
  .strictObject({
    /**
     * Options to change, merged into the stored ones: an option left out keeps its value (so a
     * credential need not be typed again), an empty value removes it. `priority` is one of them.
     */
    options: z.record(z.string(), z.string()).optional(),
    schedule: z.string().trim().min(1).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => body.options !== undefined || body.schedule !== undefined || body.enabled !== undefined, {
    message: 'give options, schedule or enabled',
  });

export const RemoveConnectionQuerySchema = z.strictObject({
  /** true: delete the connection and everything synced into it; default: keep its data, marked deleted. */
  purge: z
    .enum(['true', 'false'])
    .optional()
    .transform((value) => value === 'true'),
  /** Purging asks for the connection's name here, as the dashboard asks to type it. */
  confirm: z.string().optional(),
});

export const RemoveConnectionResponseSchema = z.object({
  name: z.string(),
  purged: z.boolean(),
  /** Rows per table: deleted when purged, else marked deleted (users: deactivated). */
  rows: z.record(z.string(), z.number().int()),
});

export type PersonRow = z.infer<typeof PersonRowSchema>;
export type ManagerGroup = z.infer<typeof ManagerGroupSchema>;
export type PeopleResponse = z.infer<typeof PeopleResponseSchema>;
export type Figure = z.infer<typeof FigureSchema>;
export type Pipeline = z.infer<typeof PipelineSchema>;
export type RoiScope = z.infer<typeof RoiScopeSchema>;
export type RoiDepartment = z.infer<typeof RoiDepartmentSchema>;
export type MonthlySpend = z.infer<typeof MonthlySpendSchema>;
export type AdoptionPoint = z.infer<typeof AdoptionPointSchema>;
export type RoiResponse = z.infer<typeof RoiResponseSchema>;
export type MetricGap = z.infer<typeof MetricGapSchema>;
export type TeamGap = z.infer<typeof TeamGapSchema>;
export type TrainReason = z.infer<typeof TrainReasonSchema>;
export type PersonToTrain = z.infer<typeof PersonToTrainSchema>;
export type ActiveRate = z.infer<typeof ActiveRateSchema>;
export type TrainingLift = z.infer<typeof TrainingLiftSchema>;
export type TrainingResponse = z.infer<typeof TrainingResponseSchema>;
export type PlanVersionView = z.infer<typeof PlanVersionViewSchema>;
export type PlanHistoryResponse = z.infer<typeof PlanHistoryResponseSchema>;
/** The body the web sends (plan in the input shape: defaults may be left out). */
export type PlanUpdateRequest = z.input<typeof PlanUpdateRequestSchema>;
export type ConnectionDetail = z.infer<typeof ConnectionDetailSchema>;
export type CreateConnectionRequest = z.input<typeof CreateConnectionRequestSchema>;
export type ConnectionTestResponse = z.infer<typeof ConnectionTestResponseSchema>;
export type UpdateConnectionRequest = z.infer<typeof UpdateConnectionRequestSchema>;
export type RemoveConnectionQuery = z.input<typeof RemoveConnectionQuerySchema>;
export type RemoveConnectionResponse = z.infer<typeof RemoveConnectionResponseSchema>;
