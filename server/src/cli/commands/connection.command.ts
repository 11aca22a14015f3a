import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { UptakeError } from '../../common/error-codes';
import { ConnectionService, redactOptions, type RemovalResult } from '../../connections/connection.service';
import { withCore, type GlobalOptions } from '../cli-context';

function collectOption(value: string, previous: Record<string, string>): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new UptakeError('VALIDATION_FAILED', `--option "${value}" must be key=value`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1) };
}

export function registerConnection(program: Command, globals: () => GlobalOptions): void {
  const connection = program.command('connection').description('CRM connections');
  connection
    .command('add')
    .description('Add a connection')
    .argument('<name>', 'connection name')
    .requiredOption('--kind <kind>', 'demo, csv, salesforce, hubspot, dataverse or moodle')
    .option('--option <key=value>', 'connector option, or priority=N (default 10 for CRMs, 0 for csv; repeatable)', collectOption, {})
    .option('--schedule <cron>', 'sync schedule as a cron expression (default hourly: "0 * * * *")')
    .action(async (name: string, options: { kind: string; option: Record<string, string>; schedule?: string }) => {
      await withCore(globals(), async (app) => {
        const created = await app
          .get(ConnectionService)
          .add({ name, kind: options.kind, options: options.option, schedule: options.schedule });
        process.stdout.write(`connection "${created.name}" (${created.kind}) added, schedule "${created.schedule}"\n`);
      });
    });
  connection
    .command('list')
    .description('List connections with their schedule and last run')
    .action(async () => {
      await withCore(globals(), async (app) => {
        const service = app.get(ConnectionService);
        const list = await service.list();
        if (list.length === 0) process.stdout.write('no connections\n');
        for (const item of list) {
          const view = await service.describe(item, null);
          const last = view.lastRun
            ? `${view.lastRun.status} at ${view.lastRun.finishedAt ?? view.lastRun.startedAt}${view.lastRun.error ? ` (${view.lastRun.error})` : ''}`
            : 'never synced';
          const state = view.removedAt ? `removed ${view.removedAt}` : item.enabled ? 'enabled' : 'disabled';
          process.stdout.write(
            `${item.name}\t${item.kind}\t${item.schedule}\t${state}\t${last}\tpriority ${view.priority}\t${JSON.stringify(redactOptions(item.options))}\n`,
          );
        }
      });
    });
  connection
    .command('set')
    .description(
      'Change a connection: options (merged; a left-out credential keeps its value, an empty value removes an option), priority, schedule, enabled',
    )
    .argument('<name>', 'connection name')
    .option('--option <key=value>', 'connector option, or priority=N (repeatable)', collectOption, {})
    .option('--schedule <cron>', 'sync schedule as a cron expression (UTC)')
    .option('--enable', 'sync it on its schedule again')
    .option('--disable', 'stop its scheduled syncs (its data stays counted)')
    .action(async (name: string, options: { option: Record<string, string>; schedule?: string; enable?: boolean; disable?: boolean }) => {
      if (options.enable && options.disable) throw new UptakeError('VALIDATION_FAILED', 'give --enable or --disable, not both');
      const given = Object.keys(options.option).length > 0;
      if (!given && options.schedule === undefined && !options.enable && !options.disable) {
        throw new UptakeError(
          'VALIDATION_FAILED',
          `nothing to change: give --option key=value, --schedule CRON, --enable or --disable (e.g. \`uptake connection set ${name} --option client_secret=...\`)`,
        );
      }
      await withCore(globals(), async (app) => {
        const service = app.get(ConnectionService);
        const updated = await service.update(await service.get(name), {
          ...(given ? { options: options.option } : {}),
          ...(options.schedule !== undefined ? { schedule: options.schedule } : {}),
          ...(options.enable || options.disable ? { enabled: Boolean(options.enable) } : {}),
        });
        const view = await service.describe(updated, null);
        process.stdout.write(
          `connection "${view.name}" (${view.kind}) changed: schedule "${view.schedule}", ${view.enabled ? 'enabled' : 'disabled'}, priority ${view.priority}, options ${JSON.stringify(redactOptions(updated.options))}\n`,
        );
      });
    });
  connection
    .command('remove')
    .description('Remove a connection: it stops syncing and its data is kept, marked deleted; --purge deletes it with all its data')
    .argument('<name>', 'connection name')
    .option('--purge', 'delete the connection with its users, logins, opportunities, records, training and run history')
    .option('--yes', 'confirm --purge without being asked to type the name')
    .action(async (name: string, options: { purge?: boolean; yes?: boolean }) => {
      await withCore(globals(), async (app) => {
        const service = app.get(ConnectionService);
        const stored = await service.get(name);
        if (options.purge && !options.yes) await confirmPurge(name);
        const removed = await service.remove(stored, { purge: Boolean(options.purge) });
        process.stdout.write(`${describeRemoval(removed)}\n`);
      });
    });
  connection
    .command('test')
    .description('Check the credentials and permissions of a connection and say what will be synced')
    .argument('<name>', 'connection name')
    .action(async (name: string) => {
      await withCore(globals(), async (app) => {
        const service = app.get(ConnectionService);
        const stored = await service.get(name);
        const { summary } = await service.test(stored, { log: (message) => process.stderr.write(`${message}\n`) });
        if (summary === null)
          process.stdout.write(`${name}: the ${stored.kind} connector has no test; run \`uptake sync --connection ${name}\`\n`);
        else process.stdout.write(`${name}: OK\n${summary}\n`);
      });
    });
}

const ROW_LABELS: Array<[table: string, one: string, many: string]> = [
  ['crm_users', 'user', 'users'],
  ['login_events', 'login', 'logins'],
  ['opportunities', 'opportunity', 'opportunities'],
  ['records', 'record', 'records'],
  ['training_assignments', 'training row', 'training rows'],
  ['activities', 'activity', 'activities'],
  ['sync_runs', 'sync run', 'sync runs'],
];

function counted(rows: Record<string, number>): string {
  return ROW_LABELS.filter(([table]) => table in rows)
    .map(([table, one, many]) => `${rows[table]} ${rows[table] === 1 ? one : many}`)
    .join(', ');
}

/** What a removal did, in words. */
export function describeRemoval(removed: RemovalResult): string {
  if (removed.purged) return `connection "${removed.name}" purged: deleted it with ${counted(removed.rows)}`;
  return (
    `connection "${removed.name}" removed: it no longer syncs; its data is kept, marked deleted as of now (${counted(removed.rows)}), ` +
    `so the metrics stop counting it and stored daily snapshots keep what was seen. ` +
    `Delete it for good with \`uptake connection remove ${removed.name} --purge\``
  );
}

/** --purge without --yes: the name typed on a terminal, else refused. */
async function confirmPurge(name: string): Promise<void> {
  const refusal = `purging deletes connection "${name}" with all its users, logins, opportunities, records, training and run history`;
  if (!process.stdin.isTTY) throw new UptakeError('CONNECTION_CONFIRMATION_REQUIRED', `${refusal}; add --yes to confirm`);
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const typed = await prompt.question(`${refusal}. Type its name to confirm: `);
    if (typed.trim() !== name)
      throw new UptakeError('CONNECTION_CONFIRMATION_REQUIRED', `"${typed.trim()}" is not "${name}"; nothing was deleted`);
  } finally {
    prompt.close();
  }
}
