import type { PersonConflict, PersonOverrideView } from '@uptake/shared';
import { useState, type FormEvent } from 'react';
import { Section } from '@/components/ui/section';
import { TableScroll } from '@/components/ui/table-scroll';
import { useChangePerson, usePersonOverrides } from '../api/change-person';
import { usePersonConflicts } from '../api/get-person-conflicts';

/** People whose users across connections disagree on the department; nothing when there are none. */
export function PersonConflicts({
  conflicts,
  onSplit,
}: {
  conflicts: readonly PersonConflict[];
  onSplit?: (connection: string, externalId: string) => void;
}) {
  if (conflicts.length === 0) return null;
  return (
    <Section title={`People in two departments (${conflicts.length})`}>
      <p className="card-description">
        These people (one email across connections) are in different departments in different connections. The primary user&apos;s
        department counts: the user of the connection with the highest priority, ties to the older connection. Correct the data, or change a
        connection&apos;s priority.
      </p>
      <TableScroll label="People in two departments">
        <table data-testid="person-conflicts">
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Users (connection: department)</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.map((conflict) => (
              <tr key={conflict.email} data-testid={`conflict-${conflict.email}`}>
                <th scope="row">{conflict.email}</th>
                <td>
                  {conflict.users
                    .map(
                      (user) =>
                        `${user.connectionName}/${user.externalId}: ${user.department ?? 'no department'}${user.primary ? ' (primary, counted)' : ''}`,
                    )
                    .join('; ')}
                  {onSplit
                    ? conflict.users
                        .filter((user) => !user.primary)
                        .map((user) => (
                          <button
                            key={`${user.connectionName}/${user.externalId}`}
                            type="button"
                            className="button button-secondary"
                            onClick={() => onSplit(user.connectionName, user.externalId)}
                          >
                            Split {user.connectionName}/{user.externalId}
                          </button>
                        ))
                    : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

/** One decision of the history, in words. */
export function describeOverride(override: PersonOverrideView): string {
  const what =
    override.kind === 'merge'
      ? `${override.emailKey} merged into ${override.targetKey}`
      : override.kind === 'unmerge'
        ? `merge of ${override.emailKey} undone`
        : override.kind === 'split'
          ? `${override.user} split out of ${override.emailKey}`
          : `split of ${override.user} undone`;
  return `${new Date(override.createdAt).toISOString().slice(0, 16).replace('T', ' ')} ${override.createdBy}: ${what}${override.supersededAt === null ? '' : ' (replaced)'}`;
}

/** The conflicts, a merge form and the history of merges and splits, as the Connections page shows them. */
export function PersonConflictsPanel() {
  const conflicts = usePersonConflicts();
  const history = usePersonOverrides();
  const change = useChangePerson();
  const [email, setEmail] = useState('');
  const [into, setInto] = useState('');
  const merge = (event: FormEvent) => {
    event.preventDefault();
    change.mutate(
      { kind: 'merge', email, into },
      {
        onSuccess: () => {
          setEmail('');
          setInto('');
        },
      },
    );
  };
  return (
    <>
      {conflicts.data ? (
        <PersonConflicts
          conflicts={conflicts.data}
          onSplit={(connection, externalId) => change.mutate({ kind: 'split', connection, externalId })}
        />
      ) : null}
      <Section title="Merge two people">
        <form className="stack" onSubmit={merge} data-testid="merge-people">
          <p className="card-description">
            One human under two addresses: the users with the first email join the person of the second. Kept with who and when.
          </p>
          <label>
            Email <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
          <label>
            Into the person of <input type="email" required value={into} onChange={(event) => setInto(event.target.value)} />
          </label>
          <button type="submit" className="button" disabled={change.isPending}>
            Merge
          </button>
          {change.error ? (
            <p className="field-error" role="alert">
              {change.error.message}
            </p>
          ) : null}
        </form>
        {history.data && history.data.length > 0 ? (
          <ul data-testid="person-overrides">
            {history.data.map((override) => (
              <li key={override.id}>{describeOverride(override)}</li>
            ))}
          </ul>
        ) : null}
      </Section>
    </>
  );
}
