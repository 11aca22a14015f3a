import { z } from 'zod';
import { METRIC_KEYS } from '../metrics/metric-catalogue';
import { IsoDateSchema } from './api.schemas';

/*
 * The adoption programme: forecasts of the goals and the log of interventions with their effect
 * estimates. Conventions as in api.schemas.ts (days YYYY-MM-DD in the plan's time zone, instants
 * ISO 8601 in UTC, shares 0..1, null: not defined).
 */

const MetricKeySchema = z.enum(METRIC_KEYS);
const count = z.number().int().min(0);

// ---------------------------------------------------------------------------------------------
// GET /api/forecasts?asOf=YYYY-MM-DD   (default asOf: today)
// ---------------------------------------------------------------------------------------------

export const ForecastStatusSchema = z.enum(['reached', 'projected', 'not_at_this_pace', 'not_enough_data']);

/** The forecast of one goal for one scope (shared/src/goals/forecast.util.ts). */
export const ForecastSchema = z.object({
  /** A department, or "*" for the organisation. */
  department: z.string(),
  metric: MetricKeySchema,
  /** The goal in force for the scope: its own, else the plan's "*" goal. */
  target: z.number(),
  by: IsoDateSchema,
  status: ForecastStatusSchema,
  projectedDate: IsoDateSchema.nullable(),
  /** Reached, or projected on or before `by`; null: not enough data (or hidden). */
  onTrack: z.boolean().nullable(),
  points: count,
  slopePerDay: z.number().nullable(),
  latest: z.number().nullable(),
  /** Seat holders on the last day with a snapshot in the window (null: no snapshot). */
  seatHolders: count.nullable(),
  /** The fewest seat holders on any day with a snapshot in the window (null: no snapshot). */
  fewestSeatHolders: count.nullable(),
  /** Set when the group was smaller than the plan's min_group_size and the caller may not see its people: values are hidden. */
  suppressed: z.boolean().optional(),
});

export const ForecastsResponseSchema = z.object({
  asOf: IsoDateSchema,
  /** How the forecast is computed (FORECAST_HOW). */
  how: z.string(),
  /** The organisation first, then departments by name; per scope in catalogue order of the metrics. */
  forecasts: z.array(ForecastSchema),
});

// ---------------------------------------------------------------------------------------------
// GET    /api/interventions?asOf=YYYY-MM-DD   every intervention, newest first, with effect estimates
// POST   /api/interventions    body CreateInterventionRequestSchema -> 201 InterventionSchema
//   admins, and trainers for departments assigned to them (403 FORBIDDEN otherwise);
//   400 VALIDATION_FAILED for a bad body, INTERVENTION_INVALID for an unknown department or a day after today.
// DELETE /api/interventions/:id -> 200 InterventionSchema (as it was); 404 INTERVENTION_NOT_FOUND.
// ---------------------------------------------------------------------------------------------

export const INTERVENTION_KINDS = ['training_session', 'coaching', 'communication', 'process_change', 'data_cleanup'] as const;
export const InterventionKindSchema = z.enum(INTERVENTION_KINDS);

export const INTERVENTION_KIND_LABELS: Readonly<Record<z.infer<typeof InterventionKindSchema>, string>> = {
  training_session: 'Training session',
  coaching: 'Coaching',
  communication: 'Communication',
  process_change: 'Process or configuration change',
  data_cleanup: 'Data clean-up',
};

export const InterventionsQuerySchema = z.strictObject({ asOf: IsoDateSchema.optional() });

export const CreateInterventionRequestSchema = z.strictObject({
  date: IsoDateSchema,
  kind: InterventionKindSchema,
  departments: z
    .array(z.string().trim().min(1, 'a department name may not be empty').max(200))
    .min(1, 'name at least one department')
    .max(200)
    .refine((names) => new Set(names).size === names.length, 'a department is named twice'),
  description: z.string().trim().min(1, 'say what was done').max(2000),
  /** Who ran it (a trainer, a team); default: who logs it (the signed-in account). */
  who: z.string().trim().min(1).max(200).optional(),
});

export const GroupChangeSchema = z.object({
  people: count,
  before: z.number().nullable(),
  after: z.number().nullable(),
  change: z.number().nullable(),
});

export const EffectStatusSchema = z.enum(['estimated', 'too_early', 'no_comparison', 'too_few_people', 'not_enough_data']);

/** The difference-in-differences estimate on one metric (shared/src/interventions/intervention-effect.util.ts). */
export const InterventionEffectSchema = z.object({
  metric: MetricKeySchema,
  status: EffectStatusSchema,
  before: z.object({ from: IsoDateSchema, to: IsoDateSchema }),
  after: z.object({ from: IsoDateSchema, to: IsoDateSchema }),
  treated: GroupChangeSchema,
  comparison: GroupChangeSchema,
  effect: z.number().nullable(),
  note: z.string(),
});

export const InterventionSchema = z.object({
  id: z.number().int(),
  date: IsoDateSchema,
  kind: InterventionKindSchema,
  departments: z.array(z.string()),
  description: z.string(),
  who: z.string(),
  /** When it was logged (ISO instant). */
  loggedAt: z.string(),
  /** The account (or CLI user) that logged it; null for anyone but an admin. */
  loggedBy: z.string().nullable(),
  /** One per metric of the catalogue, in its order; empty in the answer of POST and DELETE. */
  effects: z.array(InterventionEffectSchema),
});

export const InterventionsResponseSchema = z.object({
  asOf: IsoDateSchema,
  minGroupSize: count,
  /** How the effect is estimated (EFFECT_HOW). */
  how: z.string(),
  /** Newest first (by date, then by id). */
  interventions: z.array(InterventionSchema),
});

export type Forecast = z.infer<typeof ForecastSchema>;
export type ForecastsResponse = z.infer<typeof ForecastsResponseSchema>;
export type InterventionKind = z.infer<typeof InterventionKindSchema>;
export type InterventionsQuery = z.infer<typeof InterventionsQuerySchema>;
export type CreateInterventionRequest = z.input<typeof CreateInterventionRequestSchema>;
export type GroupChangeView = z.infer<typeof GroupChangeSchema>;
export type InterventionEffectView = z.infer<typeof InterventionEffectSchema>;
export type Intervention = z.infer<typeof InterventionSchema>;
export type InterventionsResponse = z.infer<typeof InterventionsResponseSchema>;
