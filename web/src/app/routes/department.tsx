import { goalFor, METRIC_KEYS, type MetricKey, HEALTH_DEFINITION, ORGANISATION } from '@uptake/shared';
import { Link, useParams } from 'react-router';
import { PageHeader } from '@/components/layouts/page-header';
import { Explained } from '@/components/ui/explained';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { EmptyState, ErrorState, Loading } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { Suppressed } from '@/components/ui/suppressed';
import { useCanSeePeople } from '@/features/auth/api/get-session';
import { useDepartmentPeople } from '@/features/departments/api/get-department-people';
import { useDepartmentPresence } from '@/features/departments/api/get-department-presence';
import { useDepartmentSeries } from '@/features/departments/api/get-department-series';
import { useDepartments } from '@/features/departments/api/get-departments';
import { DateRange, useDateRange } from '@/features/departments/components/date-range';
import { DepartmentMetrics } from '@/features/departments/components/department-metrics';
import { ManagerBreakdown } from '@/features/departments/components/manager-breakdown';
import { MetricTrends, type GoalMark } from '@/features/departments/components/metric-trends';
import { PeopleTable } from '@/features/departments/components/people-table';
import { RestatementsPanel } from '@/features/departments/components/restatements-panel';
import { PresenceWork } from '@/features/departments/components/presence-work';
import { MAX_SERIES_YEARS, seriesRange } from '@/features/departments/utils/series-range';
import { useForecasts } from '@/features/forecasts/api/get-forecasts';
import { usePlan } from '@/features/goals/api/get-plan';
import { useInterventionMarkers } from '@/features/interventions/utils/intervention-markers';
import { useAsOf, useAsOfSearch } from '@/hooks/use-as-of';
import { ApiError } from '@/lib/api-client';
import { formatDay, todayIso } from '@/utils/date';
import { formatCount, formatHealth } from '@/utils/format';

function PeopleSections({ department, asOf }: { department: string; asOf?: string }) {
  const people = useDepartmentPeople({ department, asOf });
  if (people.isPending) return <Loading label="Loading people…" />;
  if (people.isError) {
    const forbidden = people.error instanceof ApiError && people.error.status === 403;
    return (
      <ErrorState
        error={people.error}
        title={forbidden ? 'Your role may not see people in this department' : 'Could not load the people of this department'}
        onRetry={() => void people.refetch()}
      />
    );
  }
  return (
    <>
      <Section title="By manager" description="The metrics over each manager's direct reports among the seat holders.">
        <ManagerBreakdown groups={people.data.byManager} />
      </Section>
      <Section title="People" description={`Seat holders as of ${formatDay(people.data.asOf)}.`}>
        <PeopleTable people={people.data.people} />
      </Section>
    </>
  );
}

function PresenceSection({ department, asOf }: { department: string; asOf?: string }) {
  const presence = useDepartmentPresence({ department, asOf });
  return (
    <Section
      title="Presence and work"
      description="A login proves presence, not use: who logged in against who did work in the CRM in the 7 days, in total and per manager."
    >
      <QueryView query={presence} loadingLabel="Loading presence and work…" errorTitle="Could not load presence and work">
        {(data) => <PresenceWork data={data} />}
      </QueryView>
    </Section>
  );
}

export default function DepartmentRoute() {
  const { name = ORGANISATION } = useParams();
  const isOrganisation = name === ORGANISATION;
  const title = isOrganisation ? 'Organisation' : name;
  const { asOf, shownDay } = useAsOf();
  const linkSearch = useAsOfSearch();
  const range = useDateRange();
  const report = useDepartments({ asOf });
  const plan = usePlan();
  const currentPlan = plan.data?.current?.plan;
  // Asked once the launch date is known (or the plan could not be read), so the range is never inverted or outside launch..today.
  const seriesDays = seriesRange({ launch: currentPlan?.launch_date, today: todayIso(), asOf, from: range.from, to: range.to });
  const series = useDepartmentSeries({ department: name, from: seriesDays.from, to: seriesDays.to, enabled: !plan.isPending });
  const canSeePeople = useCanSeePeople(name);
  const forecastAnswer = useForecasts({ asOf }).data;
  const markers = useInterventionMarkers(name);
  const forecasts = forecastAnswer && {
    how: forecastAnswer.how,
    byMetric: Object.fromEntries(
      forecastAnswer.forecasts.filter((entry) => entry.department === name).map((entry) => [entry.metric, entry]),
    ),
  };

  const goals: Partial<Record<MetricKey, GoalMark>> = {};
  if (currentPlan) {
    for (const metric of METRIC_KEYS) {
      const goal = goalFor(currentPlan, name, metric);
      if (goal) goals[metric] = { target: goal.target, by: goal.by };
    }
  }

  return (
    <>
      <PageHeader
        title={title}
        subtitle={
          <>
            <Link to={`/departments${linkSearch}`}>All departments</Link> · trend since launch against the plan, managers and people
          </>
        }
        busy={report.isPlaceholderData || series.isPlaceholderData}
      />
      <div className="stack">
        <QueryView query={report} loadingLabel="Loading the department…">
          {(data) => {
            const scope = isOrganisation ? data.organisation : data.departments.find((department) => department.department === name);
            if (!scope) {
              return (
                <EmptyState title={`No department “${name}” on ${formatDay(data.asOf)}`}>
                  It has no seat holders and no goals on this day. <Link to={`/departments${linkSearch}`}>Pick a department</Link>.
                </EmptyState>
              );
            }
            return (
              <Section
                title={`Metrics as of ${formatDay(data.asOf)}`}
                actions={
                  <span className="row" data-testid="dept-health">
                    Health{' '}
                    {scope.suppressed ? (
                      <Suppressed seatHolders={scope.seatHolders} />
                    ) : (
                      <>
                        <Explained title="Health" how={HEALTH_DEFINITION}>
                          {formatHealth(scope.health)}
                        </Explained>
                        <StatusBadge status={scope.status} />
                      </>
                    )}
                    <span>
                      <Explained how="Active, licensed, non-integration CRM users created on or before the day.">
                        {formatCount(scope.seatHolders)}
                      </Explained>{' '}
                      seat holders
                    </span>
                  </span>
                }
              >
                <div data-as-of={data.asOf}>
                  <DepartmentMetrics scope={scope} />
                </div>
              </Section>
            );
          }}
        </QueryView>

        <Section
          title="Trend since launch"
          actions={<DateRange defaultFrom={series.data?.from ?? currentPlan?.launch_date} defaultTo={range.to ?? shownDay} />}
        >
          {plan.isError ? <p className="muted">The launch plan could not be loaded: target dates are not marked.</p> : null}
          {seriesDays.shortened ? <p className="muted">The trend shows the last {MAX_SERIES_YEARS} years of the range.</p> : null}
          <QueryView query={series} loadingLabel="Loading the daily snapshots…" errorTitle="Could not load the trend">
            {(data) => <MetricTrends series={data} goals={goals} forecasts={forecasts} markers={markers} />}
          </QueryView>
        </Section>

        <RestatementsPanel department={name} />
        {isOrganisation ? null : <PresenceSection department={name} asOf={asOf} />}

        {isOrganisation ? (
          <EmptyState title="People are shown per department">
            Open a department from the <Link to={`/departments${linkSearch}`}>list</Link> to see its managers and people.
          </EmptyState>
        ) : canSeePeople ? (
          <PeopleSections department={name} asOf={asOf} />
        ) : (
          <EmptyState title="People are not shown to your role">
            Managers and people of {name} are visible to admins and to the trainers assigned to the department.
          </EmptyState>
        )}
      </div>
    </>
  );
}
