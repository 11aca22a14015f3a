import { readFile, stat } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { Clock } from '../../common/clock';
import { UptakeError } from '../../common/error-codes';
import { formatSize, MAX_PLAN_BYTES } from '../../plan/plan.parser';
import { PlanService } from '../../plan/plan.service';
import { RestatementService } from '../../metrics/restatement.service';
import { createProgressBar } from '../progress-bar';
import { withCore, type GlobalOptions } from '../cli-context';

export function registerPlan(program: Command, globals: () => GlobalOptions): void {
  const plan = program.command('plan').description('Launch plan: goals, seats, required fields');
  plan
    .command('apply')
    .description('Load a launch plan (YAML or JSON) as a new version')
    .argument('<file>', 'plan file')
    .option('--by <who>', 'who made this change (kept in the version history)', defaultAuthor())
    .option('--effective-from <date>', 'the first day (YYYY-MM-DD, not before the launch date) this version is in force (default: today)')
    .action(async (file: string, options: { by: string; effectiveFrom?: string }) => {
      const cannotRead = (error: NodeJS.ErrnoException) => {
        throw new UptakeError('PLAN_INVALID', `${file}: cannot read the file (${error.code ?? error.message})`);
      };
      // Checked before reading: a huge file is refused without loading it.
      const { size } = await stat(file).catch(cannotRead);
      if (size > MAX_PLAN_BYTES)
        throw new UptakeError(
          'PLAN_INVALID',
          `${file}: the plan is ${formatSize(size)}; a plan may be at most ${formatSize(MAX_PLAN_BYTES)}`,
        );
      const text = await readFile(file, 'utf8').catch(cannotRead);
      await withCore(globals(), async (app) => {
        const now = app.get(Clock).now();
        const version = await app.get(PlanService).apply(text, basename(file), options.by, now, options.effectiveFrom);
        const { plan: applied } = version;
        process.stdout.write(
          `plan version ${version.version} applied by ${options.by}, in force from ${version.effectiveFrom}: ` +
            `launch ${applied.launch_date} (${applied.timezone}), ${applied.departments.length} departments, ${applied.goals.length} goals\n`,
        );
        // stored days the new version changes are recomputed now (each changed value logged as a restatement)
        const bar = createProgressBar('restating');
        const restated = await app
          .get(RestatementService)
          .restatePending({ onProgress: (done, total, day) => bar.update(done, total, day) });
        bar.stop();
        if (restated.days > 0 || restated.pending > 0) {
          process.stdout.write(
            `${restated.days} stored days recomputed, ${restated.values} values restated` +
              (restated.pending > 0 ? `, ${restated.pending} days left for the next sync` : '') +
              '\n',
          );
        }
      });
    });
}

function defaultAuthor(): string {
  try {
    return userInfo().username;
  } catch {
    return 'cli';
  }
}
