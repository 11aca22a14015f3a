import { suppressedLabel } from '@uptake/shared';
import { createContext, useContext } from 'react';
import { Tooltip } from './tooltip';

export const DEFAULT_MIN_GROUP_SIZE = 5;

/** The plan's privacy.min_group_size, provided once by the app layout. */
export const MinGroupSizeContext = createContext(DEFAULT_MIN_GROUP_SIZE);

export function useMinGroupSizeSetting(): number {
  return useContext(MinGroupSizeContext);
}

/**
 * In place of values the server hid for privacy (`suppressed: true`: fewer than min_group_size
 * seat holders, and the reader may not see this group's people): "hidden (fewer than N people)",
 * with the reason on hover and focus.
 */
export function Suppressed({ focusable, testId }: { focusable?: boolean; testId?: string }) {
  const size = useMinGroupSizeSetting();
  return (
    <Tooltip
      className="suppressed-value"
      focusable={focusable}
      testId={testId}
      content={
        <>
          <strong className="tooltip-title">Hidden for privacy</strong>
          <span className="tooltip-text">
            This group has fewer than {size} seat holders, so its figures are shown only to admins and to trainers of the department (launch plan: privacy.min_group_size).
          </span>
        </>
      }
    >
      {suppressedLabel(size)}
    </Tooltip>
  );
}
