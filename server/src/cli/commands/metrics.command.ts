import type { Command } from 'commander';
import { formatHealthScore, formatMetricValue, healthStatusLabel, METRIC_CATALOGUE, METRIC_KEYS, type MetricsReport } from '@uptake/shared';
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

/** The table a person reads: values, health and status worded as the dashboard shows them. */
function formatTable(report: MetricsReport): string {
  const header = ['department', 'seat holders', ...METRIC_KEYS.map((key) => METRIC_CATALOGUE[key].label), 'health', 'status'];
  const scopes = [...report.departments.map((d) => ({ ...d, name: d.department })), { ...report.organisation, name: '(organisation)' }];
  const rows = scopes.map((scope) => [
    scope.name,
    String(scope.seatHolders),
    ...METRIC_KEYS.map((key) => formatMetricValue(key, scope.metrics[key])),
    formatHealthScore(scope.health),
    healthStatusLabel(scope.status),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]))
      .join('  ')
      .trimEnd();
  const reconstructed = [...report.departments.filter((d) => d.provenance === 'reconstructed').map((d) => d.department)];
  if (report.organisation.provenance === 'reconstructed') reconstructed.push('(organisation)');
  const note = reconstructed.length
    ? `reconstructed (the day ends before Uptake first observed a connection they read): ${reconstructed.join(', ')}\n`
    : '';
  return `as of ${report.asOf}\n${line(header)}\n${rows.map(line).join('\n')}\n${note}`;
}
