import {
  isSuppressed,
  type ActiveRate,
  type TrainingLift as Lift,
  ACTIVE_RATE_DEFINITION,
  ORGANISATION,
  WEEKLY_LOGINS_AROUND_TRAINING_DEFINITION,
} from '@uptake/shared';
import { Explained } from '@/components/ui/explained';
import { EmptyState } from '@/components/ui/states';
import { Suppressed } from '@/components/ui/suppressed';
import { InfoTip } from '@/components/ui/tooltip';
import { formatChange, formatCount, formatDecimal, formatShare, MISSING } from '@/utils/format';
import { TableScroll } from '@/components/ui/table-scroll';

const ACTIVE_HOW = ACTIVE_RATE_DEFINITION;
const WEEKLY_HOW = WEEKLY_LOGINS_AROUND_TRAINING_DEFINITION;

function Rate({ rate }: { rate: ActiveRate }) {
  if (rate.activeRate === null)
    return (
      <span className="muted">
        {MISSING} <span className="visually-hidden">nobody in this group</span>
      </span>
    );
  return (
    <>
      <Explained how={`${ACTIVE_HOW} ${rate.active7} of ${rate.seatHolders} seat holders.`} focusable={false}>
        {formatShare(rate.activeRate)}
      </Explained>{' '}
      <span className="muted">of {formatCount(rate.seatHolders)}</span>
    </>
  );
}

/** Did training move adoption? Active rate of trained against untrained seat holders, and logins before/after. */
export function TrainingLift({ lift, requiredCourses, how }: { lift: Lift[]; requiredCourses: number; how: string }) {
  if (requiredCourses === 0)
    return <EmptyState title="No required course">Mark a course as required in the training data to measure its lift.</EmptyState>;
  if (lift.length === 0) return <EmptyState title="No departments yet" />;
  return (
    <>
      <TableScroll label="Training lift by department">
        <table data-testid="training-lift">
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col" className="num">
                Active, trained <InfoTip label="Active rate of trained seat holders" content={ACTIVE_HOW} />
              </th>
              <th scope="col" className="num">
                Active, not trained <InfoTip label="Active rate of untrained seat holders" content={ACTIVE_HOW} />
              </th>
              <th scope="col" className="num">
                Lift <InfoTip label="Lift" content="Active rate of the trained minus that of the untrained, in percentage points." />
              </th>
              <th scope="col" className="num">
                Weekly logins before → after <InfoTip label="Weekly logins before and after training" content={WEEKLY_HOW} />
              </th>
            </tr>
          </thead>
          <tbody>
            {lift.map((row) => (
              <tr key={row.department} data-testid={`lift-${row.department === ORGANISATION ? 'Organisation' : row.department}`}>
                <th scope="row">{row.department === ORGANISATION ? 'Organisation' : row.department}</th>
                {isSuppressed(row) ? (
                  <td colSpan={4}>
                    <Suppressed focusable={false} lift />
                  </td>
                ) : (
                  <>
                    <td className="num">
                      <Rate rate={row.trained} />
                    </td>
                    <td className="num">
                      <Rate rate={row.untrained} />
                    </td>
                    <td className="num">
                      {row.activeRateLift === null ? (
                        <span className="muted">{MISSING}</span>
                      ) : (
                        <Explained how="Active rate of the trained minus that of the untrained." focusable={false}>
                          {formatChange('active_users', row.activeRateLift, 0)}
                        </Explained>
                      )}
                    </td>
                    <td className="num">
                      {row.beforeAfter.people === 0 ? (
                        <span className="muted">nobody trained 4 weeks ago</span>
                      ) : (
                        <>
                          <Explained how={WEEKLY_HOW} focusable={false}>
                            {`${formatDecimal(row.beforeAfter.weeklyLoginsBefore)} → ${formatDecimal(row.beforeAfter.weeklyLoginsAfter)}`}
                          </Explained>{' '}
                          <span className="muted">({formatCount(row.beforeAfter.people)} people)</span>
                        </>
                      )}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p className="figure-how">{how}</p>
    </>
  );
}
