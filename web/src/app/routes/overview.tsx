import { lazy, Suspense } from 'react';
import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Loading } from '@/components/ui/states';
import { Section } from '@/components/ui/section';
import { useSession } from '@/features/auth/api/get-session';
import { useOverview } from '@/features/overview/api/get-overview';
import { usePresence } from '@/features/overview/api/get-presence';
import { OverviewView } from '@/features/overview/components/overview-view';
import { PresenceOverview } from '@/features/overview/components/presence-overview';
import { useAsOf, useAsOfSearch } from '@/hooks/use-as-of';

// The chart library loads with the trend, after the overview's figures: the first page stays small.
const OrganisationTrend = lazy(() =>
  import('@/features/overview/components/organisation-trend').then((module) => ({ default: module.OrganisationTrend })),
);

export default function OverviewRoute() {
  const { asOf } = useAsOf();
  const linkSearch = useAsOfSearch();
  const query = useOverview({ asOf });
  const presence = usePresence({ asOf });
  const isAdmin = useSession().data?.account.role === 'admin';
  return (
    <>
      <PageHeader
        title="Overview"
        subtitle="Which departments are behind plan, on which metric, and is the sync healthy?"
        busy={query.isPlaceholderData}
      />
      <QueryView query={query} loadingLabel="Loading the overview…" errorTitle="Could not load the overview">
        {(data) => (
          <OverviewView
            data={data}
            linkSearch={linkSearch}
            canManageConnections={isAdmin}
            trend={
              <Suspense fallback={<Loading label="Loading the trend…" />}>
                <OrganisationTrend asOf={asOf} linkSearch={linkSearch} />
              </Suspense>
            }
          />
        )}
      </QueryView>
      {query.isSuccess ? (
        <Section
          title="Presence and work"
          description="A login proves presence, not use: active users (logged in) against active contributors (did work in the CRM) in the 7 days, and how many seat holders do one, both or neither."
        >
          <QueryView query={presence} loadingLabel="Loading presence and work…" errorTitle="Could not load presence and work">
            {(data) => <PresenceOverview data={data} linkSearch={linkSearch} />}
          </QueryView>
        </Section>
      ) : null}
    </>
  );
}
