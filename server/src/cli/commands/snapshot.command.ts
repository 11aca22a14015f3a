import type { Command } from 'commander';
import { IsoDateSchema } from '@uptake/shared';
import { UptakeError } from '../../common/error-codes';
import { SnapshotService } from '../../metrics/snapshot.service';
import { withCore, type GlobalOptions } from '../cli-context';
import { createProgressBar } from '../progress-bar';

export function parseDayOption(name: string, value: string): string {
  if (!IsoDateSchema.safeParse(value).success) throw new UptakeError('VALIDATION_FAILED', `${name} "${value}" is not a date as YYYY-MM-DD`);
  return value;
}

export function registerSnapshot(program: Command, globals: () => GlobalOptions): void {
  program
    .command('snapshot')
    .description('(Re)compute the daily snapshots of every department for a range of days')
    .requiredOption('--from <date>', 'first day (YYYY-MM-DD)')
    .requiredOption('--to <date>', 'last day (YYYY-MM-DD)')
    .action(async (options: { from: string; to: string }) => {
      const from = parseDayOption('--from', options.from);
      const to = parseDayOption('--to', options.to);
      if (from > to) throw new UptakeError('VALIDATION_FAILED', `--from ${from} is after --to ${to}`);
      await withCore(globals(), async (app) => {
        const bar = createProgressBar('snapshots');
        await app.get(SnapshotService).backfill(from, to, (done, total, day) => bar.update(done, total, day));
        bar.stop();
        process.stdout.write(`snapshots computed for ${from} to ${to}\n`);
      });
    });
}
