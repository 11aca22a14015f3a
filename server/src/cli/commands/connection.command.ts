import type { Command } from 'commander';
import { UptakeError } from '../../common/error-codes';
import { createConnector } from '../../connectors/connector.registry';
import { ConnectionService, redactOptions } from '../../connections/connection.service';
import { PlanRepository } from '../../plan/plan.repository';
import { IngestRepository } from '../../sync/ingest.repository';
import { Clock } from '../../common/clock';
import { Database } from '../../database/database.service';
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
    .requiredOption('--kind <kind>', 'demo, csv, salesforce, hubspot or dataverse')
    .option('--option <key=value>', 'connector option (repeatable)', collectOption, {})
    .option('--schedule <cron>', 'sync schedule as a cron expression (default hourly: "0 * * * *")')
    .action(async (name: string, options: { kind: string; option: Record<string, string>; schedule?: string }) => {
      await withCore(globals(), async (app) => {
        const created = await app.get(ConnectionService).add({ name, kind: options.kind, options: options.option, schedule: options.schedule });
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
          const last = view.lastRun ? `${view.lastRun.status} at ${view.lastRun.finishedAt ?? view.lastRun.startedAt}${view.lastRun.error ? ` (${view.lastRun.error})` : ''}` : 'never synced';
          process.stdout.write(`${item.name}\t${item.kind}\t${item.schedule}\t${item.enabled ? 'enabled' : 'disabled'}\t${last}\t${JSON.stringify(redactOptions(item.options))}\n`);
        }
      });
    });
  connection
    .command('test')
    .description('Check the credentials and permissions of a connection and say what will be synced')
    .argument('<name>', 'connection name')
    .action(async (name: string) => {
      await withCore(globals(), async (app) => {
        const stored = await app.get(ConnectionService).get(name);
        const connector = createConnector(stored.kind, stored.options);
        const plan = (await app.get(PlanRepository).current())?.plan;
        try {
          if (!connector.test) {
            process.stdout.write(`${name}: the ${stored.kind} connector has no test; run \`uptake sync --connection ${name}\`\n`);
            return;
          }
          const summary = await connector.test({
            now: app.get(Clock).now(),
            timezone: plan?.timezone ?? 'UTC',
            requiredFields: plan?.required_fields ?? {},
            knownUserIds: async () => app.get(IngestRepository).knownUserIds(app.get(Database), stored.id),
            log: (message) => process.stderr.write(`${message}\n`),
          });
          process.stdout.write(`${name}: OK\n${summary}\n`);
        } finally {
          await connector.close?.();
        }
      });
    });
}
