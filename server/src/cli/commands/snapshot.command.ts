import type { Command } from 'commander';
import { IsoDateSchema } from '@uptake/shared';
import { UptakeError } from '../../common/error-codes';
import { SnapshotService } from '../../metrics/snapshot.service';
import { DEFAULT_RESTATE_MAX_DAYS, RestatementService } from '../../metrics/restatement.service';
import { withCore, type GlobalOptions } from '../cli-context';
import { createProgressBar } from '../progress-bar';

export function parseDayOption(name: string, value: string): string {
  if (!IsoDateSchema.safeParse(value).success) throw new UptakeError('VALIDATION_FAILED', `${name} "${value}" is not a date as YYYY-MM-DD`);
  return value;
}

export function registerSnapshot(program: Command, globals: () => GlobalOptions): void {
  program
    .command('snapshot')
    .description('(Re)compute the daily snapshots of every department for a range of days, or the stored days late data made out of date')
    .option('--from <date>', 'first day (YYYY-MM-DD)')
    .option('--to <date>', 'last day (YYYY-MM-DD)')
    .option('--pending', 'recompute the stored days marked out of date by late data (logged as restatements), instead of a range')
    .option('--max-days <n>', `with --pending: at most this many days (default ${DEFAULT_RESTATE_MAX_DAYS})`)
    .action(async (options: { from?: string; to?: string; pending?: boolean; maxDays?: string }) => {
      if (options.pending) {
        if (options.from !== undefined || options.to !== undefined) {
          throw new UptakeError('VALIDATION_FAILED', '--pending recomputes the marked days: give it without --from and --to');
        }
        const maxDays = options.maxDays === undefined ? DEFAULT_RESTATE_MAX_DAYS : Number(options.maxDays);
        if (!Number.isSafeInteger(maxDays) || maxDays < 1) {
          throw new UptakeError('VALIDATION_FAILED', `--max-days "${options.maxDays}" is not a whole number of days above 0`);
        }
        await withCore(globals(), async (app) => {
          const bar = createProgressBar('restating');
          const started = process.hrtime.bigint();
          const result = await app
            .get(RestatementService)
            .restatePending({ maxDays, onProgress: (done, total, day) => bar.update(done, total, day) });
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          bar.stop();
          process.stdout.write(
            `${result.days} stored days recomputed in ${seconds.toFixed(3)} s, ${result.values} values restated, ${result.pending} days left\n`,
          );
        });
        return;
      }
      if (options.maxDays !== undefined) throw new UptakeError('VALIDATION_FAILED', '--max-days goes with --pending');
      if (options.from === undefined || options.to === undefined) {
        throw new UptakeError(
          'VALIDATION_FAILED',
          'give --from and --to (a range of days), or --pending (the days late data made out of date)',
        );
      }
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
