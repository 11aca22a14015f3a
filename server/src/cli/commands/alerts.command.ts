import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { WebhookFormatSchema, type AlertView, type WebhookFormat } from '@uptake/shared';
import { AlertWebhookService } from '../../alerts/alert-webhook.service';
import { AlertsService } from '../../alerts/alerts.service';
import { withCore, type GlobalOptions } from '../cli-context';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function format(value: string): WebhookFormat {
  const parsed = WebhookFormatSchema.safeParse(value);
  if (!parsed.success) throw new InvalidArgumentError(`expected slack, teams or json, got "${value}"`);
  return parsed.data;
}

function deliverySummary(alert: AlertView): string {
  if (alert.deliveries.length === 0) return 'no deliveries';
  return alert.deliveries
    .map(
      (d) =>
        `${d.channel} ${d.recipient}: ${d.status}${d.status === 'pending' && d.attempts > 0 ? ` (${d.attempts} attempts, ${d.lastError ?? ''})` : ''}`,
    )
    .join('; ');
}

/** `uptake alerts run|list` and `uptake webhook add|list|remove`. */
export function registerAlerts(program: Command, globals: () => GlobalOptions): void {
  const alerts = program.command('alerts').description('Alerts: rules of the plan’s alerts: section, delivered by email and webhooks');
  alerts
    .command('run')
    .description('Evaluate the alert rules now and send what the outbox holds')
    .action(async () => {
      await withCore(globals(), async (app) => {
        const result = await app.get(AlertsService).run();
        const { sent, retrying, failed } = result.deliveries;
        process.stdout.write(
          `evaluated ${result.evaluatedDay ?? 'no snapshot day yet'}: ${result.opened} opened, ${result.closed} closed, ${result.stillOpen} still open; ` +
            `deliveries: ${sent} sent, ${retrying} to retry, ${failed} given up\n`,
        );
        if (retrying + failed > 0) process.exitCode = 1;
      });
    });
  alerts
    .command('list')
    .description('List open and closed alerts with their delivery status')
    .option('--json', 'print JSON (the GET /api/alerts answer)')
    .option('--open', 'open alerts only')
    .action(async (options: { json?: boolean; open?: boolean }) => {
      await withCore(globals(), async (app) => {
        const answer = await app.get(AlertsService).list('cli', { status: options.open ? 'open' : 'all', limit: 1000 });
        if (options.json) {
          process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
          return;
        }
        if (answer.alerts.length === 0) process.stdout.write('no alerts\n');
        for (const alert of answer.alerts) {
          const state = alert.closedAt ? `closed ${alert.closedAt}` : 'open';
          process.stdout.write(`#${alert.id}\t${state}\tsince ${alert.startedOn}\t${alert.title}\t${deliverySummary(alert)}\n`);
        }
      });
    });

  const webhook = program.command('webhook').description('Webhooks that receive alerts (Slack, Microsoft Teams, signed JSON)');
  webhook
    .command('add')
    .description('Add a webhook')
    .argument('<name>', 'webhook name')
    .requiredOption('--url <url>', 'incoming-webhook URL (https)')
    .requiredOption('--format <format>', 'slack, teams or json', format)
    .option('--secret <secret>', 'json only: signs each message with HMAC-SHA256 (see docs/alerts.md)')
    .option('--department <name>', 'only alerts of this department (repeatable; default every department)', collect, [])
    .action(async (name: string, options: { url: string; format: WebhookFormat; secret?: string; department: string[] }) => {
      await withCore(globals(), async (app) => {
        const created = await app
          .get(AlertWebhookService)
          .add({ name, url: options.url, format: options.format, secret: options.secret, departments: options.department }, 'cli');
        process.stdout.write(
          `webhook "${created.name}" (${created.format}${created.signed ? ', signed' : ''}) added: ${created.urlHint}, ${created.departments.length ? created.departments.join(', ') : 'every department'}\n`,
        );
      });
    });
  webhook
    .command('list')
    .description('List webhooks')
    .action(async () => {
      await withCore(globals(), async (app) => {
        const list = await app.get(AlertWebhookService).list();
        if (list.length === 0) process.stdout.write('no webhooks\n');
        for (const item of list) {
          process.stdout.write(
            `${item.name}\t${item.format}${item.signed ? ' (signed)' : ''}\t${item.urlHint}\t${item.departments.length ? item.departments.join(', ') : 'every department'}\n`,
          );
        }
      });
    });
  webhook
    .command('remove')
    .description('Remove a webhook; its pending deliveries are cancelled')
    .argument('<name>', 'webhook name')
    .action(async (name: string) => {
      await withCore(globals(), async (app) => {
        const service = app.get(AlertWebhookService);
        await service.remove((await service.get(name)).id);
        process.stdout.write(`webhook "${name}" removed\n`);
      });
    });
}
