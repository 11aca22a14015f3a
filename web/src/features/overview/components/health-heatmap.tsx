import {
  METRIC_CATALOGUE,
  METRIC_KEYS,
  type DepartmentMetrics,
  type OrganisationMetrics,
  HEALTH_DEFINITION,
  ORGANISATION,
} from '@uptake/shared';
import { Link } from 'react-router';
import { Explained } from '@/components/ui/explained';
import { Suppressed } from '@/components/ui/suppressed';
import { MetricValue } from '@/components/ui/metric-value';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatCount, formatHealth, formatMetric, formatShare, missingReason } from '@/utils/format';
import { attainmentStatus, metricAttainment } from '@/utils/metric-status';
import { TableScroll } from '@/components/ui/table-scroll';
import { isLoginMetric, NO_LOGIN_DATA } from '@/utils/data-coverage';

interface HeatmapProps {
  departments: DepartmentMetrics[];
  organisation: OrganisationMetrics;
  /** Search string to keep on department links (the as-of day). */
  linkSearch: string;
  /** The data holds no login at all: login metrics are unknown, not 0. */
  noLoginData?: boolean;
}

function Row({ name, scope, href, noLoginData }: { name: string; scope: OrganisationMetrics; href: string; noLoginData?: boolean }) {
  return (
    <tr data-testid={`heat-row-${name}`}>
      <th scope="row">
        <Link to={href}>{name}</Link>
      </th>
      <td className="num">
        <Explained
          how="Active, licensed, non-integration CRM users of the department created on or before the day."
          testId={`heat-${name}-seats`}
        >
          {formatCount(scope.seatHolders)}
        </Explained>
      </td>
      <td className="num">
        {scope.suppressed ? (
          <Suppressed testId={`heat-${name}-health`} seatHolders={scope.seatHolders} />
        ) : (
          <>
            <Explained how={HEALTH_DEFINITION} title="Health" testId={`heat-${name}-health`}>
              {formatHealth(scope.health)}
            </Explained>{' '}
            <StatusBadge status={scope.status} />
          </>
        )}
      </td>
      {METRIC_KEYS.map((metric) => {
        const unknownBecause = noLoginData && isLoginMetric(metric) ? NO_LOGIN_DATA : undefined;
        const value = unknownBecause ? null : scope.metrics[metric];
        const expected = scope.expected[metric];
        const reached = metricAttainment(metric, value, expected, scope.attainment?.[metric]);
        const status = attainmentStatus(reached);
        if (scope.suppressed) {
          return (
            <td key={metric} className="heat heat-none" data-testid={`heat-${name}-${metric}`}>
              <MetricValue metric={metric} value={null} seatHolders={scope.seatHolders} suppressed focusable={false} />
            </td>
          );
        }
        return (
          <td key={metric} className={`heat heat-${status ?? 'none'}`} data-testid={`heat-${name}-${metric}`}>
            <MetricValue
              metric={metric}
              value={value}
              seatHolders={scope.seatHolders}
              unknownBecause={unknownBecause}
              detail={
                expected === undefined
                  ? 'No goal for this metric in the launch plan.'
                  : `Expected ${formatMetric(metric, expected)}; attainment ${reached === null ? '—' : formatShare(reached)}.`
              }
            />
            <span className="heat-attainment">
              {value === null
                ? (unknownBecause ?? missingReason(metric, scope.seatHolders))
                : reached === null
                  ? 'no goal'
                  : `${formatShare(reached)} of plan`}
            </span>
          </td>
        );
      })}
    </tr>
  );
}

/** Departments by metrics: each cell the value and its attainment of the plan, coloured by status. */
export function HealthHeatmap({ departments, organisation, linkSearch, noLoginData }: HeatmapProps) {
  return (
    <TableScroll label="Attainment by department and metric">
      <table className="heatmap">
        <caption className="visually-hidden">
          Attainment of the plan by department and metric. Each cell shows the value and the share of the expected value reached; colour
          repeats the status: green from 90%, amber from 70%, red below, grey without a goal.
        </caption>
        <thead>
          <tr>
            <th scope="col">Department</th>
            <th scope="col" className="num">
              Seat holders
            </th>
            <th scope="col" className="num">
              Health
            </th>
            {METRIC_KEYS.map((metric) => (
              <th scope="col" key={metric}>
                {METRIC_CATALOGUE[metric].label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <Row
            name="Organisation"
            scope={organisation}
            href={`/departments/${encodeURIComponent(ORGANISATION)}${linkSearch}`}
            noLoginData={noLoginData}
          />
          {departments.map((department) => (
            <Row
              key={department.department}
              name={department.department}
              scope={department}
              href={`/departments/${encodeURIComponent(department.department)}${linkSearch}`}
              noLoginData={noLoginData}
            />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
