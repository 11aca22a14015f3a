import { screen } from '@testing-library/react';
import { renderWithProviders } from '@/testing/test-utils';
import { TrendLegend, trendData, type TrendPoint } from './trend-chart';

const time = (day: string) => Date.parse(`${day}T00:00:00Z`);

describe('trendData', () => {
  it('draws reconstructed days on the dashed line, observed days on the solid one, joined at the first observed day', () => {
    const points: TrendPoint[] = [
      { day: '2026-03-01', actual: 0.1, expected: 0.2, provenance: 'reconstructed' },
      { day: '2026-03-02', actual: 0.2, expected: 0.25, provenance: 'reconstructed' },
      { day: '2026-03-03', actual: 0.3, expected: 0.3, provenance: 'observed' },
      { day: '2026-03-04', actual: 0.4, expected: 0.35, provenance: 'observed' },
    ];
    expect(trendData(points)).toEqual([
      { time: time('2026-03-01'), actual: null, reconstructed: 0.1, expected: 0.2 },
      { time: time('2026-03-02'), actual: null, reconstructed: 0.2, expected: 0.25 },
      // on both lines: the dashed line ends where the solid one begins
      { time: time('2026-03-03'), actual: 0.3, reconstructed: 0.3, expected: 0.3 },
      { time: time('2026-03-04'), actual: 0.4, reconstructed: null, expected: 0.35 },
    ]);
  });

  it('keeps every day solid without provenance or when all are observed', () => {
    const data = trendData([
      { day: '2026-03-01', actual: 0.1, expected: null },
      { day: '2026-03-02', actual: null, expected: null, provenance: 'observed' },
    ]);
    expect(data.map((datum) => [datum.actual, datum.reconstructed])).toEqual([
      [0.1, null],
      [null, null],
    ]);
  });
});

describe(TrendLegend.name, () => {
  it('says why some days are dashed when the chart has reconstructed days', () => {
    renderWithProviders(<TrendLegend showReconstructed />);
    expect(screen.getByTestId('legend-reconstructed')).toHaveTextContent(
      'Actual, reconstructed (short dashes): days that end before Uptake first read the CRM data, rebuilt from data seen later',
    );
  });

  it('leaves the reconstructed line out of the legend otherwise', () => {
    renderWithProviders(<TrendLegend />);
    expect(screen.queryByTestId('legend-reconstructed')).toBeNull();
  });
});
