import { DASHBOARD_WORDING, diffPlans, METRIC_CATALOGUE, metricWeight, type LaunchPlan, type PlanVersionView } from '@uptake/shared';
import { MetricValue } from '@/components/ui/metric-value';
import { EmptyState } from '@/components/ui/states';
import { formatDay } from '@/utils/date';
import { formatCount, formatInstant, formatMoneyPrecise } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';

/** Launch date, departments with seats and licence cost, required fields, weights and privacy. */
export function PlanSummary({ plan }: { plan: LaunchPlan }) {
  const objects = Object.entries(plan.required_fields);
  return (
    <div className="stack">
      <dl className="facts">
        <div>
          <dt>Launch date</dt>
          <dd data-testid="plan-launch-date">{formatDay(plan.launch_date)}</dd>
        </div>
        <div>
          <dt>Time zone</dt>
          <dd>{plan.timezone}</dd>
        </div>
        <div>
          <dt>Currency</dt>
          <dd>{plan.currency}</dd>
        </div>
        <div>
          <dt>Smallest group shown to aggregate-only roles</dt>
          <dd>{plan.privacy.min_group_size} seat holders</dd>
        </div>
      </dl>
      <div className="grid-2">
        <TableScroll label="Departments of the plan">
          <table data-testid="plan-departments">
            <caption className="table-caption">Departments</caption>
            <thead>
              <tr>
                <th scope="col">Department</th>
                <th scope="col" className="num">
                  Seats
                </th>
                <th scope="col" className="num">
                  Licence / seat / month
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.departments.length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    No department in the plan.
                  </td>
                </tr>
              ) : (
                plan.departments.map((department) => (
                  <tr key={department.name}>
                    <th scope="row">{department.name}</th>
                    <td className="num">{formatCount(department.seats)}</td>
                    <td className="num">{formatMoneyPrecise(department.licence_cost_per_seat_month, plan.currency)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </TableScroll>
        <TableScroll label="Required fields">
          <table>
            <caption className="table-caption">Required fields (record completeness)</caption>
            <thead>
              <tr>
                <th scope="col">Object</th>
                <th scope="col">Fields</th>
              </tr>
            </thead>
            <tbody>
              {objects.length === 0 ? (
                <tr>
                  <td colSpan={2} className="muted">
                    None: record completeness has no value.
                  </td>
                </tr>
              ) : (
                objects.map(([object, fields]) => (
                  <tr key={object}>
                    <th scope="row">{object}</th>
                    <td>{fields.join(', ')}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </div>
  );
}

/** The goals of the plan: department, metric, target, target date, baseline, weight. */
export function GoalsTable({ plan }: { plan: LaunchPlan }) {
  if (plan.goals.length === 0)
    return <EmptyState title="No goals yet">Add goals to compute expected values, attainment and health.</EmptyState>;
  return (
    <TableScroll label="Goals">
      <table data-testid="goals-table">
        <thead>
          <tr>
            <th scope="col">Department</th>
            <th scope="col">Metric</th>
            <th scope="col" className="num">
              Target
            </th>
            <th scope="col">By</th>
            <th scope="col" className="num">
              Baseline
            </th>
            <th scope="col" className="num">
              Weight
            </th>
          </tr>
        </thead>
        <tbody>
          {plan.goals.map((goal) => (
            <tr key={`${goal.department}/${goal.metric}`} data-testid={`goal-${goal.department}-${goal.metric}`}>
              <th scope="row">{DASHBOARD_WORDING.department(goal.department)}</th>
              <td>{METRIC_CATALOGUE[goal.metric].label}</td>
              <td className="num">
                <MetricValue metric={goal.metric} value={goal.target} detail={`Target to reach by ${formatDay(goal.by)}.`} />
              </td>
              <td className="nowrap">{formatDay(goal.by)}</td>
              <td className="num">
                {goal.baseline === undefined ? (
                  <span className="muted">measured at launch</span>
                ) : (
                  <MetricValue metric={goal.metric} value={goal.baseline} detail="Value at launch the ramp starts from." />
                )}
              </td>
              <td className="num">{metricWeight(plan, goal.metric)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * Every version of the plan, newest first: who, when, where from, and what changed, in the page's
 * words (metric labels, percentages) from the differences to the version before it.
 */
export function PlanHistory({ history }: { history: PlanVersionView[] }) {
  if (history.length === 0) return <EmptyState title="No version yet" />;
  return (
    <ol className="history-list" data-testid="plan-history" reversed>
      {history.map((version, index) => (
        <li key={version.version} className="history-item" data-testid={`plan-version-${version.version}`}>
          <p>
            <strong>Version {version.version}</strong> · {formatInstant(version.createdAt)} ·{' '}
            <span data-testid={`plan-version-${version.version}-effective`}>in force from {formatDay(version.effectiveFrom)}</span>
            {version.createdBy ? (
              <>
                {' '}
                · by <strong>{version.createdBy}</strong>
              </>
            ) : null}
            {version.source ? <span className="muted"> · {version.source}</span> : null}
          </p>
          <VersionChanges version={version} previous={history[index + 1] ?? null} />
        </li>
      ))}
    </ol>
  );
}

/** What a version changed. The API's `changes` speak the plan file; with the version before it at hand the page's words are used. */
function VersionChanges({ version, previous }: { version: PlanVersionView; previous: PlanVersionView | null }) {
  const changes =
    previous && previous.version === version.version - 1 ? diffPlans(previous.plan, version.plan, DASHBOARD_WORDING) : version.changes;
  if (changes.length === 0)
    return <p className="muted">{version.version === 1 ? 'First version of the plan.' : 'No change to the plan.'}</p>;
  return (
    <ul>
      {changes.map((change, index) => (
        <li key={index}>{change}</li>
      ))}
    </ul>
  );
}
