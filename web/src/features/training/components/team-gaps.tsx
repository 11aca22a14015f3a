import { HEALTH_DEFINITION, isSuppressed, METRIC_CATALOGUE, type MetricGap, type TeamGap } from '@uptake/shared';
import { Explained } from '@/components/ui/explained';
import { MetricValue } from '@/components/ui/metric-value';
import { EmptyState } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { Suppressed } from '@/components/ui/suppressed';
import { InfoTip } from '@/components/ui/tooltip';
import { formatChange, formatCount, formatHealth, formatMetric, formatShare } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';

/** The gap to plan in the metric's unit: percentage points for shares. */
export function formatGap(gap: MetricGap): string {
  if (gap.gap === null) return '—';
  const text = formatChange(gap.metric, gap.gap, 0) ?? '—';
  return gap.gap > 0 ? `${text.replace(/^\+/, '')} behind` : gap.gap < 0 ? `${text.replace(/^−/, '')} ahead` : 'on plan';
}

function Shortfall({ gap }: { gap: MetricGap }) {
  return (
    <>
      <strong>{METRIC_CATALOGUE[gap.metric].label}</strong>: <MetricValue metric={gap.metric} value={gap.actual} focusable={false} />{' '}
      against <MetricValue metric={gap.metric} value={gap.expected} focusable={false} detail="Expected on the plan ramp." /> expected ·{' '}
      <MetricValue
        metric={gap.metric}
        value={gap.gap}
        display={formatGap(gap)}
        focusable={false}
        detail={gap.attainment === null ? undefined : `Attainment ${formatShare(gap.attainment)}.`}
      />
    </>
  );
}

/** Departments ranked by how far behind plan they are, with the metric furthest behind. */
export function TeamGaps({ teams, how }: { teams: TeamGap[]; how: string }) {
  if (teams.length === 0) return <EmptyState title="No departments yet" />;
  return (
    <TableScroll label="Teams by gap to plan">
      <table data-testid="team-gaps">
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Department</th>
            <th scope="col" className="num">
              Health <InfoTip label="Health" content={HEALTH_DEFINITION} />
            </th>
            <th scope="col">
              Furthest behind <InfoTip label="Furthest behind" content={how} />
            </th>
            <th scope="col">Other metrics with goals</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((team, index) => (
            <tr key={team.department} data-testid={`team-${team.department}`}>
              <td className="num">{index + 1}</td>
              <th scope="row">
                {team.department}
                <span className="person-email">
                  <Explained how="Active, licensed, non-integration CRM users of the department on the day." focusable={false}>
                    {formatCount(team.seatHolders)}
                  </Explained>{' '}
                  seat holders
                </span>
              </th>
              {isSuppressed(team) ? (
                <td colSpan={3}>
                  <Suppressed focusable={false} seatHolders={team.seatHolders} />
                </td>
              ) : (
                <>
                  <td className="num">
                    <Explained how={HEALTH_DEFINITION} focusable={false}>
                      {formatHealth(team.health)}
                    </Explained>{' '}
                    <StatusBadge status={team.status} />
                  </td>
                  <td>
                    {team.largestShortfall ? (
                      <Shortfall gap={team.largestShortfall} />
                    ) : (
                      <span className="muted">no goal with a value</span>
                    )}
                  </td>
                  <td>
                    {team.gaps.length <= 1 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="plain-list">
                        {team.gaps.slice(1).map((gap) => (
                          <li key={gap.metric}>
                            {METRIC_CATALOGUE[gap.metric].label}:{' '}
                            <MetricValue
                              metric={gap.metric}
                              value={gap.actual}
                              focusable={false}
                              detail={`Expected ${formatMetric(gap.metric, gap.expected)}.`}
                            />{' '}
                            ({formatGap(gap)})
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
