import type { Command } from 'commander';
import { ConnectionService } from '../../connections/connection.service';
import { describeCounts, SyncService } from '../../sync/sync.service';
import { withCore, type GlobalOptions } from '../cli-context';
import { createProgressBar } from '../progress-bar';

export function registerSync(program: Command, globals: () => GlobalOptions): void {
  program
    .command('sync')
    .description('Run a sync now (every enabled connection, or the one named)')
    .option('--connection <name>', 'connection to sync')
    .action(async (options: { connection?: string }) => {
      await withCore(globals(), async (app) => {
        const connections = app.get(ConnectionService);
        const targets = options.connection
          ? [await connections.get(options.connection)]
          : (await connections.list()).filter((c) => c.enabled);
        if (targets.length === 0) {
          process.stderr.write('no connection to sync: add one with `uptake connection add` or import a folder with `uptake import`\n');
          return;
        }
        let failed = 0;
        for (const connection of targets) {
          const bar = createProgressBar('snapshots');
          const restating = createProgressBar('restating late data');
          try {
            const run = await app.get(SyncService).run(connection, {
              trigger: 'cli',
              onProgress: (message) => process.stderr.write(`  ${connection.name}: ${message}\r`),
              onBackfillProgress: (done, total, day) => bar.update(done, total, day),
              onRestateProgress: (done, total, day) => {
                bar.stop();
                restating.update(done, total, day);
              },
            });
            bar.stop();
            restating.stop();
            process.stdout.write(`\n${connection.name}: synced ${describeCounts(run.counts)}\n`);
            // A succeeded run's message is a warning (an optional family the CRM refused).
            if (run.error) process.stderr.write(`${connection.name}: ${run.error}\n`);
          } catch (error) {
            bar.stop();
            restating.stop();
            failed += 1;
            process.stderr.write(`\n${connection.name}: sync failed: ${(error as Error).message}\n`);
          }
        }
        if (failed > 0) process.exitCode = 1;
      });
    });
}
