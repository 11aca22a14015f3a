import { z } from 'zod';
import { formatIssuePath } from '@uptake/shared';
import { ConnectorError } from '../connector.port';

export const DEMO_DEFAULT_SEED = 'uptake';
export const DEMO_DEFAULT_LAUNCH_DAYS_AGO = 120;
export const DEMO_DEFAULT_PEOPLE = 320;
export const DEMO_PEOPLE_MIN = 30;
export const DEMO_PEOPLE_MAX = 100_000;
export const DEMO_LAUNCH_DAYS_AGO_MAX = 3_650;

/** The demo connection's options as validated: `launchDate` null means "`launchDaysAgo` before today". */
export interface DemoOptions {
  seed: string;
  launchDaysAgo: number;
  people: number;
  launchDate: string | null;
}

/** Options are stored as text; numbers written by hand in JSON are accepted too. */
const text = z.preprocess((value) => (typeof value === 'number' ? String(value) : value), z.string({ message: 'expected text' }));

function wholeNumber(min: number, max: number) {
  const message = `expected a whole number from ${min} to ${max}`;
  return text.pipe(
    z
      .string()
      .trim()
      .regex(/^\d+$/, message)
      .transform(Number)
      .refine((value) => value >= min && value <= max, message),
  );
}

const calendarDay = text.pipe(
  z
    .string()
    .trim()
    .refine((value) => {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      if (!match) return false;
      const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
      return date.toISOString().slice(0, 10) === value;
    }, 'expected a date as YYYY-MM-DD'),
);

export const DemoOptionsSchema = z.strictObject({
  seed: text.pipe(z.string().trim().min(1, 'must not be empty')).default(DEMO_DEFAULT_SEED),
  launch_days_ago: wholeNumber(0, DEMO_LAUNCH_DAYS_AGO_MAX).default(DEMO_DEFAULT_LAUNCH_DAYS_AGO),
  people: wholeNumber(DEMO_PEOPLE_MIN, DEMO_PEOPLE_MAX).default(DEMO_DEFAULT_PEOPLE),
  launch_date: calendarDay.optional(),
});

export const DEMO_OPTION_NAMES = Object.keys(DemoOptionsSchema.shape);

/** Validates the options of a demo connection; throws a ConnectorError naming every bad option. */
export function parseDemoOptions(options: Record<string, unknown>): DemoOptions {
  const parsed = DemoOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => `unknown option "${key}" (known: ${DEMO_OPTION_NAMES.join(', ')})`);
      }
      const name = formatIssuePath(issue.path);
      const given = options[String(issue.path[0])];
      return [`option "${name}": ${issue.message}${given === undefined ? '' : `, got ${JSON.stringify(given)}`}`];
    });
    throw new ConnectorError('CONNECTOR_OPTIONS_INVALID', `demo connection: ${problems.join('; ')}`);
  }
  return {
    seed: parsed.data.seed,
    launchDaysAgo: parsed.data.launch_days_ago,
    people: parsed.data.people,
    launchDate: parsed.data.launch_date ?? null,
  };
}
