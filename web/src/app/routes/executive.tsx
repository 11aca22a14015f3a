import { goalFor, ORGANISATION } from '@uptake/shared';
import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { usePlan } from '@/features/goals/api/get-plan';
import { useRoi } from '@/features/executive/api/get-roi';
import { RoiView } from '@/features/executive/components/roi-view';
import { useAsOf } from '@/hooks/use-as-of';

export default function ExecutiveRoute() {
  const { asOf } = useAsOf();
  const query = useRoi({ asOf });
  const plan = usePlan();
  const goal = plan.data?.current ? goalFor(plan.data.current.plan, ORGANISATION, 'active_users') : undefined;
  return (
    <>
      <PageHeader
        title="Executive"
        subtitle="Are we getting value for the licences? What does shelfware cost us?"
        busy={query.isPlaceholderData}
      />
      <QueryView query={query} loadingLabel="Loading licence value…" errorTitle="Could not load the executive view">
        {(data) => <RoiView data={data} adoptionGoal={goal ? { target: goal.target, by: goal.by } : undefined} />}
      </QueryView>
    </>
  );
}
