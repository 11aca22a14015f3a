import { z } from 'zod';
import { IsoDateSchema } from './api.schemas';

/*
 * "Presence and work": who logs in against who does work in the CRM, in the 7 days ending
 * end(asOf). A seat holder logs in when they have a counted login (the active_users rule) and
 * works when they own an activity that took place, or an opportunity or record created, in those
 * days (the active_contributors rule). Conventions as in api.schemas.ts; a value hidden for
 * privacy (small groups) is null and its object says `suppressed: true`.
 */

/** The four kinds of seat holder by presence and work. */
export const PRESENCE_QUADRANTS = ['logs_in_and_works', 'logs_in_only', 'works_only', 'neither'] as const;
export const PresenceQuadrantSchema = z.enum(PRESENCE_QUADRANTS);

const count = z.number().int().min(0);

/** Seat holders in each quadrant; null when hidden (small group). */
export const QuadrantCountsSchema = z.object({
  logs_in_and_works: count.nullable(),
  logs_in_only: count.nullable(),
  works_only: count.nullable(),
  neither: count.nullable(),
});

/** One group of seat holders (a department, the organisation, a manager's direct reports). */
export const PresenceGroupSchema = z.object({
  seatHolders: count,
  /** Share with a counted login in the 7 days (the active_users metric); null: no seat holders or hidden. */
  activeUsers: z.number().nullable(),
  /** Share who did work in the 7 days (the active_contributors metric); null: no seat holders or hidden. */
  activeContributors: z.number().nullable(),
  quadrants: QuadrantCountsSchema,
  suppressed: z.boolean().optional(),
});

// ---------------------------------------------------------------------------------------------
// GET /api/presence?asOf=YYYY-MM-DD   (overview: every department and the organisation)
// ---------------------------------------------------------------------------------------------

export const DepartmentPresenceSchema = PresenceGroupSchema.extend({ department: z.string() });

export const PresenceOverviewResponseSchema = z.object({
  asOf: IsoDateSchema,
  /** Departments with seat holders on asOf, by name. */
  departments: z.array(DepartmentPresenceSchema),
  organisation: PresenceGroupSchema,
});

// ---------------------------------------------------------------------------------------------
// GET /api/departments/:name/presence?asOf=YYYY-MM-DD   (one department, per manager)
// 404 DEPARTMENT_UNKNOWN when no seat holder, plan or snapshot knows the department.
// ---------------------------------------------------------------------------------------------

export const ManagerPresenceSchema = PresenceGroupSchema.extend({
  /** Null: the group of seat holders without a manager. */
  managerExternalId: z.string().nullable(),
  /** The manager's name, else their id; "No manager" for the null group. */
  managerName: z.string(),
});

export const DepartmentPresenceResponseSchema = z.object({
  asOf: IsoDateSchema,
  department: z.string(),
  total: PresenceGroupSchema,
  /** Direct reports per manager, by manager name; the "No manager" group last. */
  byManager: z.array(ManagerPresenceSchema),
});

export type PresenceQuadrant = z.infer<typeof PresenceQuadrantSchema>;
export type QuadrantCounts = z.infer<typeof QuadrantCountsSchema>;
export type PresenceGroup = z.infer<typeof PresenceGroupSchema>;
export type DepartmentPresence = z.infer<typeof DepartmentPresenceSchema>;
export type PresenceOverviewResponse = z.infer<typeof PresenceOverviewResponseSchema>;
export type ManagerPresence = z.infer<typeof ManagerPresenceSchema>;
export type DepartmentPresenceResponse = z.infer<typeof DepartmentPresenceResponseSchema>;
