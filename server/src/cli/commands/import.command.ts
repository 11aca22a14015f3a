import type { Command } from 'commander';
import { ImportService } from '../../import/import.service';
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
      '--skip-unknown',
      'skip (and list) training.csv lines whose user_email names no imported person, instead of refusing the folder',
    )
    .action(async (dir: string, options: { connection: string; skipUnknown?: boolean }) => {
      await withCore(globals(), async (app) => {
        const bar = createProgressBar('snapshots');
        const skipped: string[] = [];
        const warnings: string[] = [];
        const run = await app.get(ImportService).importFolder(dir, {
          connection: options.connection,
          skipUnknown: options.skipUnknown === true,
          onWarning: (message) => warnings.push(message),
          onSkipped: (where, email) =>
            skipped.push(`${where}: skipped: user_email "${email}" is not a person imported through any connection`),
          onProgress: (message) => process.stderr.write(`  ${message}\r`),
          onBackfillProgress: (done, total, day) => bar.update(done, total, day),
        });
        bar.stop();
        process.stdout.write(`\nimported into "${options.connection}": ${describeCounts(run.counts)}\n`);
        if (warnings.length) process.stderr.write(`${warnings.join('\n')}\n`);
        if (skipped.length) process.stdout.write(`${skipped.join('\n')}\n${skipped.length} training lines skipped (--skip-unknown)\n`);
      });
    });
}
