import { suppressedLabel } from '@uptake/shared';
import { Tooltip } from '@/components/ui/tooltip';
import { useMinGroupSize } from '../api/get-min-group-size';

/**
 * In place of a value the server hid (`suppressed: true`): "hidden (fewer than 5 people)", with
 * the reason on hover and focus. Aggregates over fewer than the plan's min_group_size seat holders
 * are hidden from roles without people-level access to the group.
 */
export function SuppressedValue({ minGroupSize }: { minGroupSize?: number }) {
  const fromPlan = useMinGroupSize();
  const size = minGroupSize ?? fromPlan;
  return (
    <Tooltip
      className="suppressed-value"
      content={
        <>
          <strong className="tooltip-title">Hidden for privacy</strong>
          <span className="tooltip-text">
            This group has fewer than {size} people, so its figures are shown only to admins and to trainers of the department (launch plan: privacy.min_group_size).
          </span>
        </>
      }
    >
      {suppressedLabel(size)}
    </Tooltip>
  );
}
