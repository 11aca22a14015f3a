import { usePlan } from '@/features/goals/api/get-plan';
import { useAsOf } from '@/hooks/use-as-of';
import { formatDay } from '@/utils/date';

/** Says when the as-of day cannot be shown as asked: a future day (today is shown), or a day before the launch. */
export function AsOfNotice() {
  const { asOf, futureDay } = useAsOf();
  const launch = usePlan().data?.current?.plan.launch_date;
  if (futureDay) {
    return (
      <div className="notice notice-warning" role="note" data-testid="notice-future-day">
        {formatDay(futureDay)} is in the future: showing today, the latest day with data.
      </div>
    );
  }
  if (asOf && launch && asOf < launch) {
    return (
      <div className="notice notice-warning" role="note" data-testid="notice-before-launch">
        {formatDay(asOf)} is before the launch on {formatDay(launch)}: the plan starts then, so each goal’s expected value is its starting
        value (measured on the launch day), and the trend is shown from the launch.
      </div>
    );
  }
  return null;
}
