import { z } from 'zod';
import { METRIC_KEYS } from '../metrics/metric-catalogue';
import { IsoDateSchema } from './api.schemas';

// GET /api/restatements?department=&from=&to=&page=&pageSize= -> RestatementPageSchema (every role;
// small groups hidden from roles without people-level access, as in the series)

/** Why stored values changed: a sync or an import of late data, a new plan version, or `uptake snapshot` run by hand. */
export const RestatementCauseKindSchema = z.enum(['sync', 'import', 'plan', 'snapshot']);

/** What was restated: a metric, or the number of seat holders (the denominator of every share). */
export const RestatedFigureSchema = z.enum([...METRIC_KEYS, 'seat_holders']);

export const RestatementQuerySchema = z
  .strictObject({
    /** A department, or "*" for the organisation; every scope when absent. */
    department: z.string().min(1).max(200).optional(),
    from: IsoDateSchema.optional(),
    to: IsoDateSchema.optional(),
    page: z.coerce.number().int().min(1).max(100_000).optional(),
    pageSize: z.coerce.number().int().min(1).max(200).optional(),
  })
  .superRefine(({ from, to }, context) => {
    if (from !== undefined && to !== undefined && from > to)
      context.addIssue({ code: 'custom', path: ['from'], message: `${from} is after to ${to}` });
  });

export const RestatementSchema = z.object({
  id: z.number().int(),
  /** The stored day whose value changed. */
  day: IsoDateSchema,
  /** The department, or "*" for the organisation. */
  department: z.string(),
  metric: RestatedFigureSchema,
  oldValue: z.number().nullable(),
  newValue: z.number().nullable(),
  /** When the stored value was replaced (ISO 8601). */
  restatedAt: z.string(),
  cause: z.object({
    kind: RestatementCauseKindSchema,
    /** The sync or import run id, or the plan version; null for `uptake snapshot`. */
    ref: z.string().nullable(),
  }),
  /** Hidden from this viewer: a group of fewer than min_group_size seat holders that day (values null). */
  suppressed: z.boolean().optional(),
});

export const RestatementPageSchema = z.object({
  items: z.array(RestatementSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export type RestatementCauseKind = z.infer<typeof RestatementCauseKindSchema>;
export type RestatedFigure = z.infer<typeof RestatedFigureSchema>;
export type RestatementQuery = z.infer<typeof RestatementQuerySchema>;
export type Restatement = z.infer<typeof RestatementSchema>;
export type RestatementPage = z.infer<typeof RestatementPageSchema>;
