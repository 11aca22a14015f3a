import type { PersonToTrain, TrainReason } from '@uptake/shared';
import { useState } from 'react';
import { Explained } from '@/components/ui/explained';
import { EmptyState } from '@/components/ui/states';
import { formatInstant } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';

export const REASON_LABEL: Record<TrainReason, string> = {
  no_login_14_days: 'No login in 14 days',
  training_incomplete: 'Required training incomplete',
};

const PAGE = 50;

/** Seat holders who need attention: no counted login for 14 days or required training not done. */
export function PeopleToTrain({ people, how }: { people: PersonToTrain[]; how: string }) {
  const [limit, setLimit] = useState(PAGE);
  if (people.length === 0) return <EmptyState title="Nobody to train on this day">Everyone logged in within 14 days and completed the required training.</EmptyState>;
  return (
    <>
      <TableScroll label="People to train">
        <table data-testid="people-to-train">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Department</th>
              <th scope="col">Manager</th>
              <th scope="col">Last login</th>
              <th scope="col">Why</th>
              <th scope="col" className="num">
                Required courses done
              </th>
            </tr>
          </thead>
          <tbody>
            {people.slice(0, limit).map((person) => (
              <tr key={`${person.connectionId}:${person.externalId}`} data-testid={`train-${person.externalId}`}>
                <th scope="row">
                  {person.name ?? person.externalId}
                  {person.email ? <span className="person-email">{person.email}</span> : null}
                </th>
                <td>{person.department}</td>
                <td>{person.managerName ?? <span className="muted">none</span>}</td>
                <td>{person.lastLoginAt ? formatInstant(person.lastLoginAt) : <span className="muted">never</span>}</td>
                <td>
                  <span className="reason-list">
                    {person.reasons.map((reason) => (
                      <span key={reason} className={`badge ${reason === 'no_login_14_days' ? 'badge-red' : 'badge-amber'}`}>
                        {REASON_LABEL[reason]}
                      </span>
                    ))}
                  </span>
                </td>
                <td className="num">
                  {person.requiredCourses === 0 ? (
                    <span className="muted">no required course</span>
                  ) : (
                    <Explained how="Required courses completed on or before the day, of all courses marked required." focusable={false}>
                      {`${person.requiredCoursesDone} of ${person.requiredCourses}`}
                    </Explained>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {people.length > limit ? (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setLimit(people.length)}>
            Show all {people.length} people
          </button>
        </p>
      ) : null}
      <p className="figure-how">{how}</p>
    </>
  );
}
