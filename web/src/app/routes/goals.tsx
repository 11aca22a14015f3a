import { useState } from 'react';
import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { EmptyState } from '@/components/ui/states';
import { useSession } from '@/features/auth/api/get-session';
import { usePlan } from '@/features/goals/api/get-plan';
import { PlanForm } from '@/features/goals/components/plan-form';
import { GoalsTable, PlanHistory, PlanSummary } from '@/features/goals/components/plan-view';
import { formatInstant } from '@/utils/format';

export default function GoalsRoute() {
  const query = usePlan();
  const session = useSession();
  // Only admins may change the plan (the server answers 403 to the others); the history records their email.
  const account = session.data?.account;
  const isAdmin = account?.role === 'admin';
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<number | null>(null);
  return (
    <>
      <PageHeader
        title="Goals"
        subtitle="The launch plan and its goals. Every change is kept as a new version with who and when."
        actions={
          isAdmin && !editing && query.isSuccess ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                setSaved(null);
                setEditing(true);
              }}
            >
              {query.data.current ? 'Edit the plan' : 'Create the plan'}
            </button>
          ) : null
        }
      />
      <QueryView query={query} loadingLabel="Loading the launch plan…" errorTitle="Could not load the launch plan">
        {(data) => (
          <div className="stack">
            {saved !== null ? (
              <p className="form-success" role="status">
                Saved as version {saved}.
              </p>
            ) : null}
            {editing ? (
              <Section
                title="Edit the launch plan"
                description="For CRM admins. The plan is validated like `uptake plan apply`; nothing is overwritten, a new version is added."
              >
                <PlanForm
                  current={data.current?.plan ?? null}
                  changedBy={account?.email ?? ''}
                  onDone={(version) => {
                    setEditing(false);
                    setSaved(version);
                  }}
                />
              </Section>
            ) : null}
            {data.current ? (
              <>
                <Section
                  title="Goals"
                  description={`Version ${data.current.version}, stored ${formatInstant(data.current.createdAt)}${data.current.createdBy ? ` by ${data.current.createdBy}` : ''}.`}
                >
                  <GoalsTable plan={data.current.plan} />
                </Section>
                <Section title="Launch plan">
                  <PlanSummary plan={data.current.plan} />
                </Section>
              </>
            ) : (
              !editing && (
                <EmptyState title="No launch plan yet">
                  {isAdmin ? 'Create one here, or load' : 'An admin creates it here, or loads'} a file with{' '}
                  <code>npm run uptake -- plan apply plan.yaml</code>.
                </EmptyState>
              )
            )}
            <Section title="Version history">
              <PlanHistory history={data.history} />
            </Section>
          </div>
        )}
      </QueryView>
    </>
  );
}
