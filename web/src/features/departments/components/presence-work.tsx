import type { DepartmentPresenceResponse, PresenceGroup } from '@uptake/shared';
import { Suppressed } from '@/components/ui/suppressed';
import { TableScroll } from '@/components/ui/table-scroll';
import { InfoTip } from '@/components/ui/tooltip';
import { formatCount, formatShare, MISSING } from '@/utils/format';
import { ACTIVE_CONTRIBUTORS_HOW, ACTIVE_USERS_HOW, QUADRANTS } from '@/utils/presence';

function shareText(value: number | null): string {
  return value === null ? MISSING : formatShare(value);
}

/** The four quadrants of a group as a 2 × 2 grid: logs in or not (rows) by works or not (columns). */
function Quadrant({ group }: { group: PresenceGroup }) {
  const cell = (index: number) => {
    const quadrant = QUADRANTS[index];
    return (
      <div className={`quadrant-cell quadrant-${quadrant.key}`} data-testid={`quadrant-${quadrant.key}`}>
        <span className="quadrant-count">{formatCount(group.quadrants[quadrant.key])}</span>
        <span className="quadrant-label">
          {quadrant.label} <InfoTip label={quadrant.label} content={quadrant.how} />
        </span>
      </div>
    );
  };
  return (
    <div className="quadrant" role="group" aria-label="Seat holders by presence and work">
      {cell(0)}
      {cell(1)}
      {cell(2)}
      {cell(3)}
    </div>
  );
}

/**
 * Presence and work of a department: who logs in against who does work in the CRM, as a quadrant
 * of its seat holders and counted per manager (direct reports). Small groups come hidden from the
 * server for roles that may not see the department's people.
 */
export function PresenceWork({ data }: { data: DepartmentPresenceResponse }) {
  const { total } = data;
  return (
    <div className="stack">
      {total.suppressed ? (
        <p data-testid="presence-total">
          <Suppressed seatHolders={total.seatHolders} />
        </p>
      ) : (
        <>
          <p data-testid="presence-total">
            Active users <strong data-testid="presence-active-users">{shareText(total.activeUsers)}</strong>{' '}
            <InfoTip label="Active users" content={ACTIVE_USERS_HOW} /> against active contributors{' '}
            <strong data-testid="presence-active-contributors">{shareText(total.activeContributors)}</strong>{' '}
            <InfoTip label="Active contributors" content={ACTIVE_CONTRIBUTORS_HOW} /> of {formatCount(total.seatHolders)} seat holders.
          </p>
          <Quadrant group={total} />
        </>
      )}
      {data.byManager.length > 0 ? (
        <TableScroll label="Presence and work by manager">
          <table data-testid="presence-by-manager">
            <thead>
              <tr>
                <th scope="col">Manager</th>
                <th scope="col" className="num">
                  Seat holders
                </th>
                {QUADRANTS.map((quadrant) => (
                  <th scope="col" className="num" key={quadrant.key}>
                    {quadrant.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.byManager.map((group) => (
                <tr key={group.managerExternalId ?? '(none)'} data-testid={`presence-manager-${group.managerName}`}>
                  <th scope="row">{group.managerName}</th>
                  <td className="num">{formatCount(group.seatHolders)}</td>
                  {group.suppressed ? (
                    <td colSpan={QUADRANTS.length}>
                      <Suppressed seatHolders={group.seatHolders} focusable={false} />
                    </td>
                  ) : (
                    QUADRANTS.map((quadrant) => (
                      <td key={quadrant.key} className="num" data-testid={`presence-manager-${group.managerName}-${quadrant.key}`}>
                        {formatCount(group.quadrants[quadrant.key])}
                      </td>
                    ))
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ) : null}
    </div>
  );
}
