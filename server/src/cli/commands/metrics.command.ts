import type { Command } from 'commander';
import { METRIC_CATALOGUE, METRIC_KEYS, type MetricsReport } from '@uptake/shared';
import { MetricsService } from '../../metrics/metrics.service';
import { withCore, type GlobalOptions } from '../cli-context';
import { parseDayOption } from './snapshot.command';

export function registerMetrics(program: Command, globals: () => GlobalOptions): void {
  program
    .command('metrics')
    .description('Print metric values as of a day, computed from the raw data as it is now')
    .requiredOption('--as-of <date>', 'day (YYYY-MM-DD) in the plan time zone')
    .option('--department <name>', 'only this department')
    .option('--json', 'print the JSON document of DESIGN.md')
    .action(async (options: { asOf: string; department?: string; json?: boolean }) => {
      const asOf = parseDayOption('--as-of', options.asOf);
      await withCore(globals(), async (app) => {
        const report = await app.get(MetricsService).report(asOf, { department: options.department });
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatTable(report));
      });
    });
}

function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}

function formatTable(report: MetricsReport): string {
  const header = ['department', 'seats', ...METRIC_KEYS.map((key) => METRIC_CATALOGUE[key].label), 'health'];
  const rows = [
    ...report.departments.map((d) => [d.department, String(d.seatHolders), ...METRIC_KEYS.map((k) => formatValue(d.metrics[k])), d.health === null ? '—' : `${d.health.toFixed(1)} ${d.status}`]),
    ['(organisation)', String(report.organisation.seatHolders), ...METRIC_KEYS.map((k) => formatValue(report.organisation.metrics[k])), report.organisation.health === null ? '—' : `${report.organisation.health.toFixed(1)} ${report.organisation.status}`],
  ];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
  return `as of ${report.asOf}\n${line(header)}\n${rows.map(line).join('\n')}\n`;
}
