import { formatMetricValue, METRIC_CATALOGUE, type Restatement } from '@uptake/shared';
import { useState } from 'react';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { EmptyState } from '@/components/ui/states';
import { Suppressed } from '@/components/ui/suppressed';
import { TableScroll } from '@/components/ui/table-scroll';
import { useRestatements } from '@/features/departments/api/get-restatements';
import { formatDay } from '@/utils/date';
import { formatCount, formatInstant } from '@/utils/format';

const PAGE_SIZE = 20;

function figureLabel(metric: Restatement['metric']): string {
  return metric === 'seat_holders' ? 'Seat holders' : METRIC_CATALOGUE[metric].label;
}

function figureValue(metric: Restatement['metric'], value: number | null): string {
  return metric === 'seat_holders' ? formatCount(value) : formatMetricValue(metric, value);
}

function causeText(cause: Restatement['cause']): string {
  switch (cause.kind) {
    case 'sync':
      return `late data of sync run ${cause.ref ?? ''}`.trim();
    case 'import':
      return `late data of import run ${cause.ref ?? ''}`.trim();
    case 'plan':
      return `plan version ${cause.ref ?? ''}`.trim();
    case 'snapshot':
      return cause.ref === 'upgrade'
        ? 'recomputed after the upgrade that brought late data to snapshots'
        : 'snapshots recomputed by hand (uptake snapshot)';
  }
}

/**
 * The restatement log of one department (or "*"): every stored daily value that changed after it
 * was first stored, with old and new value, when and why, newest first, a page at a time.
 */
export function RestatementsPanel({ department }: { department: string }) {
  const [page, setPage] = useState(1);
  const restatements = useRestatements({ department, page, pageSize: PAGE_SIZE });
  return (
    <Section
      title="Restatements"
      description="A restatement is a change to a day's stored value after it was first recorded: logins synced after midnight, a CSV drop carrying earlier days, or a plan version that changes what is measured. Every change is kept here with its old and new value, so no number in the trend changes silently."
    >
      <QueryView query={restatements} loadingLabel="Loading the restatements…" errorTitle="Could not load the restatements">
        {(data) => {
          if (data.total === 0) {
            return <EmptyState title="No restatements">Every stored day still shows the value first recorded for it.</EmptyState>;
          }
          const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
          return (
            <>
              <TableScroll label="Restatements">
                <table data-testid="restatements">
                  <thead>
                    <tr>
                      <th scope="col">Day</th>
                      <th scope="col">Figure</th>
                      <th scope="col" className="num">
                        Was
                      </th>
                      <th scope="col" className="num">
                        Now
                      </th>
                      <th scope="col">Restated</th>
                      <th scope="col">Why</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.items.map((item) => (
                      <tr key={item.id} data-testid={`restatement-${item.day}-${item.metric}`}>
                        <th scope="row">{formatDay(item.day)}</th>
                        <td>{figureLabel(item.metric)}</td>
                        {item.suppressed ? (
                          <td className="num" colSpan={2}>
                            <Suppressed focusable={false} />
                          </td>
                        ) : (
                          <>
                            <td className="num">{figureValue(item.metric, item.oldValue)}</td>
                            <td className="num">{figureValue(item.metric, item.newValue)}</td>
                          </>
                        )}
                        <td>{formatInstant(item.restatedAt)}</td>
                        <td>{causeText(item.cause)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <p className="row muted">
                {formatCount(data.total)} changes · page {data.page} of {pages}{' '}
                <button type="button" disabled={data.page <= 1} onClick={() => setPage(data.page - 1)}>
                  Newer
                </button>{' '}
                <button type="button" disabled={data.page >= pages} onClick={() => setPage(data.page + 1)}>
                  Older
                </button>
              </p>
            </>
          );
        }}
      </QueryView>
    </Section>
  );
}
