import type { PresenceGroup, PresenceOverviewResponse } from '@uptake/shared';
import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/states';
import { Suppressed } from '@/components/ui/suppressed';
import { TableScroll } from '@/components/ui/table-scroll';
import { InfoTip } from '@/components/ui/tooltip';
import { formatCount, formatShare, MISSING } from '@/utils/format';
import { ACTIVE_CONTRIBUTORS_HOW, ACTIVE_USERS_HOW, QUADRANTS } from '@/utils/presence';

function shareText(value: number | null): string {
  return value === null ? MISSING : formatShare(value);
}

/** A share as a bar and its percentage; the bar is decoration, the text says it. */
function ShareBar({ value, kind, testId }: { value: number | null; kind: 'presence' | 'work'; testId: string }) {
  return (
    <span className="share-bar-cell" data-testid={testId}>
      <span className="share-bar" aria-hidden="true">
        <span className={`share-bar-fill share-bar-${kind}`} style={{ width: `${Math.round((value ?? 0) * 100)}%` }} />
      </span>
      <span>{shareText(value)}</span>
    </span>
  );
}

function Row({ name, group, link }: { name: string; group: PresenceGroup; link?: string }) {
  const id = `presence-${name}`;
  return (
    <tr data-testid={id}>
      <th scope="row">{link ? <Link to={link}>{name}</Link> : name}</th>
      <td className="num">{formatCount(group.seatHolders)}</td>
      {group.suppressed ? (
        <td colSpan={2 + QUADRANTS.length}>
          <Suppressed seatHolders={group.seatHolders} focusable={false} />
        </td>
      ) : (
        <>
          <td>
            <ShareBar value={group.activeUsers} kind="presence" testId={`${id}-active-users`} />
          </td>
          <td>
            <ShareBar value={group.activeContributors} kind="work" testId={`${id}-active-contributors`} />
          </td>
          {QUADRANTS.map((quadrant) => (
            <td key={quadrant.key} className="num" data-testid={`${id}-${quadrant.key}`}>
              {formatCount(group.quadrants[quadrant.key])}
            </td>
          ))}
        </>
      )}
    </tr>
  );
}

/**
 * Presence and work per department: active users (logs in) against active contributors (does
 * work in the CRM), and how many seat holders are in each of the four quadrants.
 */
export function PresenceOverview({ data, linkSearch = '' }: { data: PresenceOverviewResponse; linkSearch?: string }) {
  if (data.departments.length === 0) return <EmptyState title="No seat holders on this day" />;
  return (
    <TableScroll label="Presence and work by department">
      <table data-testid="presence-overview">
        <thead>
          <tr>
            <th scope="col">Department</th>
            <th scope="col" className="num">
              Seat holders
            </th>
            <th scope="col">
              Active users <InfoTip label="Active users" content={ACTIVE_USERS_HOW} />
            </th>
            <th scope="col">
              Active contributors <InfoTip label="Active contributors" content={ACTIVE_CONTRIBUTORS_HOW} />
            </th>
            {QUADRANTS.map((quadrant) => (
              <th scope="col" className="num" key={quadrant.key}>
                {quadrant.label} <InfoTip label={quadrant.label} content={quadrant.how} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.departments.map((entry) => (
            <Row
              key={entry.department}
              name={entry.department}
              group={entry}
              link={`/departments/${encodeURIComponent(entry.department)}${linkSearch}`}
            />
          ))}
          <Row name="Organisation" group={data.organisation} />
        </tbody>
      </table>
    </TableScroll>
  );
}
