import { useState } from 'react';
import { PageHeader } from '@/components/layouts/page-header';
import { QueryView } from '@/components/ui/query-view';
import { Section } from '@/components/ui/section';
import { EmptyState } from '@/components/ui/states';
import { useConnections } from '@/features/connections/api/get-connections';
import { AddConnectionForm } from '@/features/connections/components/add-connection-form';
import { ConnectionCard } from '@/features/connections/components/connection-card';
import { PersonConflictsPanel } from '@/features/connections/components/person-conflicts';

export default function ConnectionsRoute() {
  const query = useConnections();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  return (
    <>
      <PageHeader
        title="Connections"
        subtitle="CRM connections, their schedules and sync runs."
        actions={
          adding ? null : (
            <button
              type="button"
              className="button"
              onClick={() => {
                setAdded(null);
                setAdding(true);
              }}
            >
              Add a connection
            </button>
          )
        }
      />
      <div className="stack">
        {added ? (
          <p className="form-success" role="status">
            Connection {added} added. Test it, then sync it now or wait for its schedule.
          </p>
        ) : null}
        {adding ? (
          <Section title="Add a connection">
            <AddConnectionForm
              onCreated={(connection) => {
                setAdding(false);
                setAdded(connection.name);
              }}
              onCancel={() => setAdding(false)}
            />
          </Section>
        ) : null}
        <QueryView
          query={query}
          loadingLabel="Loading connections…"
          errorTitle="Could not load the connections"
          isEmpty={(data) => data.length === 0}
          empty={
            <EmptyState title="No connection yet">Add a connection to a CRM (or the demo CRM) to start measuring adoption.</EmptyState>
          }
        >
          {(data) => (
            <div className="stack">
              {data.map((connection) => (
                <ConnectionCard key={connection.id} connection={connection} />
              ))}
            </div>
          )}
        </QueryView>
        <PersonConflictsPanel />
      </div>
    </>
  );
}
