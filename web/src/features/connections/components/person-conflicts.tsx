import type { PersonConflict } from '@uptake/shared';
import { Section } from '@/components/ui/section';
import { TableScroll } from '@/components/ui/table-scroll';
import { usePersonConflicts } from '../api/get-person-conflicts';

/** People whose users across connections disagree on the department; nothing when there are none. */
export function PersonConflicts({ conflicts }: { conflicts: readonly PersonConflict[] }) {
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </Section>
  );
}

/** The conflicts as the Connections page shows them: loaded with the page, silent while loading or on error. */
export function PersonConflictsPanel() {
  const query = usePersonConflicts();
  return query.data ? <PersonConflicts conflicts={query.data} /> : null;
}
