import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The benchmark at a tiny size: it runs from start to end and reports the four figures with their
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
  it('prints the four figures with their targets and whether each is met, as a table and as JSON', () => {
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
      for (const figure of ['import', 'snapshots', 'api', 'memory'])
        expect(result.stdout).toMatch(new RegExp(`\\| ${figure} +\\|.*\\| (yes|NO) +\\|`));
      expect(result.stdout).toMatch(/machine: \d+ x /);

      const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { sizes: Record<string, number>; figures: Figure[] };
      expect(report.figures.map((figure) => figure.figure)).toEqual(['import', 'snapshots', 'api', 'memory']);
      for (const figure of report.figures) {
        expect([figure.figure, typeof figure.measured, typeof figure.target, typeof figure.met]).toEqual([
          figure.figure,
          'string',
          'string',
          'boolean',
        ]);
      }
      const [importFigure, snapshots, api, memory] = report.figures;
      // the smallest organisation has 50 users; with the 500 logins: 550 rows
      expect(importFigure.values).toMatchObject({ rows: 550, ratio: expect.any(Number) });
      expect(snapshots.values.compared).toMatchObject({ agree: true, differing: 0 });
      expect(
        (api.values.endpoints as Array<{ name: string; failures: number }>).map((endpoint) => [endpoint.name, endpoint.failures]),
      ).toEqual([
        ['overview', 0],
        ['departments', 0],
        ['department series', 0],
      ]);
      expect(Object.keys(memory.values.peakRss as object)).toEqual(['import', 'snapshotDay', 'snapshotBackfill', 'server']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
