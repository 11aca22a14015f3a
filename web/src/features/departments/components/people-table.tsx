import type { PersonRow } from '@uptake/shared';
import { useId, useMemo, useState, type ReactNode } from 'react';
import { Explained } from '@/components/ui/explained';
import { EmptyState } from '@/components/ui/states';
import { InfoTip } from '@/components/ui/tooltip';
import { formatInstant, formatShare, MISSING } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';
import { QUADRANTS } from '@/utils/presence';
import { managerLabel } from '../utils/manager-label';

type SortKey =
  | 'name'
  | 'manager'
  | 'lastLogin'
  | 'logins7'
  | 'logins30'
  | 'activities7'
  | 'lastActivity'
  | 'presence'
  | 'completeness'
  | 'stale'
  | 'training';

interface Column {
  key: SortKey;
  label: string;
  how?: string;
  numeric?: boolean;
  value: (person: PersonRow) => string | number | null;
}

const COLUMNS: Column[] = [
  { key: 'name', label: 'Person', value: (p) => (p.name ?? p.externalId).toLowerCase() },
  { key: 'manager', label: 'Manager', value: (p) => p.managerName?.toLowerCase() ?? null },
  {
    key: 'lastLogin',
    label: 'Last login',
    how: 'Latest counted login (succeeded, not through the API) on or before the as-of day.',
    value: (p) => p.lastLoginAt,
  },
  {
    key: 'logins7',
    label: 'Logins (7 days)',
    numeric: true,
    how: 'Counted logins in the 7 days ending on the as-of day.',
    value: (p) => p.logins7,
  },
  {
    key: 'logins30',
    label: 'Logins (30 days)',
    numeric: true,
    how: 'Counted logins in the 30 days ending on the as-of day.',
    value: (p) => p.logins30,
  },
  {
    key: 'activities7',
    label: 'Activities (7 days)',
    numeric: true,
    how: 'Activities (calls, e-mails, meetings, tasks, notes) they own that took place in the 7 days ending on the as-of day.',
    value: (p) => p.activities7,
  },
  {
    key: 'lastActivity',
    label: 'Last activity',
    how: 'Their latest activity on or before the as-of day.',
    value: (p) => p.lastActivityAt,
  },
  {
    key: 'presence',
    label: 'Presence and work',
    how: 'In the 7 days ending on the as-of day: logs in (a counted login) and works (an activity, or an opportunity or record created), one of them, or neither.',
    value: (p) => QUADRANTS.findIndex((quadrant) => quadrant.key === p.presence),
  },
  {
    key: 'completeness',
    label: 'Record completeness',
    numeric: true,
    how: 'Mean over the tracked records this person owns of the share of required fields filled (placeholders such as "n/a" do not count).',
    value: (p) => p.recordCompleteness,
  },
  {
    key: 'stale',
    label: 'Stale opportunities',
    numeric: true,
    how: 'Open opportunities that are stale (not created, modified or worked on in 30 days, or past their close date), of all their open opportunities.',
    value: (p) => (p.openOpportunities === 0 ? null : p.staleOpportunities / p.openOpportunities),
  },
  {
    key: 'training',
    label: 'Training',
    numeric: true,
    how: 'Required courses completed on or before the as-of day, of all required courses.',
    value: (p) => (p.requiredCourses === 0 ? null : p.requiredCoursesDone / p.requiredCourses),
  },
];

const PAGE = 50;

function compare(a: string | number | null, b: string | number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function cell(column: SortKey, person: PersonRow): ReactNode {
  const how = COLUMNS.find((c) => c.key === column)?.how ?? '';
  const explained = (text: string) => (
    <Explained how={how} focusable={false}>
      {text}
    </Explained>
  );
  switch (column) {
    case 'lastLogin':
      return person.lastLoginAt ? explained(formatInstant(person.lastLoginAt)) : <span className="muted">never</span>;
    case 'logins7':
      return explained(String(person.logins7));
    case 'logins30':
      return explained(String(person.logins30));
    case 'activities7':
      return explained(String(person.activities7));
    case 'lastActivity':
      return person.lastActivityAt ? explained(formatInstant(person.lastActivityAt)) : <span className="muted">none</span>;
    case 'presence':
      return explained(QUADRANTS.find((quadrant) => quadrant.key === person.presence)?.label ?? person.presence);
    case 'completeness':
      return person.recordCompleteness === null ? (
        <span className="muted">
          {MISSING} <span className="visually-hidden">owns no tracked record</span>
        </span>
      ) : (
        explained(`${formatShare(person.recordCompleteness)} of ${person.trackedRecords}`)
      );
    case 'stale':
      return person.openOpportunities === 0 ? (
        <span className="muted">no open</span>
      ) : (
        explained(`${person.staleOpportunities} of ${person.openOpportunities}`)
      );
    case 'training':
      return person.requiredCourses === 0 ? (
        <span className="muted">no required course</span>
      ) : (
        explained(`${person.requiredCoursesDone} of ${person.requiredCourses}${person.trainingComplete ? ' ✓' : ''}`)
      );
    default:
      return null;
  }
}

/** The department's seat holders with their own adoption numbers; sortable and filterable. */
export function PeopleTable({ people }: { people: PersonRow[] }) {
  const filterId = useId();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const [limit, setLimit] = useState(PAGE);

  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const column = COLUMNS.find((c) => c.key === sort.key)!;
    return people
      .filter((p) => !needle || [p.name, p.email, p.managerName, p.externalId].some((text) => text?.toLowerCase().includes(needle)))
      .sort((a, b) => (sort.descending ? -1 : 1) * compare(column.value(a), column.value(b)));
  }, [people, filter, sort]);

  if (people.length === 0) return <EmptyState title="No seat holders on this day" />;
  const shown = rows.slice(0, limit);
  return (
    <>
      <div className="table-tools">
        <div className="field">
          <label htmlFor={filterId}>Filter people</label>
          <input
            id={filterId}
            type="search"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Name, e-mail or manager"
          />
        </div>
        <p className="muted" aria-live="polite">
          {rows.length === people.length ? `${people.length} people` : `${rows.length} of ${people.length} people`}
        </p>
      </div>
      <TableScroll label="People">
        <table data-testid="people-table">
          <thead>
            <tr>
              {COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'num' : undefined}
                  aria-sort={sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() =>
                      setSort((current) => ({ key: column.key, descending: current.key === column.key ? !current.descending : false }))
                    }
                  >
                    {column.label}
                    <span aria-hidden="true">{sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
                  </button>
                  {column.how ? <InfoTip label={column.label} content={column.how} /> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((person) => (
              <tr key={`${person.connectionId}:${person.externalId}`} data-testid={`person-${person.externalId}`}>
                <th scope="row">
                  {person.name ?? person.externalId}
                  {person.email ? <span className="person-email">{person.email}</span> : null}
                </th>
                <td>
                  <ManagerCell person={person} />
                </td>
                {COLUMNS.slice(2).map((column) => (
                  <td key={column.key} className={column.numeric ? 'num' : undefined}>
                    {cell(column.key, person)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {rows.length > limit ? (
        <p>
          <button type="button" className="button button-secondary" onClick={() => setLimit(rows.length)}>
            Show all {rows.length} people
          </button>
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted">Nobody matches “{filter}”.</p> : null}
    </>
  );
}

function ManagerCell({ person }: { person: { managerName: string | null; managerExternalId: string | null } }) {
  const label = managerLabel(person);
  if (label === null) return <span className="muted">none</span>;
  return label.unknown ? (
    <span className="muted" title="manager_id names no imported user">
      {label.text}
    </span>
  ) : (
    <>{label.text}</>
  );
}
