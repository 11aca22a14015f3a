import { z } from 'zod';
import { AlertRulesSchema } from '../alerts/alert-rules.schema';
import { DEFAULT_MIN_GROUP_SIZE, ORGANISATION } from '../metrics/definitions';
import { METRIC_CATALOGUE, METRIC_KEYS, type MetricKey } from '../metrics/metric-catalogue';

const isoDate = z.union([z.string(), z.date()]).transform((value, ctx) => {
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const valid =
    match !== null &&
    (() => {
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return date.toISOString().slice(0, 10) === text;
    })();
  if (!valid) {
    ctx.addIssue({ code: 'custom', message: `expected a date as YYYY-MM-DD, got "${text}"` });
    return z.NEVER;
  }
  return text;
});

/** Answers per zone name, remembered: building an Intl.DateTimeFormat is costly and plans are parsed often. */
const knownTimeZones = new Map<string, boolean>();

function isTimeZone(value: string): boolean {
  let known = knownTimeZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    if (knownTimeZones.size < 1000) knownTimeZones.set(value, known);
  }
  return known;
}

const metricKey = z.enum(METRIC_KEYS, { message: `expected one of ${METRIC_KEYS.join(', ')}` });
const fieldName = z
  .string()
  .trim()
  .regex(/^[A-Za-z_][A-Za-z0-9_.]*$/, 'expected a field name of letters, digits, "_" or "."')
  .transform((name) => name.toLowerCase());

export const PlanDepartmentSchema = z.strictObject({
  name: z.string().trim().min(1, 'department name must not be empty').max(200),
  seats: z.number().int('seats must be a whole number').min(0),
  licence_cost_per_seat_month: z.number().min(0).default(0),
});

export const PlanGoalSchema = z.strictObject({
  department: z.string().trim().min(1),
  metric: metricKey,
  target: z.number().min(0),
  by: isoDate,
  baseline: z.number().min(0).optional(),
});

const courseName = z.string().trim().min(1, 'course name must not be empty').max(200);

/**
 * Training the plan requires (DESIGN.md `training_completion`): courses per department name or `*`
 * (every other department), due `due_within_days` after a person's start or by a fixed `due_by`.
 */
export const PlanTrainingSchema = z
  .strictObject({
    required_courses: z.record(z.string().trim().min(1, 'department name must not be empty'), z.array(courseName)).default({}),
    due_within_days: z.number().int('due_within_days must be a whole number').min(0).optional(),
    due_by: isoDate.optional(),
  })
  .superRefine((training, ctx) => {
    if (training.due_within_days !== undefined && training.due_by !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['due_by'], message: 'give either due_within_days or due_by, not both' });
    }
    for (const [department, courses] of Object.entries(training.required_courses)) {
      const seen = new Set<string>();
      courses.forEach((course, index) => {
        if (seen.has(course.toLowerCase()))
          ctx.addIssue({
            code: 'custom',
            path: ['required_courses', department, index],
            message: `course "${course}" is listed twice for ${department === '*' ? '"*"' : `department "${department}"`}`,
          });
        seen.add(course.toLowerCase());
      });
    }
  });

export const LaunchPlanSchema = z
  .strictObject({
    launch_date: isoDate,
    timezone: z
      .string()
      .default('UTC')
      .check((ctx) => {
        if (!isTimeZone(ctx.value)) {
          ctx.issues.push({
            code: 'custom',
            input: ctx.value,
            message: `unknown time zone "${ctx.value}" (use an IANA name such as Europe/Berlin)`,
          });
        }
      }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected a three-letter ISO 4217 code such as EUR')
      .default('EUR'),
    departments: z.array(PlanDepartmentSchema).default([]),
    required_fields: z
      .record(
        z
          .string()
          .trim()
          .min(1)
          .transform((name) => name.toLowerCase()),
        z.array(fieldName),
      )
      .default({}),
    weights: z.partialRecord(metricKey, z.number().positive('weights must be greater than 0')).default({}),
    privacy: z
      .strictObject({ min_group_size: z.number().int().min(1).default(DEFAULT_MIN_GROUP_SIZE) })
      .default({ min_group_size: DEFAULT_MIN_GROUP_SIZE }),
    goals: z.array(PlanGoalSchema).default([]),
    /** Absent: the courses marked required in any training row are required of everyone, with no due date. */
    training: PlanTrainingSchema.optional(),
    alerts: AlertRulesSchema.prefault({}),
  })
  .superRefine((plan, ctx) => {
    const names = new Set<string>();
    plan.departments.forEach((department, index) => {
      if (names.has(department.name)) {
        ctx.addIssue({ code: 'custom', path: ['departments', index, 'name'], message: `department "${department.name}" is listed twice` });
      }
      names.add(department.name);
    });
    for (const department of Object.keys(plan.training?.required_courses ?? {})) {
      if (department !== '*' && !names.has(department)) {
        ctx.addIssue({
          code: 'custom',
          path: ['training', 'required_courses', department],
          message: `department "${department}" is not in departments (use "*" for every department)`,
        });
      }
    }
    const seen = new Set<string>();
    plan.goals.forEach((goal, index) => {
      if (goal.department !== ORGANISATION && !names.has(goal.department)) {
        ctx.addIssue({
          code: 'custom',
          path: ['goals', index, 'department'],
          message: `department "${goal.department}" is not in departments (use "*" for every department)`,
        });
      }
      const key = `${goal.department}\u0000${goal.metric}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['goals', index],
          message: `a second goal for ${goal.metric} in department "${goal.department}"`,
        });
      }
      seen.add(key);
      if (METRIC_CATALOGUE[goal.metric].unit === 'share') {
        if (goal.target > 1)
          ctx.addIssue({
            code: 'custom',
            path: ['goals', index, 'target'],
            message: `${goal.metric} is a share: target must be between 0 and 1`,
          });
        if (goal.baseline !== undefined && goal.baseline > 1) {
          ctx.addIssue({
            code: 'custom',
            path: ['goals', index, 'baseline'],
            message: `${goal.metric} is a share: baseline must be between 0 and 1`,
          });
        }
      }
      if (goal.by < plan.launch_date) {
        ctx.addIssue({
          code: 'custom',
          path: ['goals', index, 'by'],
          message: `target date ${goal.by} is before the launch date ${plan.launch_date}`,
        });
      }
    });
  });

export type LaunchPlanInput = z.input<typeof LaunchPlanSchema>;
export type LaunchPlan = z.output<typeof LaunchPlanSchema>;
export type PlanGoal = z.output<typeof PlanGoalSchema>;
export type PlanTraining = z.output<typeof PlanTrainingSchema>;

/** Weight of a metric in health; 1 unless the plan sets it. */
export function metricWeight(plan: Pick<LaunchPlan, 'weights'>, metric: MetricKey): number {
  return plan.weights[metric] ?? 1;
}

/** The goal for a metric in a department: its own goal wins over the "*" goal. */
export function goalFor(plan: Pick<LaunchPlan, 'goals'>, department: string, metric: MetricKey): PlanGoal | undefined {
  return (
    plan.goals.find((goal) => goal.department === department && goal.metric === metric) ??
    plan.goals.find((goal) => goal.department === ORGANISATION && goal.metric === metric)
  );
}

/** Formats a validation problem as "key.path: reason", e.g. "goals[1].target: ...". */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
    '',
  );
}
