import type { Command } from 'commander';
import { ImportService } from '../../import/import.service';
import { parseObservedAt } from '../../import/observed-at.util';
import { Clock } from '../../common/clock';
import { PlanRepository } from '../../plan/plan.repository';
import { timezoneOf } from '../../plan/plan-in-force.service';
import { describeCounts } from '../../sync/sync.service';
import { withCore, type GlobalOptions } from '../cli-context';
import { createProgressBar } from '../progress-bar';

export function registerImport(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description('Import the CSV files of a folder into a CSV connection (all-or-nothing, upsert by id)')
    .argument('<dir>', 'folder with users.csv, logins.csv, opportunities.csv, training.csv, <object>.csv')
    .option('--connection <name>', 'connection to import into', 'csv')
    .option(
      '--observed-at <instant>',
      'the instant the files are a picture of (ISO 8601; default: now); versions are valid from it at the latest',
    )
    .option('--full', 'the folder is a full export: users, opportunities and records missing from its files are deactivated or deleted')
    .option(
      '--skip-unknown',
      'skip (and list) training.csv lines whose user_email names no imported person, instead of refusing the folder',
    )
    .action(async (dir: string, options: { connection: string; observedAt?: string; full?: boolean; skipUnknown?: boolean }) => {
      await withCore(globals(), async (app) => {
        const observedAt =
          options.observedAt === undefined
            ? undefined
            : parseObservedAt(options.observedAt, timezoneOf((await app.get(PlanRepository).current())?.plan), app.get(Clock).now());
        const bar = createProgressBar('snapshots');
        const restating = createProgressBar('restating late data');
        const skipped: string[] = [];
        const warnings: string[] = [];
        const run = await app.get(ImportService).importFolder(dir, {
          connection: options.connection,
          observedAt,
          full: options.full === true,
          skipUnknown: options.skipUnknown === true,
          onWarning: (message) => warnings.push(message),
          onSkipped: (where, email) =>
            skipped.push(`${where}: skipped: user_email "${email}" is not a person imported through any connection`),
          onProgress: (message) => process.stderr.write(`  ${message}\r`),
          onBackfillProgress: (done, total, day) => bar.update(done, total, day),
          onRestateProgress: (done, total, day) => {
            bar.stop();
            restating.update(done, total, day);
          },
        });
        bar.stop();
        restating.stop();
        process.stdout.write(`\nimported into "${options.connection}": ${describeCounts(run.counts)}\n`);
        if (warnings.length) process.stderr.write(`${warnings.join('\n')}\n`);
        if (skipped.length) process.stdout.write(`${skipped.join('\n')}\n${skipped.length} training lines skipped (--skip-unknown)\n`);
      });
    });
}
