import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_CATALOGUE, METRIC_KEYS, type MetricDefinition } from './metric-catalogue';

/** docs/metrics.md explains every metric to users who never see the code; it must say what the catalogue says. */
const page = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'metrics.md'), 'utf8');

/** The text of the section whose heading ends with the metric's key in backticks. */
function sectionOf(key: string): string | null {
  const sections = page.split(/^### /m).slice(1);
  return sections.find((section) => section.split('\n')[0].trim().endsWith(`\`${key}\``)) ?? null;
}

const DIRECTION_WORDS: Record<MetricDefinition['direction'], string> = {
  higher_is_better: 'Direction: higher is better.',
  lower_is_better: 'Direction: lower is better.',
};

describe('docs/metrics.md', () => {
  it.each(METRIC_KEYS.map((key) => [key]))(
    'has a section for %s with its label, direction and the definition the dashboard shows',
    (key) => {
      const metric = METRIC_CATALOGUE[key];
      const section = sectionOf(key);
      expect(section).not.toBeNull();
      expect(section!.split('\n')[0]).toBe(`${metric.label} — \`${key}\``);
      expect(section).toContain(DIRECTION_WORDS[metric.direction]);
      expect(section).toContain(`Definition shown: "${metric.definition}"`);
    },
  );

  it('documents no metric the catalogue does not have', () => {
    const documented = [...page.matchAll(/^### .* — `([a-z_]+)`$/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...METRIC_KEYS].sort());
  });
});
