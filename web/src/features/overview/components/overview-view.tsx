import { METRIC_KEYS, type OverviewResponse, HEALTH_DEFINITION } from '@uptake/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { DataCoverageNotice } from '@/components/data-coverage-notice';
import { Explained } from '@/components/ui/explained';
import { Section } from '@/components/ui/section';
import { EmptyState } from '@/components/ui/states';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatDay } from '@/utils/date';
import { hasLoginData, isLoginMetric, NO_LOGIN_DATA } from '@/utils/data-coverage';
import { formatCount, formatHealth } from '@/utils/format';
import { HealthHeatmap } from './health-heatmap';
import { MetricTile } from './metric-tile';
import { SyncStatus } from './sync-status';

/** The CRM owner's Monday page: organisation health, one tile per metric, heatmap, sync state. */
export function OverviewView({
  data,
  linkSearch,
  canManageConnections,
  trend,
}: {
  data: OverviewResponse;
  linkSearch: string;
  canManageConnections: boolean;
  /** The organisation's trend since launch, shown after the tiles. */
  trend?: ReactNode;
}) {
  const organisation = data.organisation;
  const noLoginData = !hasLoginData(data.dataCoverage);
  return (
    <div className="stack" data-as-of={data.asOf}>
      <section className="card health-summary" aria-labelledby="org-health-title">
        <div>
          <h2 id="org-health-title">Organisation health</h2>
          <p className="muted">
            As of {formatDay(data.asOf)}
            {data.launchDate ? ` · launched ${formatDay(data.launchDate)}` : ' · no launch plan yet'} · time zone {data.timezone}
          </p>
        </div>
        <div className="health-score">
          <Explained title="Health" how={HEALTH_DEFINITION} className="health-number" testId="org-health">
            {formatHealth(organisation.health)}
          </Explained>
          <StatusBadge status={organisation.status} noGoalText="No goals yet" />
          <span className="muted">
            <Explained how="Active, licensed, non-integration CRM users created on or before the day." testId="org-seat-holders">
              {formatCount(organisation.seatHolders)}
            </Explained>{' '}
            seat holders
          </span>
        </div>
      </section>

      <DataCoverageNotice coverage={data.dataCoverage} asOf={data.asOf} loginFigures="active users and logins per user" />

      {organisation.seatHolders === 0 && data.departments.length === 0 ? (
        <EmptyState title="No usage data yet">
          No seat holders as of {formatDay(data.asOf)}. Run a sync on the <Link to="/connections">Connections</Link> page or pick a later
          day.
        </EmptyState>
      ) : null}

      <section aria-labelledby="tiles-title">
        <h2 id="tiles-title" className="visually-hidden">
          Organisation metrics
        </h2>
        <div className="tiles">
          {METRIC_KEYS.map((metric) => (
            <MetricTile
              key={metric}
              metric={metric}
              value={organisation.metrics[metric]}
              expected={organisation.expected[metric]}
              weekEarlier={data.weekEarlier?.[metric] ?? null}
              attainment={organisation.attainment?.[metric]}
              seatHolders={organisation.seatHolders}
              suppressed={organisation.suppressed}
              unknownBecause={noLoginData && isLoginMetric(metric) ? NO_LOGIN_DATA : undefined}
            />
          ))}
        </div>
      </section>

      {trend}

      <Section title="Departments against plan" description="Each cell: the value, then the share of the expected value reached.">
        {data.departments.length === 0 ? (
          <EmptyState title="No departments yet">Departments appear after the first sync.</EmptyState>
        ) : null}
        <HealthHeatmap departments={data.departments} organisation={organisation} linkSearch={linkSearch} noLoginData={noLoginData} />
      </Section>

      <Section title="Sync status" actions={canManageConnections ? <Link to="/connections">All connections</Link> : null}>
        <SyncStatus connections={data.connections} linkToConnections={canManageConnections} />
      </Section>
    </div>
  );
}
