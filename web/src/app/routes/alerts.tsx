import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { useAlerts } from '@/features/alerts/api/get-alerts';
import { useSubscription } from '@/features/alerts/api/get-subscription';
import { useWebhooks } from '@/features/alerts/api/get-webhooks';
import { useRunAlerts } from '@/features/alerts/api/run-alerts';
import { AlertList } from '@/features/alerts/components/alert-list';
import { AlertRulesExplainer } from '@/features/alerts/components/alert-rules-explainer';
import { SubscriptionForm } from '@/features/alerts/components/subscription-form';
import { WebhookManager } from '@/features/alerts/components/webhook-manager';
import { useSession } from '@/features/auth/api/get-session';
import { usePlan } from '@/features/goals/api/get-plan';

export default function AlertsRoute() {
  const session = useSession();
  const isAdmin = session.data?.account.role === 'admin';
  const alerts = useAlerts();
  const subscription = useSubscription();
  const webhooks = useWebhooks({ enabled: isAdmin });
  const plan = usePlan();
  const run = useRunAlerts();
  const account = session.data?.account;
  const departments =
    account?.role === 'trainer' ? account.departments : (plan.data?.current?.plan.departments.map((department) => department.name) ?? []);
  return (
    <>
      <PageHeader
        title="Alerts"
        subtitle="Departments behind plan, sudden drops, idle seats and failing syncs, as they happen; and who was told."
        actions={
          isAdmin ? (
            <button type="button" className="button" onClick={() => run.mutate()} disabled={run.isPending}>
              Check now
            </button>
          ) : null
        }
        busy={run.isPending}
      />
      <div className="stack">
        {run.data ? (
          <p className="form-success" role="status">
            Checked {run.data.evaluatedDay ?? 'without snapshots yet'}: {run.data.opened} opened, {run.data.closed} closed;{' '}
            {run.data.deliveries.sent} sent, {run.data.deliveries.retrying} to retry.
          </p>
        ) : null}
        <QueryView query={alerts} loadingLabel="Loading alerts…" errorTitle="Could not load the alerts">
          {(data) => (
            <>
              <Section title="Open alerts">
                <AlertList alerts={data.alerts.filter((a) => a.status === 'open')} emptyText="Nothing needs attention right now." />
              </Section>
              <Section title="Closed alerts" description="Conditions that cleared, with when.">
                <AlertList alerts={data.alerts.filter((a) => a.status === 'closed')} emptyText="No alert has closed yet." />
              </Section>
              <Section title="How alerts work">
                <AlertRulesExplainer data={data} isAdmin={isAdmin} />
              </Section>
            </>
          )}
        </QueryView>
        <Section title="My alert emails" description="What you receive by email. You only ever receive alerts your role may see.">
          <QueryView query={subscription} loadingLabel="Loading your choice…" errorTitle="Could not load your alert emails">
            {(data) => <SubscriptionForm subscription={data} departments={departments} />}
          </QueryView>
        </Section>
        {isAdmin ? (
          <Section title="Webhooks" description="Post alerts to a Slack or Microsoft Teams channel, or to your own system as signed JSON.">
            <QueryView query={webhooks} loadingLabel="Loading webhooks…" errorTitle="Could not load the webhooks">
              {(data) => <WebhookManager webhooks={data.webhooks} departments={departments} />}
            </QueryView>
          </Section>
        ) : null}
      </div>
    </>
  );
}
