import type { PersonToTrain, Role, TrainReason } from '@uptake/shared';
import { useState } from 'react';
import { Explained } from '@/components/ui/explained';
import { EmptyState } from '@/components/ui/states';
import { formatInstant } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';
import { OverdueByTeam } from './overdue-by-team';

export const REASON_LABEL: Record<TrainReason, string> = {
  no_login_14_days: 'No login in 14 days',
  training_incomplete: 'Required training incomplete',
  training_overdue: 'Training overdue',
};

const PAGE = 50;

/** Roles without people-level access get no list at all: say so, rather than "nobody to train". */
export function PeopleHiddenForRole({ role }: { role: Role }) {
  return (
    <div data-testid="people-hidden">
      <EmptyState title={`The people list is hidden for the ${role} role`}>
        Only admins and trainers (for the departments assigned to them) see people. The teams above and the training lift below are
        aggregates every role sees.
      </EmptyState>
    </div>
  );
}

/** A trainer sees the people of their assigned departments only; names matching no known department are pointed out. */
export function TrainerScope({ departments, known }: { departments: readonly string[]; known: readonly string[] }) {
  const unknown = departments.filter((department) => !known.includes(department));
  return (
    <p className="card-description" data-testid="people-scope">
      {departments.length === 0
        ? 'No department is assigned to you, so you see nobody: ask an admin to assign your departments.'
        : `You see the people of ${departments.join(', ')} only.`}
      {unknown.length > 0 ? (
        <span className="field-error">
          {' '}
          {unknown.map((name) => `“${name}”`).join(', ')} {unknown.length === 1 ? 'matches' : 'match'} no department of the plan or the CRM:
          ask an admin to correct your departments.
        </span>
      ) : null}
    </p>
  );
}

/** Seat holders who need attention: no counted login for 14 days or required training not done. */
export function PeopleToTrain({ people, how, departments }: { people: PersonToTrain[]; how: string; departments?: readonly string[] }) {
  const [limit, setLimit] = useState(PAGE);
  if (people.length === 0) {
    const scope = departments && departments.length > 0 ? ` in ${departments.join(', ')}` : '';
    return (
      <EmptyState title={`Nobody to train on this day${scope}`}>
        Everyone logged in within 14 days and completed the required training.
      </EmptyState>
    );
  }
  return (
    <>
      <OverdueByTeam people={people} />
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
                      <span key={reason} className={`badge ${reason === 'training_incomplete' ? 'badge-amber' : 'badge-red'}`}>
                        {REASON_LABEL[reason]}
                      </span>
                    ))}
                  </span>
                </td>
                <td className="num">
                  {person.requiredCourses === 0 ? (
                    <span className="muted">no required course</span>
                  ) : (
                    <Explained
                      how="Required courses completed on or before the day, of those required of the person's department (the plan's training.required_courses, else the courses marked required)."
                      focusable={false}
                    >
                      {`${person.requiredCoursesDone} of ${person.requiredCourses}`}
                    </Explained>
                  )}
                  {person.dueDate ? <span className="person-email">due {person.dueDate}</span> : null}
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
