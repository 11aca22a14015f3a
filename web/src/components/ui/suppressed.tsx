import { DEFAULT_MIN_GROUP_SIZE, suppressedLabelFor } from '@uptake/shared';
import { createContext, useContext } from 'react';
import { Tooltip } from './tooltip';

/** The plan's privacy.min_group_size, provided once by the app layout. */
export const MinGroupSizeContext = createContext(DEFAULT_MIN_GROUP_SIZE);

export function useMinGroupSizeSetting(): number {
  return useContext(MinGroupSizeContext);
}

/** Why a group is hidden: it is small, or showing it would let a smaller one be worked out; `lift`: a row of the training lift (either of its groups). */
function reasonText(size: number, seatHolders: number | null | undefined, lift: boolean): string {
  const who = 'so its figures are shown only to admins and to trainers of the department (launch plan: privacy.min_group_size).';
  if (lift)
    return `A group of this row (trained, not trained, or trained 4 weeks ago) has fewer than ${size} people, or showing the row would let such a group of another row be worked out from the organisation's row; ${who}`;
  if (typeof seatHolders === 'number' && seatHolders >= size)
    return `This group has ${seatHolders} seat holders, but the organisation total minus the groups shown would give the figures of a group of fewer than ${size}, so this group is hidden with it; ${who}`;
  return `This group has fewer than ${size} seat holders, ${who}`;
}

/**
 * In place of values the server hid for privacy (`suppressed: true`: fewer than min_group_size
 * seat holders, or hidden with such a group so that it cannot be worked out from the total, and
 * the reader may not see this group's people): "hidden (fewer than N people)" or "hidden (would
 * reveal a group of fewer than N people)" as `seatHolders` says, with the reason on hover and focus.
 */
export function Suppressed({
  focusable,
  testId,
  seatHolders,
  lift = false,
}: {
  focusable?: boolean;
  testId?: string;
  seatHolders?: number | null;
  lift?: boolean;
}) {
  const size = useMinGroupSizeSetting();
  return (
    <Tooltip
      className="suppressed-value"
      focusable={focusable}
      testId={testId}
      content={
        <>
          <strong className="tooltip-title">Hidden for privacy</strong>
          <span className="tooltip-text">{reasonText(size, seatHolders, lift)}</span>
        </>
      }
    >
      {lift ? `hidden (a group of fewer than ${size} people, or one it would reveal)` : suppressedLabelFor(seatHolders, size)}
    </Tooltip>
  );
}
