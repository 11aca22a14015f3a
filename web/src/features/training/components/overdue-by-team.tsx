import type { PersonToTrain } from '@uptake/shared';

export interface OverdueTeam {
  department: string;
  people: PersonToTrain[];
}

/** People whose required training is overdue, per department (in the order of the list, which is by department). */
export function overdueByTeam(people: readonly PersonToTrain[]): OverdueTeam[] {
  const teams = new Map<string, PersonToTrain[]>();
  for (const person of people) {
    if (!person.reasons.includes('training_overdue')) continue;
    teams.set(person.department, [...(teams.get(person.department) ?? []), person]);
  }
  return [...teams].map(([department, overdue]) => ({ department, people: overdue }));
}

/** The overdue people of each team, above the people-to-train table; nothing when nobody is overdue. */
export function OverdueByTeam({ people }: { people: readonly PersonToTrain[] }) {
  const teams = overdueByTeam(people);
  if (teams.length === 0) return null;
  return (
    <div data-testid="overdue-by-team">
      <h3>Training overdue</h3>
      <ul>
        {teams.map((team) => (
          <li key={team.department} data-testid={`overdue-${team.department}`}>
            <strong>{team.department}</strong>: {team.people.length} overdue (
            {team.people.map((person) => `${person.name ?? person.externalId}, due ${person.dueDate ?? '?'}`).join('; ')})
          </li>
        ))}
      </ul>
    </div>
  );
}
