import { z } from 'zod';
import { METRIC_KEYS, type MetricKey } from '../metrics/metric-catalogue';

/** YYYY-MM-DD, a calendar day in the plan's time zone. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    (text) => !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text),
    'not a calendar date',
  );

const nullableNumber = z.number().nullable();
const metricShape = Object.fromEntries(METRIC_KEYS.map((key) => [key, nullableNumber])) as Record<MetricKey, typeof nullableNumber>;
export const MetricValuesSchema = z.object(metricShape);
export const PartialMetricValuesSchema = z.object(
  Object.fromEntries(METRIC_KEYS.map((key) => [key, z.number().optional()])) as Record<MetricKey, z.ZodOptional<z.ZodNumber>>,
);
export const HealthStatusSchema = z.enum(['green', 'amber', 'red']);

/**
 * Whether a day's value was `observed` (Uptake had seen every connection it reads by the end of the
 * day) or `reconstructed` (the day ends before the first observation of a connection it reads, so
 * its value is rebuilt from data seen later).
 */
export const ProvenanceSchema = z.enum(['observed', 'reconstructed']);
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
  time: z.string(),
});

export const DepartmentMetricsSchema = z.object({
  department: z.string(),
  seatHolders: z.number().int(),
  metrics: MetricValuesSchema,
  expected: PartialMetricValuesSchema,
  /** Attainment (0..1) of each metric that has a goal and a value. */
  attainment: PartialMetricValuesSchema.optional(),
  health: z.number().nullable(),
  status: HealthStatusSchema.nullable(),
  /** Whether these values were observed on the day or reconstructed from data seen later. */
  provenance: ProvenanceSchema,
  /** True when the values are hidden: fewer than the plan's min_group_size seat holders (auth.schemas.ts). */
  suppressed: z.boolean().optional(),
});

export const OrganisationMetricsSchema = DepartmentMetricsSchema.omit({ department: true });

/** The `metrics --json` document of DESIGN.md, and the body of GET /api/departments. */
export const MetricsReportSchema = z.object({
  asOf: IsoDateSchema,
  /** `reconstructed` when any value of the report is (the organisation reads every connection). */
  provenance: ProvenanceSchema,
  departments: z.array(DepartmentMetricsSchema),
  organisation: OrganisationMetricsSchema,
});

export const SyncRunStatusSchema = z.enum(['running', 'succeeded', 'failed']);
export const SyncTriggerSchema = z.enum(['schedule', 'manual', 'cli', 'import', 'startup']);

export const SyncRunSchema = z.object({
  id: z.number().int(),
  connectionId: z.number().int(),
  connectionName: z.string(),
  trigger: SyncTriggerSchema,
  status: SyncRunStatusSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  counts: z.record(z.string(), z.number()),
  error: z.string().nullable(),
});

export const ConnectionKindSchema = z.enum(['demo', 'csv', 'salesforce', 'hubspot', 'dataverse', 'moodle']);

/** The option every connection kind takes besides its connector's: which connection's user is a person's primary user. */
export const PRIORITY_OPTION = 'priority';
export const MIN_CONNECTION_PRIORITY = -1000;
export const MAX_CONNECTION_PRIORITY = 1000;

/** The `priority` option as typed (`--option priority=5`, a form field): a whole number in range. */
export const ConnectionPrioritySchema = z
  .string()
  .trim()
  .regex(/^-?\d+$/, 'priority must be a whole number, e.g. 10')
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .min(MIN_CONNECTION_PRIORITY, `priority must be at least ${MIN_CONNECTION_PRIORITY}`)
      .max(MAX_CONNECTION_PRIORITY, `priority must be at most ${MAX_CONNECTION_PRIORITY}`),
  );

/**
 * DESIGN.md: a connection's priority defaults to 10 for CRM connections and 0 for csv; a learning
 * system (moodle) is not a CRM either, so its users never outrank a CRM's by default.
 */
export function defaultConnectionPriority(kind: z.infer<typeof ConnectionKindSchema>): number {
  return kind === 'csv' || kind === 'moodle' ? 0 : 10;
}

export const ConnectionSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: ConnectionKindSchema,
  schedule: z.string(),
  enabled: z.boolean(),
  /** Its `priority` option, or the default of its kind. */
  priority: z.number().int(),
  createdAt: z.string(),
  /** When it was removed with its data kept (marked deleted); null while it is in use. */
  removedAt: z.string().nullable(),
  lastRun: SyncRunSchema.nullable(),
  nextRunAt: z.string().nullable(),
});

/**
 * What the CRM data covers, so that missing data is not read as bad data: days in the plan's time
 * zone, null when there is no such data at all.
 */
export const DataCoverageSchema = z.object({
  /** Day of the first and the last counted login (success, not the API channel); null: no login data. */
  loginsFrom: IsoDateSchema.nullable(),
  loginsTo: IsoDateSchema.nullable(),
  /** Day of the newest activity of any kind (login, record or opportunity created, opportunity worked on, course completed); null: no data. */
  dataEndsOn: IsoDateSchema.nullable(),
});

