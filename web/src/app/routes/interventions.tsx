import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { useSession } from '@/features/auth/api/get-session';
import { useDepartments } from '@/features/departments/api/get-departments';
import { useInterventions } from '@/features/interventions/api/get-interventions';
import { InterventionForm } from '@/features/interventions/components/intervention-form';
import { InterventionsList } from '@/features/interventions/components/interventions-list';
import { useAsOf } from '@/hooks/use-as-of';
import { formatDay } from '@/utils/date';

export default function InterventionsRoute() {
  const { asOf } = useAsOf();
  const session = useSession().data;
  const role = session?.account.role;
  const query = useInterventions({ asOf });
  const report = useDepartments({ asOf });
  const known = report.data?.departments.map((entry) => entry.department) ?? [];
  const assigned = session?.account.departments ?? [];
  const mayLog = role === 'admin' || role === 'trainer';
  const loggable = role === 'admin' ? known : known.filter((name) => assigned.includes(name));
  return (
    <>
      <PageHeader
        title="Interventions"
        subtitle="What was done to raise adoption, when and for whom, and what changed afterwards"
        busy={query.isPlaceholderData}
      />
      <div className="stack">
        {mayLog ? (
          <Section
            title="Log an intervention"
            description={
              role === 'trainer'
                ? 'For the departments assigned to you. It is marked on every trend chart.'
                : 'It is marked on every trend chart of its departments and of the organisation.'
            }
          >
            <InterventionForm departments={loggable} />
          </Section>
        ) : null}
        <QueryView query={query} loadingLabel="Loading the interventions…" errorTitle="Could not load the interventions">
          {(data) => (
            <Section
              title={`Interventions and their effect as of ${formatDay(data.asOf)}`}
              description={<span data-testid="effect-how">How the effect is estimated: {data.how}</span>}
            >
              <InterventionsList
                interventions={data.interventions}
                canRemove={(intervention) =>
                  role === 'admin' || (role === 'trainer' && intervention.departments.every((name) => assigned.includes(name)))
                }
              />
            </Section>
          )}
        </QueryView>
      </div>
    </>
  );
}
