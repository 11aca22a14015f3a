import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  CreateInterventionRequestSchema,
  formatIssuePath,
  INTERVENTION_KIND_LABELS,
  InterventionKindSchema,
  METRIC_CATALOGUE,
  type Intervention,
  type InterventionEffectView,
} from '@uptake/shared';
import { UptakeError } from '../../common/error-codes';
import { InterventionService } from '../../interventions/intervention.service';
import { withCore, type GlobalOptions } from '../cli-context';

const collect = (value: string, previous: string[]) => [...previous, value];

function cliUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}

function describe(intervention: Intervention): string {
  return `#${intervention.id}\t${intervention.date}\t${INTERVENTION_KIND_LABELS[intervention.kind]}\t${intervention.departments.join(', ')}\t${intervention.who}\t${intervention.description}`;
}

function describeEffect(effect: InterventionEffectView): string {
  const label = METRIC_CATALOGUE[effect.metric].label;
  if (effect.status !== 'estimated' || effect.effect === null) return `    ${label}: ${effect.note}`;
  const sign = effect.effect > 0 ? '+' : '';
  return `    ${label}: ${sign}${effect.effect.toFixed(4)} (${effect.note})`;
}

/** `uptake intervention add|list|remove`: the log of what was done to raise adoption, with each one's estimated effect. */
export function registerIntervention(program: Command, globals: () => GlobalOptions): void {
  const intervention = program
    .command('intervention')
    .description('Interventions: training sessions, coaching, communication, process changes, data clean-ups');
  intervention
    .command('add')
    .description('Log an intervention (shown on every trend chart, with its estimated effect)')
    .requiredOption('--date <day>', 'the day it happened (YYYY-MM-DD, not after today)')
    .requiredOption('--kind <kind>', InterventionKindSchema.options.join(', '))
    .option('--department <name>', 'a department it was for (repeatable, at least one)', collect, [])
    .requiredOption('--description <text>', 'what was done')
    .option('--who <name>', 'who ran it (default: --by)')
    .option('--by <who>', 'who logs it', cliUser())
    .action(async (options: { date: string; kind: string; department: string[]; description: string; who?: string; by: string }) => {
      const parsed = CreateInterventionRequestSchema.safeParse({
        date: options.date,
        kind: options.kind,
        departments: options.department,
        description: options.description,
        ...(options.who !== undefined ? { who: options.who } : {}),
      });
      if (!parsed.success) {
        const flags: Record<string, string> = { departments: 'department' };
        const problems = parsed.error.issues.map((issue) => {
          const path = formatIssuePath(issue.path).replace(/\[\d+\]$/, '');
          return `--${flags[path] ?? path}: ${issue.message}`;
        });
        throw new UptakeError('VALIDATION_FAILED', `invalid intervention: ${problems.join('; ')}`);
      }
      await withCore(globals(), async (app) => {
        const added = await app.get(InterventionService).add(parsed.data, { name: options.by, departments: 'all', seesLoggers: true });
        process.stdout.write(`intervention logged: ${describe(added)}\n`);
      });
    });
  intervention
    .command('list')
    .description('List the interventions, newest first, with their estimated effect on each metric')
    .option('--as-of <day>', 'estimate the effects as of this day (default today)')
    .option('--json', 'print the API answer (GET /api/interventions) as JSON')
    .action(async (options: { asOf?: string; json?: boolean }) => {
      await withCore(globals(), async (app) => {
        const answer = await app.get(InterventionService).list(options.asOf, { seesLoggers: true });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          return;
        }
        if (answer.interventions.length === 0) process.stdout.write('no interventions\n');
        for (const entry of answer.interventions) {
          process.stdout.write(`${describe(entry)}\n`);
          for (const effect of entry.effects) process.stdout.write(`${describeEffect(effect)}\n`);
        }
      });
    });
  intervention
    .command('remove')
    .description('Remove an intervention from the log (the row is kept, marked removed)')
    .argument('<id>', 'its number, as `intervention list` shows it')
    .option('--by <who>', 'who removes it', cliUser())
    .action(async (id: string, options: { by: string }) => {
      if (!/^\d+$/.test(id)) throw new UptakeError('VALIDATION_FAILED', `<id> "${id}": expected the number of an intervention`);
      await withCore(globals(), async (app) => {
        const removed = await app.get(InterventionService).remove(Number(id), { name: options.by, departments: 'all', seesLoggers: true });
        process.stdout.write(`intervention removed: ${describe(removed)}\n`);
      });
    });
}