export const OverviewResponseSchema = z.object({
  asOf: IsoDateSchema,
  launchDate: IsoDateSchema.nullable(),
  timezone: z.string(),
  organisation: OrganisationMetricsSchema,
  /** Organisation values a week before asOf, for the change arrows. */
  weekEarlier: MetricValuesSchema.nullable(),
  departments: z.array(DepartmentMetricsSchema),
  connections: z.array(ConnectionSchema),
  dataCoverage: DataCoverageSchema,
});

export const SeriesPointSchema = z.object({
  day: IsoDateSchema,
  seatHolders: z.number().int().nullable(),
  metrics: MetricValuesSchema,
  expected: PartialMetricValuesSchema,
  /** Whether the day's values were observed on the day or reconstructed from data seen later. */
  provenance: ProvenanceSchema,
  /** True when the values are hidden: fewer than the plan's min_group_size seat holders (auth.schemas.ts). */
  suppressed: z.boolean().optional(),
});

export const MetricSeriesResponseSchema = z.object({
  department: z.string(),
  from: IsoDateSchema,
  to: IsoDateSchema,
  points: z.array(SeriesPointSchema),
});

/**
 * A request reads at most this many days (3 years): a series from..to, both included. Days also
 * lie between 3 years (the same span) before the launch date and today, which the server checks
 * (it knows the plan and the day).
 */
export const MAX_RANGE_DAYS = 3 * 365 + 1;

/** Days from `from` to `to`, both included (calendar dates as YYYY-MM-DD). */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export const AsOfQuerySchema = z.strictObject({ asOf: IsoDateSchema.optional() });
export const SeriesQuerySchema = z
  .strictObject({ from: IsoDateSchema.optional(), to: IsoDateSchema.optional() })
  .superRefine(({ from, to }, context) => {
    if (from === undefined || to === undefined) return;
    if (from > to) context.addIssue({ code: 'custom', path: ['from'], message: `${from} is after to ${to}` });
    else if (daysInRange(from, to) > MAX_RANGE_DAYS)
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `from ${from} to ${to} spans ${daysInRange(from, to)} days: at most ${MAX_RANGE_DAYS} days (3 years) per request`,
      });
  });
export const SyncRunsQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const SyncStartedResponseSchema = z.object({ run: SyncRunSchema });

export const ErrorResponseSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export type HealthResponse = z.infer<typeof HealthResponseSchema>;
export type DepartmentMetrics = z.infer<typeof DepartmentMetricsSchema>;
export type OrganisationMetrics = z.infer<typeof OrganisationMetricsSchema>;
export type MetricsReport = z.infer<typeof MetricsReportSchema>;
export type SyncRun = z.infer<typeof SyncRunSchema>;
export type SyncRunStatus = z.infer<typeof SyncRunStatusSchema>;
export type SyncTrigger = z.infer<typeof SyncTriggerSchema>;
export type ConnectionKind = z.infer<typeof ConnectionKindSchema>;
export type Connection = z.infer<typeof ConnectionSchema>;
export type DataCoverage = z.infer<typeof DataCoverageSchema>;
export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;
export type SeriesPoint = z.infer<typeof SeriesPointSchema>;
export type MetricSeriesResponse = z.infer<typeof MetricSeriesResponseSchema>;
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** One user of a person whose users disagree on the department (DESIGN.md "a person is one human across connections"). */
export const PersonConflictUserSchema = z.object({
  connectionName: z.string(),
  externalId: z.string(),
  name: z.string().nullable(),
  department: z.string().nullable(),
  /** The primary user, whose department counts (highest connection priority, ties to the older connection). */
  primary: z.boolean(),
});

/** A person (users with one email across connections) whose users are in different departments. */
export const PersonConflictSchema = z.object({
  email: z.string(),
  users: z.array(PersonConflictUserSchema).min(2),
});
export type PersonConflict = z.infer<typeof PersonConflictSchema>;

/** An admin's decision about who is whom across connections, as a version with who and when. */
export const PersonOverrideSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['merge', 'unmerge', 'split', 'unsplit']),
  emailKey: z.string().nullable(),
  targetKey: z.string().nullable(),
  /** split / unsplit: `connection/external id`. */
  user: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.number().int(),
  supersededAt: z.number().int().nullable(),
});
export type PersonOverrideView = z.infer<typeof PersonOverrideSchema>;

/** POST /api/connections/person-overrides: merge (email into another), unmerge (email), split or unsplit (a user). */
export const PersonOverrideRequestSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('merge'), email: z.string().trim().min(1), into: z.string().trim().min(1), by: z.string().optional() }),
  z.strictObject({ kind: z.literal('unmerge'), email: z.string().trim().min(1), by: z.string().optional() }),
  z.strictObject({
    kind: z.enum(['split', 'unsplit']),
    connection: z.string().trim().min(1),
    externalId: z.string().trim().min(1),
    by: z.string().optional(),
  }),
]);
export type PersonOverrideRequest = z.infer<typeof PersonOverrideRequestSchema>;
