import type { Forecast, ForecastsResponse } from '@uptake/shared';
import { isSmallGroup } from './complementary-suppression.util';
import { hiddenDepartments, ORGANISATION, type DaySizes, type PrivacyViewer } from './privacy-suppression.util';

/**
 * GET /api/forecasts: a forecast is drawn through 8 weeks of a group's values, so it is hidden from
 * a viewer who may not see the group's people when the group was small on any day of those weeks
 * (`fewestSeatHolders`), or when it must be hidden on the as-of day so that another small group
 * cannot be worked out (complementary suppression over `asOfSizes`, the seat holders of that day).
 * A hidden forecast keeps its goal and says nothing else. Pure: returns a new answer.
 */
export function suppressForecasts(
  answer: ForecastsResponse,
  minGroupSize: number,
  viewer: PrivacyViewer,
  asOfSizes?: DaySizes,
): ForecastsResponse {
  if (viewer.seesEveryone) return answer;
  const hiddenThatDay = asOfSizes
    ? hiddenDepartments(
        [...asOfSizes.departments].map(([department, seatHolders]) => ({ department, seatHolders })),
        asOfSizes.organisation,
        minGroupSize,
        viewer,
      )
    : null;
  const hidden = (forecast: Forecast): boolean => {
    if (forecast.department === ORGANISATION ? false : viewer.seesPeopleOf(forecast.department)) return false;
    if (isSmallGroup(forecast.fewestSeatHolders, minGroupSize)) return true;
    if (hiddenThatDay === null) return false;
    return forecast.department === ORGANISATION ? hiddenThatDay.totalHidden : hiddenThatDay.hidden.has(forecast.department);
  };
  return {
    ...answer,
    forecasts: answer.forecasts.map((forecast): Forecast =>
      hidden(forecast)
        ? {
            ...forecast,
            status: 'not_enough_data',
            projectedDate: null,
            onTrack: null,
            points: 0,
            slopePerDay: null,
            latest: null,
            suppressed: true,
          }
        : forecast,
    ),
  };
}
