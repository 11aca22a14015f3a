import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The benchmark at a tiny size: it runs from start to end and reports the figures with their
 * targets, as a table and as JSON. Timings on tiny data say nothing (start-up dominates), so none
 * is asserted.
 */
const RUN = resolve(__dirname, '../../scripts/bench/run.mjs');
const hasShell = spawnSync('sqlite3', ['--version']).status === 0;
if (!hasShell) {
  console.info('benchmark smoke test skipped: the sqlite3 shell is missing (apt-get install -y sqlite3)');
}

interface Figure {
  figure: string;
  measured: string;
  target: string;
  met: boolean;
  values: Record<string, unknown>;
}

(hasShell ? describe : describe.skip)('npm run bench (smoke run at a tiny size)', () => {
  it('prints the figures with their targets and whether each is met, as a table and as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uptake-bench-smoke-'));
    try {
      const jsonFile = join(dir, 'report.json');
      const result = spawnSync(
        process.execPath,
        [RUN, '--scale', '0.001', '--import-logins', '500', '--duration', '1', '--rate', '50', '--json-out', jsonFile],
        {
          encoding: 'utf8',
          timeout: 240_000,
        },
      );
      expect([result.status, result.stderr.slice(-2000)]).toEqual([0, '']);
      expect(result.stdout).toMatch(/\| figure +\| measured +\| target +\| met \|/);
      for (const figure of ['import', 'snapshots', 'late data', 'api', 'past days', 'memory'])
        expect(result.stdout).toMatch(new RegExp(`\\| ${figure} +\\|.*\\| (yes|NO) +\\|`));
      expect(result.stdout).toMatch(/machine: \d+ x /);

      const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { sizes: Record<string, number>; figures: Figure[] };
      expect(report.figures.map((figure) => figure.figure)).toEqual(['import', 'snapshots', 'late data', 'api', 'past days', 'memory']);
      for (const figure of report.figures) {
        expect([figure.figure, typeof figure.measured, typeof figure.target, typeof figure.met]).toEqual([
          figure.figure,
          'string',
          'string',
          'boolean',
        ]);
      }
      const [importFigure, snapshots, late, api, pastDays, memory] = report.figures;
      // the smallest organisation has 50 users; with the 500 logins: 550 rows
      expect(importFigure.values).toMatchObject({ rows: 550, ratio: expect.any(Number) });
      expect(snapshots.values.compared).toMatchObject({ agree: true, differing: 0 });
      // the last hour of the last day: the day before it and the day itself (the stored days end there)
      expect(late.values.hourly).toMatchObject({ firstDay: '2026-03-30', lastDay: '2026-03-31', days: 2, check: { agree: true } });
      expect(late.values.day).toMatchObject({ firstDay: '2026-02-28', lastDay: '2026-03-31', days: 32, check: { agree: true } });
      expect((pastDays.values.requests as unknown[]).length).toBe(20);
      expect(
        (api.values.endpoints as Array<{ name: string; failures: number }>).map((endpoint) => [endpoint.name, endpoint.failures]),
      ).toEqual([
        ['overview', 0],
        ['departments', 0],
        ['department series', 0],
      ]);
      expect(Object.keys(memory.values.peakRss as object)).toEqual([
        'import',
        'snapshotDay',
        'snapshotBackfill',
        'restateHourly',
        'restateDay',
        'server',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
