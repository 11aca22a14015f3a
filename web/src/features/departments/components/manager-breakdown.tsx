import { METRIC_CATALOGUE, METRIC_KEYS, type ManagerGroup } from '@uptake/shared';
import { MetricValue } from '@/components/ui/metric-value';
import { EmptyState } from '@/components/ui/states';
import { InfoTip } from '@/components/ui/tooltip';
import { formatCount } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';

/** The six metrics over each manager's direct reports among the department's seat holders. */
export function ManagerBreakdown({ groups }: { groups: ManagerGroup[] }) {
  if (groups.length === 0) return <EmptyState title="No seat holders on this day" />;
  return (
    <TableScroll label="Metrics by manager">
      <table data-testid="manager-breakdown">
        <thead>
          <tr>
            <th scope="col">Manager</th>
            <th scope="col" className="num">
              Seat holders
            </th>
            {METRIC_KEYS.map((metric) => (
              <th scope="col" key={metric} className="num">
                {METRIC_CATALOGUE[metric].label}
                <InfoTip label={METRIC_CATALOGUE[metric].label} content={METRIC_CATALOGUE[metric].definition} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.managerExternalId ?? '(none)'} data-testid={`manager-${group.managerName}`}>
              <th scope="row">{group.managerName}</th>
              <td className="num">{formatCount(group.seatHolders)}</td>
              {METRIC_KEYS.map((metric) => (
                <td key={metric} className="num" data-testid={`manager-${group.managerName}-${metric}`}>
                  <MetricValue metric={metric} value={group.metrics[metric]} seatHolders={group.seatHolders} focusable={false} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
