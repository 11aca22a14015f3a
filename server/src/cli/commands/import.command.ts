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
    .action(async (dir: string, options: { connection: string }) => {
      await withCore(globals(), async (app) => {
        const bar = createProgressBar('snapshots');
        const restating = createProgressBar('restating late data');
        const run = await app.get(ImportService).importFolder(dir, {
          connection: options.connection,
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
      });
    });
}
